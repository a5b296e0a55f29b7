// Private helpers shared by the model's time, calendar and clock code: fixed-width digits, civil
// dates, blank trimming and overflow-checked day and second arithmetic.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string_view>

namespace redress::civil {

inline constexpr std::int64_t kSecondsPerDay = 86'400;

/// Reads exactly `count` ASCII digits starting at `pos`; false if the text is too short or any
/// character is not a digit.
inline bool read_digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > text.size()) return false;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  out = value;
  return true;
}

/// Days since 1970-01-01 of a proleptic Gregorian date, or nullopt when it is not a real date
/// (month 13, 31 April, 29 February of a common year, ...).
constexpr std::optional<std::int64_t> days_from_civil(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{year},
                                        std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd}.time_since_epoch().count();
}

/// Division rounding toward negative infinity, so that instants before 1970 land on the right
/// day.
inline std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/// `text` without leading and trailing spaces and tabs.
inline std::string_view trim_blanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

/// a + b and a * b on days or seconds; std::out_of_range(`what`) when the result overflows (a
/// duration or due time beyond any calendar).
inline std::int64_t checked_add(std::int64_t a, std::int64_t b, const char* what) {
  std::int64_t r = 0;
  if (__builtin_add_overflow(a, b, &r)) throw std::out_of_range(what);
  return r;
}

inline std::int64_t checked_mul(std::int64_t a, std::int64_t b, const char* what) {
  std::int64_t r = 0;
  if (__builtin_mul_overflow(a, b, &r)) throw std::out_of_range(what);
  return r;
}

enum class OffsetStatus { ok, malformed, out_of_range };

/// Parses "Z", "+HH:MM" or "-HH:MM" (minutes 00-59, at most 18:00 either way).
inline OffsetStatus parse_offset(std::string_view text, std::int32_t& minutes) {
  if (text == "Z" || text == "z") {
    minutes = 0;
    return OffsetStatus::ok;
  }
  int hours = 0;
  int mins = 0;
  if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':' ||
      !read_digits(text, 1, 2, hours) || !read_digits(text, 4, 2, mins)) {
    return OffsetStatus::malformed;
  }
  const int total = hours * 60 + mins;
  if (mins > 59 || total > 18 * 60) return OffsetStatus::out_of_range;
  minutes = text[0] == '-' ? -total : total;
  return OffsetStatus::ok;
}

}  // namespace redress::civil
