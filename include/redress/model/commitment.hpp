// Commitments' due times: a duration from the report, a count of days on a calendar, or a local
// time of day on one of those days ("the next working day at 09:00"), and the instants a
// recurring commitment falls due again.
#pragma once

#include <boost/container/small_vector.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "redress/model/calendar.hpp"
#include "redress/model/clock.hpp"
#include "redress/model/enums.hpp"
#include "redress/model/time.hpp"

namespace redress {

/// When a commitment falls due, as a policy writes it with `due:` and `at:`.
///
/// - a duration ("30m", "24h", "4 business_hours", "3 business_days"): that long after the
///   start, as SLA targets count (business units only in a calendar's open hours);
/// - a count of days ("3 working_days", "2 calendar_days", "1 weeks"): the last of those days
///   after the start's date (that date not counted), at the calendar's closing time, or at
///   23:59:59 without a calendar;
/// - either count of days with a time of day (`at: "09:00"`): that day at that local time;
/// - a time of day alone: the next working day (the next day without a calendar) at that time.
struct CommitmentDue {
  std::optional<Duration> after;          ///< a duration from the start
  std::optional<ClockPeriod> days;        ///< a count of local dates; never hours
  std::optional<std::int32_t> at_minute;  ///< a local time of day, minutes after midnight

  /// What parse() found wrong: nothing, neither `due` nor `at`, `due` (malformed, or a
  /// duration given a time of day), or `at`.
  enum class Problem { none, missing, bad_due, bad_at };
  /// Reads `due` (may be empty when `at` is given) and `at` (may be empty). On failure sets
  /// `error` to what is wrong and what would be accepted.
  static Problem parse(std::string_view due, std::string_view at, CommitmentDue& out,
                       std::string& error);
  /// As a decision shows it: "30m", "3 working_days", "1 working_days at 09:00".
  [[nodiscard]] std::string to_string() const;
  /// True when counting needs a calendar: business units or working days.
  [[nodiscard]] bool needs_calendar() const;
};

/// The instant a commitment counting `due` from `start` falls due, shown in the calendar's UTC
/// offset (without a calendar, in the offset of `start`). Precondition: `calendar` is not null
/// when due.needs_calendar(). Throws std::out_of_range when the instant would overflow.
Timestamp commitment_due(Timestamp start, const CommitmentDue& due, const Calendar* calendar);

/// The instant a recurring commitment due at `previous` falls due again, `every` later (in the
/// calendar's open hours for business units). Same preconditions as commitment_due().
Timestamp commitment_repeat(Timestamp previous, const Duration& every, const Calendar* calendar);

/// A task the decision commits the firm to: who does what for the customer, and by when.
struct Commitment {
  std::string_view id;                         ///< the commitment's id in the policy
  CommitmentKind kind = CommitmentKind::plan;  ///< what it promises
  std::string_view text;                       ///< in the requested locale; may be empty
  std::string_view assignee;                   ///< a role or department id of the policy
  bool assignee_is_role = true;                ///< false: a department
  std::string_view calendar;                   ///< the calendar it counts in; empty when none
  ClockStart start = ClockStart::reported;     ///< the event it counts from
  Timestamp started;                           ///< that event's instant
  std::string_view due_text;                   ///< CommitmentDue::to_string()
  Timestamp due;                               ///< in the calendar's UTC offset (else start's)
  std::string_view every;                      ///< the recurrence; empty when it does not recur
  std::string_view until;  ///< the condition that ends the recurrence, in the requested locale
  /// A recurring commitment's next due instants after `due` (kFollowingDues of them).
  std::vector<Timestamp> following;
  /// Ids of the rules that committed to it, in the order they acted.
  boost::container::small_vector<std::string_view, 2> rules;
};

/// How many due instants after the first a decision lists for a recurring commitment.
inline constexpr std::size_t kFollowingDues = 2;

}  // namespace redress
