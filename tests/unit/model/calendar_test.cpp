#include <catch2/catch.hpp>

#include <stdexcept>

#include "redress/model/calendar.hpp"
#include "support/time_values.hpp"

using redress::Calendar;
using redress::Duration;
using redress::DurationUnit;
using redress::Timestamp;

using redress::test::local_date;
using redress::test::timestamp;

namespace {

// Shanghai office: Monday to Friday, 09:00-18:00, +08:00.
Calendar office() {
  Calendar cal;
  cal.id = "cn_office";
  cal.utc_offset_minutes = 8 * 60;
  return cal;
}

std::string add(const Calendar& cal, std::string_view start, Duration d) {
  return cal.add(timestamp(start), d).to_string();
}

constexpr Duration bh(std::int64_t n) { return {n, DurationUnit::business_hours}; }
constexpr Duration bd(std::int64_t n) { return {n, DurationUnit::business_days}; }

// The definition, one minute at a time: the instant after `minutes` open minutes have passed.
Timestamp add_by_walking(const Calendar& cal, Timestamp start, std::int64_t minutes) {
  std::int64_t local = start.utc_seconds + cal.utc_offset_minutes * 60;
  while (minutes > 0) {
    const auto day =
        static_cast<std::int32_t>(local >= 0 ? local / 86400 : (local - 86399) / 86400);
    const std::int64_t minute_of_day = (local - std::int64_t{day} * 86400) / 60;
    if (cal.is_working_date(day) && minute_of_day >= cal.open_minute &&
        minute_of_day < cal.close_minute) {
      --minutes;
    }
    local += 60;
  }
  return {local - cal.utc_offset_minutes * 60, cal.utc_offset_minutes};
}

}  // namespace

TEST_CASE("Calendar::is_working_date skips weekends and holidays", "[calendar]") {
  Calendar cal = office();
  cal.holidays = {local_date("2026-11-26")};
  CHECK(cal.is_working_date(local_date("2026-11-25")));        // Wednesday
  CHECK_FALSE(cal.is_working_date(local_date("2026-11-26")));  // Thursday, a holiday
  CHECK(cal.is_working_date(local_date("2026-11-27")));        // Friday
  CHECK_FALSE(cal.is_working_date(local_date("2026-11-28")));  // Saturday
  CHECK_FALSE(cal.is_working_date(local_date("2026-11-29")));  // Sunday
  CHECK(cal.is_working_date(local_date("2026-11-30")));        // Monday
  CHECK_FALSE(cal.is_working_date(local_date("1970-01-03")));  // Saturday before the epoch's Sunday
  CHECK(cal.is_working_date(local_date("1969-12-31")));        // Wednesday, negative day number
}

TEST_CASE("Calendar::is_working_date opens make-up days", "[calendar]") {
  Calendar cal = office();
  cal.holidays = {local_date("2026-02-16"), local_date("2026-02-17")};
  cal.makeup_days = {local_date("2026-02-14"), local_date("2026-02-28")};
  CHECK(cal.is_working_date(local_date("2026-02-14")));        // Saturday, worked instead
  CHECK_FALSE(cal.is_working_date(local_date("2026-02-15")));  // Sunday
  CHECK_FALSE(cal.is_working_date(local_date("2026-02-16")));  // Monday, a holiday
  CHECK(cal.is_working_date(local_date("2026-02-28")));        // Saturday, worked instead
  CHECK_FALSE(cal.is_working_date(local_date("2026-03-07")));  // an ordinary Saturday
  cal.holidays.push_back(local_date("2026-02-28"));            // a holiday wins over a make-up day
  CHECK_FALSE(cal.is_working_date(local_date("2026-02-28")));
}

TEST_CASE("Calendar::working_date_after counts make-up days and skips holidays", "[calendar]") {
  Calendar cal = office();
  cal.holidays = {local_date("2026-02-16"), local_date("2026-02-17"), local_date("2026-02-18"),
                  local_date("2026-02-19"), local_date("2026-02-20"), local_date("2026-02-23")};
  const auto thursday = local_date("2026-02-12");
  CHECK(cal.working_date_after(thursday, 0) == thursday);
  CHECK(cal.working_date_after(thursday, 1) == local_date("2026-02-13"));
  CHECK(cal.working_date_after(thursday, 2) == local_date("2026-02-24"));
  cal.makeup_days = {local_date("2026-02-14"), local_date("2026-02-28")};
  CHECK(cal.working_date_after(thursday, 2) == local_date("2026-02-14"));
  CHECK(cal.working_date_after(thursday, 7) == local_date("2026-02-28"));
  CHECK(cal.working_date_after(thursday, 8) == local_date("2026-03-02"));
}

TEST_CASE("Calendar::add counts business hours inside opening hours", "[calendar]") {
  const Calendar cal = office();
  CHECK(add(cal, "2026-11-25T10:00:00+08:00", bh(4)) == "2026-11-25T14:00:00+08:00");
  CHECK(add(cal, "2026-11-25T10:00:30+08:00", bh(1)) == "2026-11-25T11:00:30+08:00");
  // Ending exactly at closing time is allowed: the last minute has elapsed.
  CHECK(add(cal, "2026-11-25T09:00:00+08:00", bh(9)) == "2026-11-25T18:00:00+08:00");
  CHECK(add(cal, "2026-11-23T09:00:00+08:00", bd(1)) == "2026-11-23T18:00:00+08:00");
  // Overflows into the next working day.
  CHECK(add(cal, "2026-11-25T17:30:00+08:00", bh(1)) == "2026-11-26T09:30:00+08:00");
  CHECK(add(cal, "2026-11-25T10:00:00+08:00", bd(2)) == "2026-11-27T10:00:00+08:00");
}

TEST_CASE("Calendar::add rolls a start outside hours forward to the next opening", "[calendar]") {
  const Calendar cal = office();
  // Before opening.
  CHECK(add(cal, "2026-11-25T07:00:00+08:00", bh(2)) == "2026-11-25T11:00:00+08:00");
  // After closing.
  CHECK(add(cal, "2026-11-25T19:00:00+08:00", bh(2)) == "2026-11-26T11:00:00+08:00");
  // Exactly at closing counts nothing that day.
  CHECK(add(cal, "2026-11-25T18:00:00+08:00", bh(1)) == "2026-11-26T10:00:00+08:00");
  // On a Saturday and a Sunday.
  CHECK(add(cal, "2026-11-28T10:00:00+08:00", bh(1)) == "2026-11-30T10:00:00+08:00");
  CHECK(add(cal, "2026-11-29T23:59:59+08:00", bh(1)) == "2026-11-30T10:00:00+08:00");
  // Friday evening to Monday morning.
  CHECK(add(cal, "2026-11-27T17:30:00+08:00", bh(1)) == "2026-11-30T09:30:00+08:00");
}

TEST_CASE("Calendar::add skips holidays", "[calendar]") {
  Calendar cal = office();
  cal.holidays = {local_date("2026-11-26")};
  CHECK(add(cal, "2026-11-25T17:00:00+08:00", bh(2)) == "2026-11-27T10:00:00+08:00");
  CHECK(add(cal, "2026-11-26T10:00:00+08:00", bh(1)) == "2026-11-27T10:00:00+08:00");
}

TEST_CASE("3 business_days from a Friday afternoon with a Monday holiday", "[calendar]") {
  Calendar cal = office();
  cal.holidays = {local_date("2026-11-30")};
  // Friday 15:00-18:00 is 3h; Tuesday and Wednesday are 18h; the last 6h end Thursday 15:00.
  CHECK(add(cal, "2026-11-27T15:00:00+08:00", bd(3)) == "2026-12-03T15:00:00+08:00");
}

TEST_CASE("Calendar::add with wall-clock units ignores the calendar", "[calendar]") {
  Calendar cal = office();
  cal.holidays = {local_date("2026-11-28")};
  CHECK(add(cal, "2026-11-27T17:30:00+08:00", {2, DurationUnit::hours}) ==
        "2026-11-27T19:30:00+08:00");
  CHECK(add(cal, "2026-11-27T17:30:00+08:00", {45, DurationUnit::minutes}) ==
        "2026-11-27T18:15:00+08:00");
  CHECK(add(cal, "2026-11-27T17:30:00+08:00", {1, DurationUnit::days}) ==
        "2026-11-28T17:30:00+08:00");
}

TEST_CASE("Calendar::add writes the result in the calendar's offset", "[calendar]") {
  const Calendar cal = office();
  CHECK(add(cal, "2026-11-25T02:00:00Z", bh(4)) == "2026-11-25T14:00:00+08:00");
  CHECK(add(cal, "2026-11-25T02:00:00Z", {15, DurationUnit::minutes}) ==
        "2026-11-25T10:15:00+08:00");
  // 2026-11-24T20:00-05:00 is Wednesday 09:00 in Shanghai.
  CHECK(add(cal, "2026-11-24T20:00:00-05:00", bh(1)) == "2026-11-25T10:00:00+08:00");

  Calendar ny;
  ny.utc_offset_minutes = -5 * 60;
  // 03:00Z on Wednesday is Tuesday 22:00 in New York: after closing.
  CHECK(add(ny, "2026-11-25T03:00:00Z", bh(1)) == "2026-11-25T10:00:00-05:00");
}

TEST_CASE("Calendar::add of zero is the start itself, in the calendar's offset", "[calendar]") {
  const Calendar cal = office();
  CHECK(add(cal, "2026-11-28T10:00:00Z", bh(0)) == "2026-11-28T18:00:00+08:00");
  CHECK(add(cal, "2026-11-28T10:00:00Z", bd(0)) == "2026-11-28T18:00:00+08:00");
}

TEST_CASE("Calendar::add agrees with a minute-by-minute walk", "[calendar]") {
  Calendar cal = office();
  cal.open_minute = 8 * 60 + 30;
  cal.close_minute = 17 * 60 + 15;
  cal.working_days = {true, false, true, true, true, true, false};
  cal.holidays = {local_date("2026-11-26"), local_date("2026-11-28"), local_date("2026-12-01"),
                  local_date("2026-12-02")};
  // A worked Sunday, and a make-up day that is also a holiday (which stays closed).
  cal.makeup_days = {local_date("2026-11-29"), local_date("2026-12-01")};
  const Timestamp base = timestamp("2026-11-24T00:00:00+08:00");
  for (std::int64_t start = 0; start < 10 * 24 * 60; start += 97) {
    for (std::int64_t hours : {1, 5, 9, 30}) {
      const Timestamp from{base.utc_seconds + start * 60, 0};
      INFO("start " << from.to_string() << " + " << hours << " business_hours");
      CHECK(cal.add(from, bh(hours)) == add_by_walking(cal, from, hours * 60));
    }
    const Timestamp from{base.utc_seconds + start * 60, 0};
    CHECK(cal.add(from, bd(2)) == add_by_walking(cal, from, 2 * cal.working_minutes_per_day()));
  }
}

TEST_CASE("Calendar::add skips whole days for large amounts", "[calendar]") {
  const Calendar cal = office();
  // 100000 working days = 20000 weeks; Wednesday counts as the first, so it ends on a Tuesday.
  CHECK(add(cal, "2026-11-25T09:00:00+08:00", bd(100000)) == "2410-03-16T18:00:00+08:00");
  CHECK(add(cal, "2026-11-25T09:00:00+08:00", bh(900000)) == "2410-03-16T18:00:00+08:00");
}

TEST_CASE("Calendar::add needs some working time", "[calendar]") {
  Calendar closed = office();
  closed.working_days = {false, false, false, false, false, false, false};
  CHECK_THROWS_AS(closed.add(timestamp("2026-11-25T10:00:00+08:00"), bh(1)), std::invalid_argument);
  Calendar inverted = office();
  inverted.open_minute = 18 * 60;
  inverted.close_minute = 9 * 60;
  CHECK_THROWS_AS(inverted.add(timestamp("2026-11-25T10:00:00+08:00"), bh(1)),
                  std::invalid_argument);
  // Wall-clock units never look at the calendar.
  CHECK(closed.add(timestamp("2026-11-25T10:00:00+08:00"), {1, DurationUnit::hours}).to_string() ==
        "2026-11-25T11:00:00+08:00");
}

TEST_CASE("parse_local_date", "[calendar]") {
  std::int32_t days = -1;
  CHECK(redress::parse_local_date("1970-01-01", days));
  CHECK(days == 0);
  CHECK(redress::parse_local_date("2026-11-25", days));
  CHECK(days == 20782);
  CHECK(redress::parse_local_date("1969-12-31", days));
  CHECK(days == -1);
  CHECK(redress::parse_local_date("2024-02-29", days));
  CHECK(days == 19782);
  days = 7;
  CHECK_FALSE(redress::parse_local_date("2026-02-29", days));
  CHECK_FALSE(redress::parse_local_date("2026-13-01", days));
  CHECK_FALSE(redress::parse_local_date("2026-11-5", days));
  CHECK_FALSE(redress::parse_local_date("2026-11-25T", days));
  CHECK_FALSE(redress::parse_local_date("", days));
  CHECK(days == 7);
}

TEST_CASE("parse_time_of_day accepts 00:00 to 24:00", "[calendar]") {
  std::int32_t minutes = -1;
  CHECK(redress::parse_time_of_day("00:00", minutes));
  CHECK(minutes == 0);
  CHECK(redress::parse_time_of_day("09:30", minutes));
  CHECK(minutes == 570);
  CHECK(redress::parse_time_of_day("24:00", minutes));
  CHECK(minutes == 1440);
  CHECK_FALSE(redress::parse_time_of_day("24:01", minutes));
  CHECK_FALSE(redress::parse_time_of_day("25:00", minutes));
  CHECK_FALSE(redress::parse_time_of_day("12:60", minutes));
  CHECK_FALSE(redress::parse_time_of_day("9:00", minutes));
  CHECK_FALSE(redress::parse_time_of_day("09:00:00", minutes));
}

TEST_CASE("parse_utc_offset accepts Z and +-HH:MM up to 18:00", "[calendar]") {
  std::int32_t minutes = -1;
  CHECK(redress::parse_utc_offset("Z", minutes));
  CHECK(minutes == 0);
  CHECK(redress::parse_utc_offset("+08:00", minutes));
  CHECK(minutes == 480);
  CHECK(redress::parse_utc_offset("-05:30", minutes));
  CHECK(minutes == -330);
  CHECK(redress::parse_utc_offset("+18:00", minutes));
  CHECK(minutes == 1080);
  CHECK(redress::parse_utc_offset("-18:00", minutes));
  CHECK(minutes == -1080);
  CHECK_FALSE(redress::parse_utc_offset("+18:01", minutes));
  CHECK_FALSE(redress::parse_utc_offset("+08:60", minutes));
  CHECK_FALSE(redress::parse_utc_offset("08:00", minutes));
  CHECK_FALSE(redress::parse_utc_offset("+0800", minutes));
  CHECK_FALSE(redress::parse_utc_offset("", minutes));
}
