// Deadlines RFC 3339 cannot write (before the year 0001 or after 9999) are a DecideError,
// never a malformed timestamp in the decision.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "redress/engine/decide.hpp"
#include "redress/io/load_policy.hpp"

namespace {

/// A policy whose SLA counts `first_response` on a calendar, the other target being 1h.
std::shared_ptr<const redress::CompiledPolicy> policy_with(const std::string& calendar,
                                                           const std::string& first_response) {
  const std::string text = R"(
policy: {id: deadlines, version: "1", currency: CNY}
roles:
  - {id: agent, authority: unlimited}
calendars:
  - )" + calendar + R"(
sla:
  calendar: office
  default_priority: 1
  targets: [{priority: 1, first_response: )" +
                           first_response +
                           R"(, resolution: 1h}]
rules: []
)";
  auto result = redress::load_policy(text, "deadlines.yaml");
  for (const auto& d : result.diagnostics.items()) UNSCOPED_INFO(redress::render(d, text));
  REQUIRE(result.policy != nullptr);
  return result.policy;
}

redress::Incident reported_at(const std::string& when) {
  redress::Incident in;
  in.id = "D-1";
  in.category = "core.slow";
  std::string error;
  REQUIRE(redress::Timestamp::parse(when, in.reported_at, error));
  return in;
}

/// The only diagnostic of the DecideError that deciding must throw.
redress::Diagnostic refused(const redress::CompiledPolicy& policy, const redress::Incident& in) {
  try {
    const auto d = redress::decide(policy, in);
    FAIL("decided, first response due " << d.deadlines.first_response_due.to_string());
  } catch (const redress::DecideError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    return e.diagnostics().items().front();
  }
  return {};
}

}  // namespace

TEST_CASE("a calendar open one minute a week and a long SLA: out of range, not year -27701",
          "[engine][deadline]") {
  const auto policy = policy_with(
      R"({id: office, utc_offset: "+08:00", working_days: [sun], hours: "09:00-09:01"})",
      "1000000 business_hours");
  const auto d = refused(*policy, reported_at("2026-11-30T10:00:00+08:00"));
  CHECK(d.code == "decide.deadline_out_of_range");
  CHECK(d.message ==
        "the first response deadline, 1000000 business_hours after 2026-11-30T10:00:00+08:00 in "
        "calendar 'office', falls outside the years 0001 to 9999");
  CHECK(d.hint == "check the incident's reported_at and the policy's SLA target for priority 1");
}

TEST_CASE("a deadline past 9999-12-31 is out of range; the last second is not",
          "[engine][deadline]") {
  const auto policy = policy_with(R"({id: office, utc_offset: "+08:00", hours: "09:00-18:00"})",
                                  "4 business_hours");
  // Friday 9999-12-31, 17:30: half an hour that day, the rest on Monday of the year 10000.
  const auto d = refused(*policy, reported_at("9999-12-31T17:30:00+08:00"));
  CHECK(d.code == "decide.deadline_out_of_range");
  CHECK(d.message ==
        "the first response deadline, 4 business_hours after 9999-12-31T17:30:00+08:00 in "
        "calendar 'office', falls outside the years 0001 to 9999");
  // Wall-clock resolution (1h) past the last second, with a first response still in range.
  const auto wall = policy_with(R"({id: office, utc_offset: "+08:00"})", "1m");
  const auto late = refused(*wall, reported_at("9999-12-31T23:30:00+08:00"));
  CHECK(late.message ==
        "the resolution deadline, 1h after 9999-12-31T23:30:00+08:00 in calendar 'office', falls "
        "outside the years 0001 to 9999");
  const auto fits = redress::decide(*wall, reported_at("9999-12-31T22:59:59+08:00"));
  CHECK(fits.deadlines.resolution_due.to_string() == "9999-12-31T23:59:59+08:00");
}

TEST_CASE("a deadline shown west of the year 0001 is out of range", "[engine][deadline]") {
  // 0001-01-01T00:00+08:00 is still 0000-12-31 in New York: the calendar's offset shows it so.
  const auto policy = policy_with(R"({id: office, utc_offset: "-05:00"})", "0 business_hours");
  const auto d = refused(*policy, reported_at("0001-01-01T00:00:00+08:00"));
  CHECK(d.code == "decide.deadline_out_of_range");
  CHECK(d.message ==
        "the first response deadline, 0 business_hours after 0001-01-01T00:00:00+08:00 in "
        "calendar 'office', falls outside the years 0001 to 9999");
}

TEST_CASE("an incident built in code with reported_at out of range is refused",
          "[engine][deadline]") {
  const auto policy = policy_with(R"({id: office})", "1h");
  auto in = reported_at("2026-11-30T10:00:00+08:00");
  in.reported_at.utc_seconds = INT64_MAX - 3600;  // an hour from the end of time
  const auto d = refused(*policy, in);
  CHECK(d.code == "incident.out_of_range");
  CHECK(d.message == "reported_at must be in the years 0001 to 9999 (in its own UTC offset)");
}
