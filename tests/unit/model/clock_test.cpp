#include <catch2/catch.hpp>

#include "redress/model/clock.hpp"
#include "support/time_values.hpp"

using redress::Calendar;
using redress::ClockCount;
using redress::ClockEnd;
using redress::ClockPeriod;
using redress::ClockUnit;
using redress::Timestamp;

using redress::test::local_date;
using redress::test::timestamp;

namespace {

ClockPeriod period(std::string_view text) {
  ClockPeriod out;
  std::string error;
  INFO(text << ": " << error);
  REQUIRE(ClockPeriod::parse(text, out, error));
  return out;
}

// China's official 2026 calendar: the public holidays on weekdays and the weekend days worked
// instead (国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04).
Calendar china_2026() {
  Calendar cal;
  cal.id = "cn";
  cal.utc_offset_minutes = 8 * 60;
  for (const auto* day : {"2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18",
                          "2026-02-19", "2026-02-20", "2026-02-23", "2026-04-06", "2026-05-01",
                          "2026-05-04", "2026-05-05", "2026-06-19", "2026-09-25", "2026-10-01",
                          "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"}) {
    cal.holidays.push_back(local_date(day));
  }
  for (const auto* day :
       {"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"}) {
    cal.makeup_days.push_back(local_date(day));
  }
  return cal;
}

std::string due(std::string_view start, std::string_view text, const Calendar* cal,
                bool roll = false, ClockEnd end = ClockEnd::end_of_day) {
  return redress::clock_due(timestamp(start), ClockCount{period(text), end, roll}, cal).to_string();
}

}  // namespace

TEST_CASE("ClockPeriod::parse reads every unit, singular or plural", "[clock]") {
  CHECK(period("15 calendar_days") == ClockPeriod{15, ClockUnit::calendar_days});
  CHECK(period("1 calendar_day") == ClockPeriod{1, ClockUnit::calendar_days});
  CHECK(period("7 working_days") == ClockPeriod{7, ClockUnit::working_days});
  CHECK(period(" 8 weeks ") == ClockPeriod{8, ClockUnit::weeks});
  CHECK(period("6 months") == ClockPeriod{6, ClockUnit::months});
  CHECK(period("72 hours") == ClockPeriod{72, ClockUnit::hours});
  CHECK(period("16 business_hours") == ClockPeriod{16, ClockUnit::business_hours});
  CHECK(period("35 working_days").to_string() == "35 working_days");
  CHECK(period("1 month").to_string() == "1 months");
}

TEST_CASE("ClockPeriod::parse says why a period is not one", "[clock]") {
  const auto error_of = [](std::string_view text) {
    ClockPeriod out;
    std::string error;
    CHECK_FALSE(ClockPeriod::parse(text, out, error));
    return error;
  };
  CHECK(error_of("15 days") ==
        "'15 days' is not a clock period: say how days are counted, calendar_days or "
        "working_days; write e.g. 15 calendar_days, 7 working_days, 8 weeks, 6 months, 72 hours "
        "or 16 business_hours");
  CHECK_THAT(error_of("35 business_days"),
             Catch::Contains("a statutory business day is a whole working day of a calendar"));
  CHECK_THAT(error_of("15calendar_days"), Catch::StartsWith("'15calendar_days' is not a clock"));
  CHECK_THAT(error_of("-3 weeks"), Catch::StartsWith("'-3 weeks' is not a clock period"));
  CHECK_THAT(error_of("15"), Catch::StartsWith("'15' is not a clock period"));
  CHECK(error_of("100001 hours") ==
        "'100001 hours' is too long a period; the amount can be at most 100000");
}

TEST_CASE("calendar days end at the end of the last day, the start day not counted", "[clock]") {
  // Received on 25 November: the 15th day after it is 10 December.
  CHECK(due("2026-11-25T10:00:00+08:00", "15 calendar_days", nullptr) ==
        "2026-12-10T23:59:59+08:00");
  CHECK(due("2026-11-25T23:59:59+08:00", "15 calendar_days", nullptr) ==
        "2026-12-10T23:59:59+08:00");
  CHECK(due("2026-11-25T00:00:00+08:00", "0 calendar_days", nullptr) ==
        "2026-11-25T23:59:59+08:00");
  // Local dates are those of the calendar's offset: 20:00 in New York is the next day in
  // Shanghai.
  const Calendar cn = china_2026();
  CHECK(due("2026-11-24T20:00:00-05:00", "15 calendar_days", &cn) == "2026-12-10T23:59:59+08:00");
  CHECK(due("2026-11-24T20:00:00-05:00", "15 calendar_days", nullptr) ==
        "2026-12-09T23:59:59-05:00");
}

TEST_CASE("a last day on a holiday rolls to the next working day only when asked", "[clock]") {
  const Calendar cn = china_2026();
  // 20 September + 15 days is 5 October, inside the National Day holidays (1-7 October).
  CHECK(due("2026-09-20T10:00:00+08:00", "15 calendar_days", &cn) == "2026-10-05T23:59:59+08:00");
  CHECK(due("2026-09-20T10:00:00+08:00", "15 calendar_days", &cn, true) ==
        "2026-10-08T23:59:59+08:00");
  // A last day that is a make-up Saturday is a working day: it does not roll.
  CHECK(due("2026-10-03T10:00:00+08:00", "7 calendar_days", &cn, true) ==
        "2026-10-10T23:59:59+08:00");
}

TEST_CASE("working days skip the Spring Festival and count its make-up Saturdays", "[clock]") {
  const Calendar cn = china_2026();
  // Thursday 12 February: Fri 13, Sat 14 (make-up), Tue 24 to Fri 27, Sat 28 (make-up).
  CHECK(due("2026-02-12T15:00:00+08:00", "7 working_days", &cn) == "2026-02-28T23:59:59+08:00");
  Calendar without_makeup = cn;
  without_makeup.makeup_days.clear();
  CHECK(due("2026-02-12T15:00:00+08:00", "7 working_days", &without_makeup) ==
        "2026-03-03T23:59:59+08:00");
  // A complaint received on a make-up day counts from the next working day, like any other.
  CHECK(due("2026-01-04T09:00:00+08:00", "1 working_days", &cn) == "2026-01-05T23:59:59+08:00");
}

TEST_CASE("weeks and months are calendar periods", "[clock]") {
  CHECK(due("2026-11-25T09:00:00+00:00", "8 weeks", nullptr) == "2027-01-20T23:59:59+00:00");
  CHECK(due("2026-01-31T09:00:00+00:00", "1 months", nullptr) == "2026-02-28T23:59:59+00:00");
  CHECK(due("2028-01-31T09:00:00+00:00", "1 months", nullptr) == "2028-02-29T23:59:59+00:00");
  CHECK(due("2026-08-31T09:00:00+00:00", "6 months", nullptr) == "2027-02-28T23:59:59+00:00");
  CHECK(due("2026-11-30T09:00:00+00:00", "14 months", nullptr) == "2028-01-30T23:59:59+00:00");
}

TEST_CASE("hours run from the start instant; business hours count open hours", "[clock]") {
  const Calendar cn = china_2026();
  CHECK(due("2026-11-25T10:30:00+08:00", "72 hours", nullptr) == "2026-11-28T10:30:00+08:00");
  CHECK(due("2026-11-25T02:30:00Z", "72 hours", &cn) == "2026-11-28T10:30:00+08:00");
  // Friday 13 February 10:00-18:00 is 8 hours; the make-up Saturday gives the other 8.
  CHECK(due("2026-02-13T10:00:00+08:00", "16 business_hours", &cn) == "2026-02-14T17:00:00+08:00");
}

TEST_CASE("a clock may end at the close of business of its last day", "[clock]") {
  Calendar uk;
  uk.id = "uk";
  uk.close_minute = 17 * 60;
  // FCA DISP 1.5: by the close of business on the third business day after receipt.
  CHECK(due("2026-12-04T16:00:00+00:00", "3 working_days", &uk, false,
            ClockEnd::close_of_business) == "2026-12-09T17:00:00+00:00");
}

TEST_CASE("clock_due refuses a due time past the representable range", "[clock]") {
  const Timestamp far{std::numeric_limits<std::int64_t>::max() - 10, 0};
  CHECK_THROWS_AS(redress::clock_due(far, ClockCount{period("72 hours")}, nullptr),
                  std::out_of_range);
  CHECK_THROWS_AS(redress::clock_due(far, ClockCount{period("15 calendar_days")}, nullptr),
                  std::out_of_range);
}
