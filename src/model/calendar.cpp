#include "redress/model/calendar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "model/civil.hpp"

namespace redress {
namespace {

// 1970-01-01 was a Thursday; weekday index 0 is Monday.
int weekday_index(std::int64_t days) { return static_cast<int>((days % 7 + 7 + 3) % 7); }

constexpr const char* kTooLong = "duration is too long";

std::int64_t checked_add_days(std::int64_t a, std::int64_t b) {
  return civil::checked_add(a, b, kTooLong);
}

std::int64_t checked_mul_days(std::int64_t a, std::int64_t b) {
  return civil::checked_mul(a, b, kTooLong);
}

void require_usable(const Calendar& cal) {
  const bool any_day = std::any_of(cal.working_days.begin(), cal.working_days.end(),
                                   [](bool working) { return working; });
  if (!any_day || cal.open_minute < 0 || cal.close_minute > 24 * 60 ||
      cal.open_minute >= cal.close_minute) {
    throw std::invalid_argument("calendar '" + cal.id +
                                "' has no working time: it needs a working weekday and "
                                "opening hours with open < close");
  }
}

// Counts business days over local dates and finds the n-th one, without walking day by day.
class WorkingDates {
 public:
  explicit WorkingDates(const Calendar& cal) : cal_(cal) {
    per_week_ = std::count(cal.working_days.begin(), cal.working_days.end(), true);
  }

  /// Working dates in [from, to).
  [[nodiscard]] std::int64_t count(std::int64_t from, std::int64_t to) const {
    const std::int64_t span = to - from;
    std::int64_t n = span / 7 * per_week_;
    for (std::int64_t d = from + span / 7 * 7; d < to; ++d)
      n += cal_.working_days[weekday_index(d)];
    return n - holidays_on_working_weekdays(from, to) + makeup_days_worked(from, to);
  }

  /// The n-th working date (1-based) on or after `from`.
  [[nodiscard]] std::int64_t nth(std::int64_t from, std::int64_t n) const {
    // Each holiday removes at most one working date, and every week has at least one; make-up
    // days only add working dates.
    const auto holidays = static_cast<std::int64_t>(cal_.holidays.size());
    std::int64_t lo = from;
    std::int64_t hi = checked_add_days(from, checked_mul_days(n / per_week_ + holidays + 2, 7));
    while (lo < hi) {  // smallest d with count(from, d + 1) >= n
      const std::int64_t mid = lo + (hi - lo) / 2;
      if (count(from, mid + 1) >= n) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

 private:
  [[nodiscard]] std::int64_t holidays_on_working_weekdays(std::int64_t from,
                                                          std::int64_t to) const {
    const auto first = std::lower_bound(cal_.holidays.begin(), cal_.holidays.end(), from);
    const auto last = std::lower_bound(first, cal_.holidays.end(), to);
    return std::count_if(first, last,
                         [&](std::int32_t d) { return cal_.working_days[weekday_index(d)]; });
  }

  /// Make-up days in [from, to) that fall on a rest weekday and are not holidays (a calendar
  /// built in code may list others; those change nothing).
  [[nodiscard]] std::int64_t makeup_days_worked(std::int64_t from, std::int64_t to) const {
    const auto first = std::lower_bound(cal_.makeup_days.begin(), cal_.makeup_days.end(), from);
    const auto last = std::lower_bound(first, cal_.makeup_days.end(), to);
    return std::count_if(first, last, [&](std::int32_t d) {
      return !cal_.working_days[weekday_index(d)] &&
             !std::binary_search(cal_.holidays.begin(), cal_.holidays.end(), d);
    });
  }

  const Calendar& cal_;
  std::int64_t per_week_ = 0;
};

}  // namespace

bool Calendar::is_working_date(std::int32_t local_days) const {
  if (std::binary_search(holidays.begin(), holidays.end(), local_days)) return false;
  return working_days[static_cast<std::size_t>(weekday_index(local_days))] ||
         std::binary_search(makeup_days.begin(), makeup_days.end(), local_days);
}

std::int64_t Calendar::working_date_after(std::int64_t local_days, std::int64_t n) const {
  if (n <= 0) return local_days;
  require_usable(*this);
  return WorkingDates(*this).nth(checked_add_days(local_days, 1), n);
}

std::int64_t Calendar::local_date(Timestamp instant) const {
  return civil::floor_div(instant.utc_seconds + std::int64_t{utc_offset_minutes} * 60,
                          civil::kSecondsPerDay);
}

Timestamp Calendar::add(Timestamp start, const Duration& duration) const {
  const std::int64_t offset_seconds = std::int64_t{utc_offset_minutes} * 60;
  switch (duration.unit) {
    case DurationUnit::minutes:
      return {checked_add_days(start.utc_seconds, checked_mul_days(duration.amount, 60)),
              utc_offset_minutes};
    case DurationUnit::hours:
      return {checked_add_days(start.utc_seconds, checked_mul_days(duration.amount, 3600)),
              utc_offset_minutes};
    case DurationUnit::days:
      return {checked_add_days(start.utc_seconds,
                               checked_mul_days(duration.amount, civil::kSecondsPerDay)),
              utc_offset_minutes};
    case DurationUnit::business_hours:
    case DurationUnit::business_days:
      break;
  }
  require_usable(*this);
  const std::int64_t per_day = working_minutes_per_day() * 60;
  std::int64_t remaining = duration.unit == DurationUnit::business_hours
                               ? checked_mul_days(duration.amount, 3600)
                               : checked_mul_days(duration.amount, per_day);
  // The earliest instant by which `remaining` open seconds have elapsed: for zero that is the
  // start itself, even outside hours.
  if (remaining <= 0) return start.in_offset(utc_offset_minutes);

  const std::int64_t open = std::int64_t{open_minute} * 60;
  const std::int64_t close = std::int64_t{close_minute} * 60;
  const std::int64_t local = start.utc_seconds + offset_seconds;
  std::int64_t day = civil::floor_div(local, civil::kSecondsPerDay);
  const std::int64_t second_of_day = local - day * civil::kSecondsPerDay;
  const auto to_instant = [&](std::int64_t d, std::int64_t second) {
    return Timestamp{d * civil::kSecondsPerDay + second - offset_seconds, utc_offset_minutes};
  };

  // Only the part of the start day after `start` counts; a start at or after close counts none.
  const WorkingDates dates(*this);
  if (dates.count(day, day + 1) == 1 && second_of_day < close) {
    const std::int64_t from = std::max(second_of_day, open);
    if (remaining <= close - from) return to_instant(day, from + remaining);
    remaining -= close - from;
  }
  ++day;
  // Whole working days are skipped at once; the last one is used up to `rest` seconds.
  const std::int64_t days_needed = (remaining + per_day - 1) / per_day;
  const std::int64_t last_day = dates.nth(day, days_needed);
  const std::int64_t rest = remaining - (days_needed - 1) * per_day;
  return to_instant(last_day, open + rest);
}

bool parse_local_date(std::string_view text, std::int32_t& days) {
  int year = 0, month = 0, day = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' ||
      !civil::read_digits(text, 0, 4, year) || !civil::read_digits(text, 5, 2, month) ||
      !civil::read_digits(text, 8, 2, day)) {
    return false;
  }
  const auto result = civil::days_from_civil(year, month, day);
  if (!result) return false;
  days = static_cast<std::int32_t>(*result);
  return true;
}

bool parse_decision_time(std::string_view text, Timestamp& out, std::string& error) {
  std::int32_t days = 0;
  if (text.size() == 10 && parse_local_date(text, days)) {
    out = Timestamp{std::int64_t{days} * civil::kSecondsPerDay, 0};
    return true;
  }
  if (Timestamp::parse(text, out, error)) return true;
  error = fmt::format("'{}' is not a date (YYYY-MM-DD) or a timestamp: {}", text, error);
  return false;
}

std::string format_local_date(std::int64_t days) {
  const std::chrono::year_month_day ymd{
      std::chrono::sys_days{std::chrono::days{static_cast<std::chrono::days::rep>(days)}}};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

bool parse_time_of_day(std::string_view text, std::int32_t& minutes) {
  int hour = 0, minute = 0;
  if (text.size() != 5 || text[2] != ':' || !civil::read_digits(text, 0, 2, hour) ||
      !civil::read_digits(text, 3, 2, minute)) {
    return false;
  }
  if (minute > 59 || hour > 24 || (hour == 24 && minute != 0)) return false;
  minutes = hour * 60 + minute;
  return true;
}

bool parse_utc_offset(std::string_view text, std::int32_t& minutes) {
  return civil::parse_offset(text, minutes) == civil::OffsetStatus::ok;
}

}  // namespace redress
