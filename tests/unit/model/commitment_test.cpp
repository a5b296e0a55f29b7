// Commitment due times: durations, counts of days, a time of day, without and with a calendar.
#include <catch2/catch.hpp>

#include "redress/model/commitment.hpp"
#include "support/time_values.hpp"

using redress::Calendar;
using redress::CommitmentDue;
using redress::Duration;
using redress::DurationUnit;

using redress::test::local_date;
using redress::test::timestamp;

namespace {

CommitmentDue due(std::string_view text, std::string_view at = {}) {
  CommitmentDue out;
  std::string error;
  const auto problem = CommitmentDue::parse(text, at, out, error);
  INFO(text << " at " << at << ": " << error);
  REQUIRE(problem == CommitmentDue::Problem::none);
  return out;
}

std::string error_of(std::string_view text, std::string_view at = {},
                     CommitmentDue::Problem expected = CommitmentDue::Problem::bad_due) {
  CommitmentDue out;
  std::string error;
  CHECK(CommitmentDue::parse(text, at, out, error) == expected);
  return error;
}

// A Shanghai office closed on a Monday holiday and working the Saturday before it.
Calendar office() {
  Calendar cal;
  cal.id = "office";
  cal.utc_offset_minutes = 8 * 60;
  cal.holidays = {local_date("2026-10-05")};
  cal.makeup_days = {local_date("2026-10-03")};
  return cal;
}

}  // namespace

TEST_CASE("commitment due times parse and print", "[model][commitments]") {
  CHECK(due("30m").to_string() == "30m");
  CHECK(due("30m").after == Duration{30, DurationUnit::minutes});
  CHECK(due("4 business_hours").needs_calendar());
  CHECK(due("3 working_days").to_string() == "3 working_days");
  CHECK(due("3 working_days").needs_calendar());
  CHECK_FALSE(due("2 calendar_days").needs_calendar());
  CHECK(due("1 working_days", "09:00").to_string() == "1 working_days at 09:00");
  CHECK(due("", "09:30").to_string() == "next working day at 09:30");
  CHECK(error_of("3 workdays") ==
        "'3 workdays' is not a due time; write a duration (30m, 24h, 4 business_hours, 3 "
        "business_days) or a count of days (3 working_days, 2 calendar_days, 1 weeks)");
  CHECK(error_of("", "25:00", CommitmentDue::Problem::bad_at) ==
        "'25:00' is not a time of day; write HH:MM, e.g. \"09:00\"");
  CHECK(error_of("", "24:00", CommitmentDue::Problem::bad_at)
            .starts_with("'24:00' is not a time of day"));
  CHECK(error_of("2h", "09:00").starts_with("'2h' is a duration, which ends at an instant"));
  CHECK(error_of("", "", CommitmentDue::Problem::missing)
            .starts_with("a commitment needs 'due' or 'at'"));
  // Hours are a duration, never a count of days: "72 hours" reads as one.
  CHECK(due("72 hours").after == Duration{72, DurationUnit::hours});
}

TEST_CASE("commitment due instants without a calendar", "[model][commitments]") {
  const auto start = timestamp("2026-10-02T22:30:00-05:00");
  CHECK(commitment_due(start, due("30m"), nullptr).to_string() == "2026-10-02T23:00:00-05:00");
  CHECK(commitment_due(start, due("2 calendar_days"), nullptr).to_string() ==
        "2026-10-04T23:59:59-05:00");
  // A time of day alone: the next day, at that time, in the start's offset.
  CHECK(commitment_due(start, due("", "09:00"), nullptr).to_string() ==
        "2026-10-03T09:00:00-05:00");
  CHECK(commitment_repeat(timestamp("2026-10-03T09:00:00-05:00"), Duration{24, DurationUnit::hours},
                          nullptr)
            .to_string() == "2026-10-04T09:00:00-05:00");
}

TEST_CASE("commitment due instants on a calendar with a holiday and a make-up day",
          "[model][commitments]") {
  const auto cal = office();
  // Friday 2 October, 17:00 in Shanghai.
  const auto start = timestamp("2026-10-02T09:00:00Z");
  // The next working day is the make-up Saturday 3 October.
  CHECK(commitment_due(start, due("", "09:00"), &cal).to_string() == "2026-10-03T09:00:00+08:00");
  // Three working days: Saturday 3, Tuesday 6 (Monday 5 is a holiday), Wednesday 7; at the
  // close of business, or at the time given.
  CHECK(commitment_due(start, due("3 working_days"), &cal).to_string() ==
        "2026-10-07T18:00:00+08:00");
  CHECK(commitment_due(start, due("3 working_days", "10:30"), &cal).to_string() ==
        "2026-10-07T10:30:00+08:00");
  // Four business hours: 17:00-18:00 on Friday, then 09:00-12:00 on the make-up Saturday.
  CHECK(commitment_due(start, due("4 business_hours"), &cal).to_string() ==
        "2026-10-03T12:00:00+08:00");
  // Recurring every business day from Saturday 12:00 skips Sunday and the Monday holiday.
  CHECK(commitment_repeat(timestamp("2026-10-03T12:00:00+08:00"),
                          Duration{1, DurationUnit::business_days}, &cal)
            .to_string() == "2026-10-06T12:00:00+08:00");
}
