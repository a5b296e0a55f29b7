#include "redress/model/commitment.hpp"

#include <fmt/format.h>

#include "model/civil.hpp"

namespace redress {
namespace {

constexpr std::string_view kDueForms =
    "write a duration (30m, 24h, 4 business_hours, 3 business_days) or a count of days "
    "(3 working_days, 2 calendar_days, 1 weeks)";

/// The calendar to count with: the given one, or every day open in the start's offset.
Calendar wall_clock(const Timestamp& start) {
  Calendar calendar;
  calendar.utc_offset_minutes = start.offset_minutes;
  return calendar;
}

}  // namespace

CommitmentDue::Problem CommitmentDue::parse(std::string_view due, std::string_view at,
                                            CommitmentDue& out, std::string& error) {
  out = {};
  if (!at.empty()) {
    std::int32_t minute = 0;
    if (!parse_time_of_day(at, minute) || minute >= 24 * 60) {
      error = fmt::format("'{}' is not a time of day; write HH:MM, e.g. \"09:00\"", at);
      return Problem::bad_at;
    }
    out.at_minute = minute;
  }
  if (due.empty()) {
    if (out.at_minute) return Problem::none;
    error = fmt::format("a commitment needs 'due' or 'at'; {}", kDueForms);
    return Problem::missing;
  }
  Duration duration;
  std::string duration_error;
  if (Duration::parse(due, duration, duration_error)) {
    if (out.at_minute) {
      error = fmt::format(
          "'{}' is a duration, which ends at an instant, not on a day that 'at' can set the "
          "time of; count days instead, e.g. '1 working_days' with at: \"09:00\"",
          due);
      return Problem::bad_due;
    }
    out.after = duration;
    return Problem::none;
  }
  ClockPeriod period;
  std::string period_error;
  if (ClockPeriod::parse(due, period, period_error) && period.counts_days()) {
    out.days = period;
    return Problem::none;
  }
  error = fmt::format("'{}' is not a due time; {}", due, kDueForms);
  return Problem::bad_due;
}

std::string CommitmentDue::to_string() const {
  std::string out;
  if (after) out = after->to_string();
  if (days) out = days->to_string();
  if (at_minute) {
    const auto at = fmt::format("{:02}:{:02}", *at_minute / 60, *at_minute % 60);
    out = days ? fmt::format("{} at {}", out, at) : fmt::format("next working day at {}", at);
  }
  return out;
}

bool CommitmentDue::needs_calendar() const {
  return (after && after->is_business()) || (days && days->needs_calendar());
}

Timestamp commitment_due(Timestamp start, const CommitmentDue& due, const Calendar* calendar) {
  if (due.after) {
    return calendar ? calendar->add(start, *due.after) : wall_clock(start).add(start, *due.after);
  }
  // The day: the last day of the count (or the next working day, for a time of day alone).
  ClockCount count;
  count.period =
      due.days ? *due.days
               : ClockPeriod{1, calendar ? ClockUnit::working_days : ClockUnit::calendar_days};
  count.end = calendar && !due.at_minute ? ClockEnd::close_of_business : ClockEnd::end_of_day;
  const auto day_end = clock_due(start, count, calendar);
  if (!due.at_minute) return day_end;
  // clock_due() ended the day at 23:59:59 local time: step back to that day's `at`.
  const std::int64_t to_at = civil::kSecondsPerDay - 1 - std::int64_t{*due.at_minute} * 60;
  return {day_end.utc_seconds - to_at, day_end.offset_minutes};
}

Timestamp commitment_repeat(Timestamp previous, const Duration& every, const Calendar* calendar) {
  return calendar ? calendar->add(previous, every) : wall_clock(previous).add(previous, every);
}

}  // namespace redress
