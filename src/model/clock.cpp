#include "redress/model/clock.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <limits>
#include <stdexcept>

#include "model/civil.hpp"

namespace redress {
namespace {

// Large enough for any statutory period, small enough that no unit overflows an instant.
constexpr std::int64_t kMaxClockAmount = 100'000;

constexpr std::string_view kClockForms =
    "write e.g. 15 calendar_days, 7 working_days, 8 weeks, 6 months, 72 hours or "
    "16 business_hours";

struct ClockUnitSpelling {
  std::string_view word;
  ClockUnit unit;
};

constexpr std::array<ClockUnitSpelling, 12> kClockUnits = {{
    {"hours", ClockUnit::hours},
    {"hour", ClockUnit::hours},
    {"business_hours", ClockUnit::business_hours},
    {"business_hour", ClockUnit::business_hours},
    {"calendar_days", ClockUnit::calendar_days},
    {"calendar_day", ClockUnit::calendar_days},
    {"working_days", ClockUnit::working_days},
    {"working_day", ClockUnit::working_days},
    {"weeks", ClockUnit::weeks},
    {"week", ClockUnit::weeks},
    {"months", ClockUnit::months},
    {"month", ClockUnit::months},
}};

/// Why a unit that reads like a clock unit is not one.
std::string_view misread_unit(std::string_view word) {
  if (word == "business_days" || word == "business_day") {
    return ": a statutory business day is a whole working day of a calendar, so write "
           "working_days";
  }
  if (word == "d" || word == "days" || word == "day") {
    return ": say how days are counted, calendar_days or working_days";
  }
  if (word == "m" || word == "h" || word == "minutes") return ": write hours";
  return {};
}

constexpr const char* kTooFar = "the due time is too far away";

/// The local date `months` calendar months after `date`, on the same day of the month or, when
/// that month is shorter, on its last day.
std::int64_t add_months(std::int64_t date, std::int64_t months) {
  using namespace std::chrono;
  const year_month_day ymd{sys_days{days{static_cast<days::rep>(date)}}};
  const auto total = static_cast<std::int64_t>(static_cast<int>(ymd.year())) * 12 +
                     static_cast<std::int64_t>(static_cast<unsigned>(ymd.month())) - 1 + months;
  const year_month target{year{static_cast<int>(total / 12)},
                          month{static_cast<unsigned>(total % 12 + 1)}};
  const auto last = year_month_day_last{target.year(), month_day_last{target.month()}}.day();
  const year_month_day out{target.year(), target.month(), std::min(ymd.day(), last)};
  return sys_days{out}.time_since_epoch().count();
}

/// The last local date of a period of days starting on `date` (not counted).
std::int64_t last_day(std::int64_t date, const ClockPeriod& period, const Calendar* calendar) {
  switch (period.unit) {
    case ClockUnit::calendar_days:
      return civil::checked_add(date, period.amount, kTooFar);
    case ClockUnit::weeks:
      return civil::checked_add(date, civil::checked_mul(period.amount, 7, kTooFar), kTooFar);
    case ClockUnit::months:
      return add_months(date, period.amount);
    case ClockUnit::working_days:
      return calendar->working_date_after(date, period.amount);
    case ClockUnit::hours:
    case ClockUnit::business_hours:
      break;
  }
  throw std::invalid_argument("not a period of days");
}

}  // namespace

bool ClockPeriod::parse(std::string_view text, ClockPeriod& out, std::string& error) {
  const std::string_view s = civil::trim_blanks(text);
  std::size_t digits = 0;
  while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
  if (digits == 0) {
    error = fmt::format("'{}' is not a clock period; {}", text, kClockForms);
    return false;
  }
  std::int64_t amount = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    amount = amount * 10 + (s[i] - '0');
    if (amount > kMaxClockAmount) {
      error = fmt::format("'{}' is too long a period; the amount can be at most {}", text,
                          kMaxClockAmount);
      return false;
    }
  }
  const std::string_view rest = s.substr(digits);
  const bool spaced = !rest.empty() && (rest.front() == ' ' || rest.front() == '\t');
  const std::string_view word = civil::trim_blanks(rest);
  for (const auto& spelling : kClockUnits) {
    if (spaced && word == spelling.word) {
      out = ClockPeriod{amount, spelling.unit};
      return true;
    }
  }
  error = fmt::format("'{}' is not a clock period{}; {}", text, misread_unit(word), kClockForms);
  return false;
}

std::string ClockPeriod::to_string() const {
  return fmt::format("{} {}", amount, redress::to_string(unit));
}

Timestamp clock_due(Timestamp start, const ClockCount& count, const Calendar* calendar) {
  const std::int32_t offset = calendar ? calendar->utc_offset_minutes : start.offset_minutes;
  const auto& period = count.period;
  if (period.unit == ClockUnit::hours) {
    return {civil::checked_add(start.utc_seconds, civil::checked_mul(period.amount, 3600, kTooFar),
                               kTooFar),
            offset};
  }
  if (period.unit == ClockUnit::business_hours) {
    return calendar->add(start, Duration{period.amount, DurationUnit::business_hours});
  }
  const std::int64_t offset_seconds = std::int64_t{offset} * 60;
  const std::int64_t start_date = civil::floor_div(
      civil::checked_add(start.utc_seconds, offset_seconds, kTooFar), civil::kSecondsPerDay);
  std::int64_t last = last_day(start_date, period, calendar);
  if (count.roll_to_working_day) last = calendar->working_date_after(last - 1, 1);
  const std::int64_t end_second = count.end == ClockEnd::close_of_business
                                      ? std::int64_t{calendar->close_minute} * 60
                                      : civil::kSecondsPerDay - 1;
  if (last > (std::numeric_limits<std::int64_t>::max() - end_second) / civil::kSecondsPerDay) {
    throw std::out_of_range("the due time is too far away");
  }
  return {last * civil::kSecondsPerDay + end_second - offset_seconds, offset};
}

}  // namespace redress
