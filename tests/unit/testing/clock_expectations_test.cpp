// Test-suite expectations on clocks and dating: `clocks` (ids, or due times and extensions),
// `clocks_absent`, `in_force` and a case's `decided_at`.
#include <catch2/catch.hpp>

#include "redress/io/load_policy.hpp"
#include "redress/testing/suite.hpp"

namespace {

constexpr const char* kPolicy = R"(
policy: {id: dated, version: "1", currency: CNY, in_force: decided}
roles: [{id: agent, authority: unlimited}]
clocks:
  - id: reply-15d
    due: 15 calendar_days
    extensions: [{due: 30 calendar_days, holding_reply: {en: Say why.}}]
  - id: accept-7d
    due: 7 calendar_days
    effective: {from: 2026-07-01}
sla: {targets: [{priority: 1, first_response: 1h, resolution: 1d}]}
rules:
  - {id: every-case, then: [{clock: reply-15d}, {clock: accept-7d}]}
)";

redress::testing::SuiteResult run(const std::string& cases) {
  static const auto compiled = redress::load_policy(kPolicy, "dated.yaml");
  REQUIRE(compiled.policy);
  const std::string suite =
      "base: {id: C-1, reported_at: \"2026-06-10T10:00:00+08:00\", category: "
      "core.slow}\ncases:\n" +
      cases;
  return redress::testing::run_suite(suite, "dated.test.yaml", *compiled.policy);
}

std::string report(const redress::testing::SuiteResult& result) {
  std::string out;
  for (const auto& c : result.cases) out += redress::testing::describe_failure(c);
  return out;
}

}  // namespace

TEST_CASE("clock expectations pass when the decision holds them", "[testing][clocks]") {
  const auto result = run(R"(
  - name: before the new rule
    decided_at: 2026-06-20
    expect:
      in_force: "2026-06-20"
      clocks: {reply-15d: {due: "2026-06-25T23:59:59+08:00", extensions: ["2026-07-10T23:59:59+08:00"]}}
      clocks_absent: [accept-7d]
  - name: after it
    decided_at: "2026-07-02T09:00:00+08:00"
    expect:
      in_force: "2026-07-02"
      clocks: [reply-15d, accept-7d]
)");
  INFO(report(result));
  CHECK(result.diagnostics.empty());
  REQUIRE(result.cases.size() == 2);
  CHECK(result.failed() == 0);
}

TEST_CASE("clock expectations name what differs", "[testing][clocks]") {
  const auto result = run(R"(
  - name: wrong
    decided_at: 2026-06-20
    expect:
      clocks: {reply-15d: "2026-06-26T23:59:59+08:00", accept-7d: "2026-06-17T23:59:59+08:00"}
      clocks_absent: [reply-15d]
)");
  REQUIRE(result.cases.size() == 1);
  const auto& c = result.cases.front();
  REQUIRE(c.mismatches.size() == 3);
  CHECK(c.mismatches[0].field == "clocks.reply-15d");
  CHECK(c.mismatches[0].expected == "2026-06-26T23:59:59+08:00");
  CHECK(c.mismatches[0].actual == "2026-06-25T23:59:59+08:00");
  CHECK(c.mismatches[0].location.line + 1 == 7);
  CHECK(c.mismatches[1].field == "clocks");
  CHECK(c.mismatches[1].expected == "accept-7d attached");
  CHECK(c.mismatches[1].actual == "attached: [reply-15d]");
  CHECK(c.mismatches[2].field == "clocks_absent");
  CHECK(c.mismatches[2].expected == "reply-15d not attached");
}

TEST_CASE("a misspelt clock or decision time is an error, not a pass", "[testing][clocks]") {
  auto result = run(R"(
  - name: misspelt
    decided_at: 2026-06-20
    expect: {clocks_absent: [reply-15days]}
)");
  REQUIRE(result.cases.size() == 1);
  REQUIRE(result.cases[0].errors.has_errors());
  CHECK(result.cases[0].errors.items()[0].code == "suite.bad_value");
  CHECK(result.cases[0].errors.items()[0].message == "unknown clock 'reply-15days'");
  CHECK(result.cases[0].errors.items()[0].hint == "did you mean 'reply-15d'?");

  result = run(R"(
  - name: no decision time
    expect: {clocks: [reply-15d]}
  - name: a bad one
    decided_at: 20 June
    expect: {clocks: [reply-15d]}
)");
  REQUIRE(result.cases.size() == 2);
  CHECK(result.cases[0].errors.items().at(0).code == "decide.missing_decision_time");
  CHECK(result.cases[1].errors.items().at(0).code == "suite.bad_value");
  CHECK_THAT(result.cases[1].errors.items()[0].message,
             Catch::StartsWith("'20 June' is not a date (YYYY-MM-DD) or a timestamp"));
}
