// A business-hours calendar: working weekdays, daily opening hours, holidays, make-up working
// days, one UTC offset.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "redress/model/time.hpp"

namespace redress {

/// Used to compute SLA deadlines. A plain value; its const members are thread-safe.
struct Calendar {
  std::string id;  ///< the policy's id for the calendar
  /// The offset the hours and holidays are written in (no daylight saving: hosts with DST keep
  /// one calendar per season, or pass the offset that applies).
  std::int32_t utc_offset_minutes = 0;
  /// Index 0 is Monday, 6 is Sunday.
  std::array<bool, 7> working_days{true, true, true, true, true, false, false};
  /// Opening hours as minutes after local midnight, open <= t < close.
  std::int32_t open_minute = 9 * 60;
  std::int32_t close_minute = 18 * 60;  ///< closing time, minutes after local midnight
  /// Local dates on which the office is closed, as days since 1970-01-01; sorted, unique.
  std::vector<std::int32_t> holidays;
  /// Local dates of rest weekdays that are worked instead (days since 1970-01-01; sorted,
  /// unique): the weekend days a public-holiday schedule moves work to, such as China's
  /// adjusted working days (调休). A date that is also a holiday stays closed.
  std::vector<std::int32_t> makeup_days;

  /// Minutes in one working day (close - open).
  [[nodiscard]] std::int64_t working_minutes_per_day() const { return close_minute - open_minute; }
  /// True when the local date (days since epoch) is open: a working weekday or a make-up day,
  /// and not a holiday.
  [[nodiscard]] bool is_working_date(std::int32_t local_days) const;
  /// The `n`-th working date after the local date `local_days` (that date itself not counted);
  /// `local_days` itself for n = 0. Precondition: at least one working weekday; n >= 0.
  [[nodiscard]] std::int64_t working_date_after(std::int64_t local_days, std::int64_t n) const;
  /// The local date (days since epoch) of an instant in this calendar's UTC offset.
  [[nodiscard]] std::int64_t local_date(Timestamp instant) const;
  /// The instant `duration` after `start`. Wall-clock units ignore the calendar; business units
  /// count only open minutes, skipping rest days and holidays (and counting make-up days). The
  /// result is shown in this calendar's UTC offset. Precondition: at least one working weekday and
  /// open < close.
  [[nodiscard]] Timestamp add(Timestamp start, const Duration& duration) const;
};

/// Parses a local date "YYYY-MM-DD" into days since 1970-01-01; returns false if invalid.
bool parse_local_date(std::string_view text, std::int32_t& days);
/// Parses a decision time: an RFC 3339 timestamp, or a date "YYYY-MM-DD" (its midnight at
/// UTC offset +00:00, so that its local date is that date). On failure returns false and sets
/// `error` to what is wrong.
bool parse_decision_time(std::string_view text, Timestamp& out, std::string& error);
/// Writes days since 1970-01-01 as a local date "YYYY-MM-DD".
std::string format_local_date(std::int64_t days);
/// Parses "HH:MM" into minutes after midnight (00:00 to 24:00); returns false if invalid.
bool parse_time_of_day(std::string_view text, std::int32_t& minutes);
/// Parses a UTC offset "+08:00", "-05:30" or "Z" into minutes; returns false if invalid.
bool parse_utc_offset(std::string_view text, std::int32_t& minutes);

}  // namespace redress
