// Statutory clocks: a period counted from a start instant by a day convention, and the instant
// it falls due.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "redress/model/calendar.hpp"
#include "redress/model/enums.hpp"
#include "redress/model/time.hpp"

namespace redress {

/// A clock's period as written in a policy: "15 calendar_days", "7 working_days", "8 weeks",
/// "6 months", "72 hours", "16 business_hours".
///
/// Units of days count whole local dates after the day of the start (that day is not counted:
/// "within 15 days of receipt" ends on the 15th day after it), the way complaint rules count
/// them. Hours count from the start instant.
struct ClockPeriod {
  std::int64_t amount = 0;                    ///< in `unit`s; 0 to 100,000 when parsed
  ClockUnit unit = ClockUnit::calendar_days;  ///< how `amount` is counted

  /// Accepts "<n> <unit>" with a unit of ClockUnit, singular or plural ("1 week", "8 weeks").
  /// On failure returns false and sets `error` to what is wrong and what would be accepted.
  static bool parse(std::string_view text, ClockPeriod& out, std::string& error);
  /// Canonical spelling ("15 calendar_days"), the one parse() accepts.
  [[nodiscard]] std::string to_string() const;
  /// True for units that count local dates (calendar days, working days, weeks, months).
  [[nodiscard]] bool counts_days() const {
    return unit != ClockUnit::hours && unit != ClockUnit::business_hours;
  }
  /// True for units that only a calendar can count (working days, business hours).
  [[nodiscard]] bool needs_calendar() const {
    return unit == ClockUnit::working_days || unit == ClockUnit::business_hours;
  }

  /// Same amount and unit.
  friend bool operator==(const ClockPeriod&, const ClockPeriod&) = default;
};

/// How a clock counts from its start.
struct ClockCount {
  ClockPeriod period;                   ///< how long
  ClockEnd end = ClockEnd::end_of_day;  ///< where the last day ends (units of days only)
  /// A last day that is not a working date of the calendar moves to the next working date (a
  /// period "ending on a public holiday ends on the day after the holiday", as in Art. 203 of
  /// China's Civil Code). Units of days only.
  bool roll_to_working_day = false;

  /// True when counting needs a calendar: working days, business hours, the close of business,
  /// or rolling to a working day.
  [[nodiscard]] bool needs_calendar() const {
    return period.needs_calendar() || end == ClockEnd::close_of_business || roll_to_working_day;
  }
};

/// The instant a clock counting `count` from `start` falls due, shown in the calendar's UTC
/// offset (without a calendar, in the offset of `start`). Local dates are taken in that offset;
/// a period of days ends at 23:59:59 of its last day, or at the calendar's closing time.
/// Precondition: `calendar` is not null when count.needs_calendar(). Throws std::out_of_range
/// when the instant would overflow, std::invalid_argument when the calendar has no working time.
Timestamp clock_due(Timestamp start, const ClockCount& count, const Calendar* calendar);

}  // namespace redress
