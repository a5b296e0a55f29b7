#include "support/time_values.hpp"

#include <catch2/catch.hpp>

#include <string>

#include "redress/model/calendar.hpp"

namespace redress::test {

Timestamp timestamp(std::string_view text) {
  Timestamp out;
  std::string error;
  INFO(text);
  REQUIRE(Timestamp::parse(text, out, error));
  return out;
}

std::int32_t local_date(std::string_view text) {
  std::int32_t days = 0;
  INFO(text);
  REQUIRE(parse_local_date(text, days));
  return days;
}

}  // namespace redress::test
