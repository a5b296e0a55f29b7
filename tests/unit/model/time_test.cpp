#include <catch2/catch.hpp>

#include <cstdint>

#include "redress/model/time.hpp"
#include "support/time_values.hpp"

using redress::Duration;
using redress::DurationUnit;
using redress::Timestamp;

using redress::test::local_date;
using redress::test::timestamp;

namespace {

std::string ts_error(std::string_view text) {
  Timestamp out;
  std::string error;
  REQUIRE_FALSE(Timestamp::parse(text, out, error));
  return error;
}

Duration dur(std::string_view text) {
  Duration out;
  std::string error;
  REQUIRE(Duration::parse(text, out, error));
  return out;
}

std::string dur_error(std::string_view text) {
  Duration out;
  std::string error;
  REQUIRE_FALSE(Duration::parse(text, out, error));
  return error;
}

}  // namespace

TEST_CASE("Timestamp::parse reads RFC 3339 with an offset", "[time]") {
  CHECK(timestamp("1970-01-01T00:00:00Z") == Timestamp{0, 0});
  CHECK(timestamp("1970-01-01T08:00:00+08:00") == Timestamp{0, 480});
  CHECK(timestamp("2026-11-25T09:30:00+08:00") == Timestamp{1795570200, 480});
  CHECK(timestamp("2026-11-25T01:30:00Z") == Timestamp{1795570200, 0});
  CHECK(timestamp("1969-12-31T19:00:00-05:00") == Timestamp{0, -300});
  CHECK(timestamp("2026-11-25T09:30:00.123456+08:00") == Timestamp{1795570200, 480});
  CHECK(timestamp("2024-02-29T12:00:00+05:30") == Timestamp{1709188200, 330});
  CHECK(timestamp("1969-12-31T23:59:59Z") == Timestamp{-1, 0});
}

TEST_CASE("Timestamp::parse rejects malformed and out-of-range timestamps", "[time]") {
  const std::string shape =
      "expected YYYY-MM-DDTHH:MM:SS followed by Z or an offset such as +08:00";
  CHECK(ts_error("2026-11-25") == shape);
  CHECK(ts_error("2026-11-25 09:30:00Z") == shape);
  CHECK(ts_error("2026/11/25T09:30:00Z") == shape);
  CHECK(ts_error("") == shape);
  CHECK(ts_error("2026-13-01T00:00:00Z") == "month 13 is out of range (01 to 12)");
  CHECK(ts_error("2026-00-01T00:00:00Z") == "month 00 is out of range (01 to 12)");
  CHECK(ts_error("2026-02-29T00:00:00Z") == "day 29 does not exist in 2026-02");
  CHECK(ts_error("2100-02-29T00:00:00Z") == "day 29 does not exist in 2100-02");
  CHECK(ts_error("2026-04-31T00:00:00Z") == "day 31 does not exist in 2026-04");
  CHECK(ts_error("2026-11-25T24:00:00Z") == "hour 24 is out of range (00 to 23)");
  CHECK(ts_error("2026-11-25T09:60:00Z") == "minute 60 is out of range (00 to 59)");
  CHECK(ts_error("2026-11-25T09:30:60Z") == "second 60 is out of range (00 to 59)");
  CHECK(ts_error("2026-11-25T09:30:00") ==
        "the timestamp has no UTC offset; end it with Z or an offset such as +08:00");
  CHECK(ts_error("2026-11-25T09:30:00.Z") ==
        "a fraction of a second needs at least one digit after the '.'");
  CHECK(ts_error("2026-11-25T09:30:00+19:00") ==
        "offset +19:00 is out of range (-18:00 to +18:00)");
  CHECK(ts_error("2026-11-25T09:30:00+08:60") ==
        "offset +08:60 is out of range (-18:00 to +18:00)");
  CHECK(ts_error("2026-11-25T09:30:00+0800") ==
        "'+0800' is not a UTC offset; write Z or e.g. +08:00 or -05:30");
  CHECK(ts_error("2026-11-25T09:30:00Z ") ==
        "'Z ' is not a UTC offset; write Z or e.g. +08:00 or -05:30");
}

TEST_CASE("timestamps are representable in the years 0001 to 9999, in their own offset", "[time]") {
  CHECK(ts_error("0000-12-31T23:59:59Z") == "year 0000 is out of range (0001 to 9999)");
  CHECK(ts_error("0000-01-01T00:00:00+08:00") == "year 0000 is out of range (0001 to 9999)");
  // The first and last instants, written in any offset, read back unchanged.
  for (const auto* text : {"0001-01-01T00:00:00+18:00", "0001-01-01T00:00:00-18:00",
                           "9999-12-31T23:59:59+18:00", "9999-12-31T23:59:59-18:00"}) {
    const auto t = timestamp(text);
    CHECK(t.representable());
    CHECK(t.to_string() == text);
  }
  // One second outside, in the same offset, is not: to_string could not write it.
  const auto first = timestamp("0001-01-01T00:00:00+08:00");
  CHECK_FALSE(Timestamp{first.utc_seconds - 1, first.offset_minutes}.representable());
  // The same instant shown east of it is back in range; shown west of it, not.
  CHECK(first.in_offset(18 * 60).representable());
  CHECK_FALSE(first.in_offset(0).representable());
  const auto last = timestamp("9999-12-31T23:59:59Z");
  CHECK_FALSE(Timestamp{last.utc_seconds + 1, 0}.representable());
  CHECK_FALSE(last.in_offset(60).representable());
  CHECK(last.in_offset(-60).representable());
  // Instants at the int64 limits are out of range and do not overflow the check.
  CHECK_FALSE(Timestamp{INT64_MAX, 18 * 60}.representable());
  CHECK_FALSE(Timestamp{INT64_MIN, -18 * 60}.representable());
}

TEST_CASE("Timestamp::to_string writes the timestamp's own offset, never Z", "[time]") {
  CHECK(Timestamp{0, 0}.to_string() == "1970-01-01T00:00:00+00:00");
  CHECK(Timestamp{1795570200, 480}.to_string() == "2026-11-25T09:30:00+08:00");
  CHECK(Timestamp{1795570200, 0}.to_string() == "2026-11-25T01:30:00+00:00");
  CHECK(Timestamp{1795570200, -330}.to_string() == "2026-11-24T20:00:00-05:30");
  CHECK(Timestamp{-1, 0}.to_string() == "1969-12-31T23:59:59+00:00");
  CHECK(timestamp("2026-11-25T09:30:00Z").in_offset(480).to_string() ==
        "2026-11-25T17:30:00+08:00");
  CHECK(timestamp("2024-02-29T23:59:59-18:00").to_string() == "2024-02-29T23:59:59-18:00");
}

TEST_CASE("Duration::parse accepts compact and spelled-out units", "[time]") {
  CHECK(dur("15m") == Duration{15, DurationUnit::minutes});
  CHECK(dur("2h") == Duration{2, DurationUnit::hours});
  CHECK(dur("1d") == Duration{1, DurationUnit::days});
  CHECK(dur("0m") == Duration{0, DurationUnit::minutes});
  CHECK(dur("15 minutes") == Duration{15, DurationUnit::minutes});
  CHECK(dur("1 minute") == Duration{1, DurationUnit::minutes});
  CHECK(dur("2 hours") == Duration{2, DurationUnit::hours});
  CHECK(dur("1 hour") == Duration{1, DurationUnit::hours});
  CHECK(dur("1 day") == Duration{1, DurationUnit::days});
  CHECK(dur("3 days") == Duration{3, DurationUnit::days});
  CHECK(dur("4 business_hours") == Duration{4, DurationUnit::business_hours});
  CHECK(dur("1 business_hour") == Duration{1, DurationUnit::business_hours});
  CHECK(dur("3 business_days") == Duration{3, DurationUnit::business_days});
  CHECK(dur("1 business_day") == Duration{1, DurationUnit::business_days});
  CHECK(dur(" 2h ") == Duration{2, DurationUnit::hours});
  CHECK(dur("1000000d") == Duration{1000000, DurationUnit::days});
  CHECK(dur("3 business_days").is_business());
  CHECK_FALSE(dur("3d").is_business());
}

TEST_CASE("Duration::parse explains what it accepts", "[time]") {
  const std::string accepted = "; write e.g. 15m, 2h, 1d, 4 business_hours or 3 business_days";
  CHECK(dur_error("3 workdays") == "'3 workdays' is not a duration" + accepted);
  CHECK(dur_error("") == "'' is not a duration" + accepted);
  CHECK(dur_error("h") == "'h' is not a duration" + accepted);
  CHECK(dur_error("15") == "'15' is not a duration" + accepted);
  CHECK(dur_error("15 m") == "'15 m' is not a duration" + accepted);
  CHECK(dur_error("15minutes") == "'15minutes' is not a duration" + accepted);
  CHECK(dur_error("3 business hours") == "'3 business hours' is not a duration" + accepted);
  CHECK(dur_error("-3h") == "'-3h' is not a duration: durations cannot be negative" + accepted);
  CHECK(dur_error("1.5h") ==
        "'1.5h' is not a duration: the amount must be a whole number" + accepted);
  CHECK(dur_error("1000001d") ==
        "'1000001d' is too long a duration; the amount can be at most 1000000");
  CHECK(dur_error("99999999999999999999999m") ==
        "'99999999999999999999999m' is too long a duration; the amount can be at most 1000000");
}

TEST_CASE("Duration::to_string is the canonical spelling and round-trips", "[time]") {
  CHECK(Duration{15, DurationUnit::minutes}.to_string() == "15m");
  CHECK(Duration{2, DurationUnit::hours}.to_string() == "2h");
  CHECK(Duration{1, DurationUnit::days}.to_string() == "1d");
  CHECK(Duration{4, DurationUnit::business_hours}.to_string() == "4 business_hours");
  CHECK(Duration{3, DurationUnit::business_days}.to_string() == "3 business_days");
  for (const char* text :
       {"15 minutes", "2 hours", "1 day", "1 business_hour", "3 business_days"}) {
    const Duration d = dur(text);
    CHECK(dur(d.to_string()) == d);
  }
}
