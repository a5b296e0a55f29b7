#include "redress/model/time.hpp"

#include <fmt/format.h>

#include <array>
#include <chrono>

#include "model/civil.hpp"

namespace redress {
namespace {

constexpr std::string_view kTimestampShape =
    "expected YYYY-MM-DDTHH:MM:SS followed by Z or an offset such as +08:00";

// Checks one numeric field of a timestamp against its range, naming it in the error.
bool in_range(int value, int low, int high, std::string_view what, std::string& error) {
  if (value >= low && value <= high) return true;
  error = fmt::format("{} {:02} is out of range ({:02} to {:02})", what, value, low, high);
  return false;
}

// Parses the part after the seconds: an optional ignored fraction, then the offset.
bool parse_tail(std::string_view tail, std::int32_t& offset, std::string& error) {
  if (!tail.empty() && tail.front() == '.') {
    std::size_t digits = 1;
    while (digits < tail.size() && tail[digits] >= '0' && tail[digits] <= '9') ++digits;
    if (digits == 1) {
      error = "a fraction of a second needs at least one digit after the '.'";
      return false;
    }
    tail.remove_prefix(digits);
  }
  if (tail.empty()) {
    error = "the timestamp has no UTC offset; end it with Z or an offset such as +08:00";
    return false;
  }
  switch (civil::parse_offset(tail, offset)) {
    case civil::OffsetStatus::ok:
      return true;
    case civil::OffsetStatus::out_of_range:
      error = fmt::format("offset {} is out of range (-18:00 to +18:00)", tail);
      return false;
    case civil::OffsetStatus::malformed:
      break;
  }
  error = fmt::format("'{}' is not a UTC offset; write Z or e.g. +08:00 or -05:30", tail);
  return false;
}

struct UnitSpelling {
  std::string_view word;
  DurationUnit unit;
};

// Every accepted spelling; the compact ones are written straight after the number ("15m").
constexpr std::array<UnitSpelling, 13> kUnits = {{
    {"m", DurationUnit::minutes},
    {"h", DurationUnit::hours},
    {"d", DurationUnit::days},
    {"minutes", DurationUnit::minutes},
    {"minute", DurationUnit::minutes},
    {"hours", DurationUnit::hours},
    {"hour", DurationUnit::hours},
    {"days", DurationUnit::days},
    {"day", DurationUnit::days},
    {"business_hours", DurationUnit::business_hours},
    {"business_hour", DurationUnit::business_hours},
    {"business_days", DurationUnit::business_days},
    {"business_day", DurationUnit::business_days},
}};

// Large enough for any real SLA, small enough that no unit can overflow an instant.
constexpr std::int64_t kMaxDurationAmount = 1'000'000;

std::string duration_error(std::string_view text, std::string_view why = {}) {
  return fmt::format(
      "'{}' is not a duration{}; write e.g. 15m, 2h, 1d, 4 business_hours or 3 business_days", text,
      why);
}

}  // namespace

bool Timestamp::parse(std::string_view text, Timestamp& out, std::string& error) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  const bool shape_ok = text.size() >= 19 && civil::read_digits(text, 0, 4, year) &&
                        text[4] == '-' && civil::read_digits(text, 5, 2, month) && text[7] == '-' &&
                        civil::read_digits(text, 8, 2, day) &&
                        (text[10] == 'T' || text[10] == 't') &&
                        civil::read_digits(text, 11, 2, hour) && text[13] == ':' &&
                        civil::read_digits(text, 14, 2, minute) && text[16] == ':' &&
                        civil::read_digits(text, 17, 2, second);
  if (!shape_ok) {
    error = std::string(kTimestampShape);
    return false;
  }
  if (year < 1) {
    error = "year 0000 is out of range (0001 to 9999)";
    return false;
  }
  if (!in_range(month, 1, 12, "month", error)) return false;
  const auto days = civil::days_from_civil(year, month, day);
  if (!days) {
    error = fmt::format("day {:02} does not exist in {:04}-{:02}", day, year, month);
    return false;
  }
  if (!in_range(hour, 0, 23, "hour", error) || !in_range(minute, 0, 59, "minute", error) ||
      !in_range(second, 0, 59, "second", error)) {
    return false;
  }
  std::int32_t offset = 0;
  if (!parse_tail(text.substr(19), offset, error)) return false;
  const std::int64_t local = *days * civil::kSecondsPerDay + hour * 3600 + minute * 60 + second;
  out = Timestamp{local - std::int64_t{offset} * 60, offset};
  return true;
}

bool Timestamp::representable() const {
  // Local seconds of 0001-01-01T00:00:00 and of 10000-01-01T00:00:00, relative to the epoch.
  // Constants: every deadline of every decision is checked.
  constexpr std::int64_t first = *civil::days_from_civil(1, 1, 1) * civil::kSecondsPerDay;
  constexpr std::int64_t past_last = *civil::days_from_civil(10000, 1, 1) * civil::kSecondsPerDay;
  // Offsets are within +-18:00 and utc_seconds far from the int64 limits for any real instant;
  // an instant near the limits is out of range anyway and must not overflow here.
  std::int64_t local = 0;
  if (__builtin_add_overflow(utc_seconds, std::int64_t{offset_minutes} * 60, &local)) return false;
  return local >= first && local < past_last;
}

std::string Timestamp::to_string() const {
  const std::int64_t local = utc_seconds + std::int64_t{offset_minutes} * 60;
  const std::int64_t days = civil::floor_div(local, civil::kSecondsPerDay);
  const std::int64_t secs = local - days * civil::kSecondsPerDay;
  const std::chrono::year_month_day ymd{
      std::chrono::sys_days{std::chrono::days{static_cast<std::chrono::days::rep>(days)}}};
  const std::int32_t abs_offset = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}",
                     static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()), secs / 3600, secs / 60 % 60, secs % 60,
                     offset_minutes < 0 ? '-' : '+', abs_offset / 60, abs_offset % 60);
}

bool Duration::parse(std::string_view text, Duration& out, std::string& error) {
  const std::string_view s = civil::trim_blanks(text);
  if (!s.empty() && s.front() == '-') {
    error = duration_error(text, ": durations cannot be negative");
    return false;
  }
  std::size_t digits = 0;
  while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
  if (digits == 0) {
    error = duration_error(text);
    return false;
  }
  if (digits < s.size() && s[digits] == '.') {
    error = duration_error(text, ": the amount must be a whole number");
    return false;
  }
  std::int64_t amount = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    amount = amount * 10 + (s[i] - '0');
    if (amount > kMaxDurationAmount) {
      error = fmt::format("'{}' is too long a duration; the amount can be at most {}", text,
                          kMaxDurationAmount);
      return false;
    }
  }
  const std::string_view rest = s.substr(digits);
  const bool spaced = !rest.empty() && (rest.front() == ' ' || rest.front() == '\t');
  const std::string_view word = civil::trim_blanks(rest);
  for (const auto& spelling : kUnits) {
    // Compact units ("15m") take no space; spelled-out units ("15 minutes") need one.
    const bool compact = spelling.word.size() == 1;
    if (word == spelling.word && compact != spaced) {
      out = Duration{amount, spelling.unit};
      return true;
    }
  }
  error = duration_error(text);
  return false;
}

std::string Duration::to_string() const {
  switch (unit) {
    case DurationUnit::minutes:
      return fmt::format("{}m", amount);
    case DurationUnit::hours:
      return fmt::format("{}h", amount);
    case DurationUnit::days:
      return fmt::format("{}d", amount);
    case DurationUnit::business_hours:
      return fmt::format("{} business_hours", amount);
    case DurationUnit::business_days:
      return fmt::format("{} business_days", amount);
  }
  return fmt::format("{}m", amount);
}

}  // namespace redress
