// Test-suite expectations on commitments (`commitments`: ids in order, or due times, assignees
// and following due times) and recusal (`recusal_skipped`); the shipped example suite passes.
#include <catch2/catch.hpp>

#include "redress/io/load_policy.hpp"
#include "redress/testing/suite.hpp"
#include "support/fixtures.hpp"

namespace {

const redress::CompiledPolicy& policy() {
  static const auto compiled = [] {
    const auto path = redress::test::source_dir() / "tests/data/commitments/policy.yaml";
    auto result = redress::load_policy(redress::test::read_file(path), path.string());
    REQUIRE(result.policy);
    return result.policy;
  }();
  return *compiled;
}

redress::testing::SuiteResult run(const std::string& cases) {
  const std::string suite =
      "base: {id: C-1, reported_at: \"2026-09-30T16:00:00+08:00\", category: core.unavailable,"
      " involved: [duty_manager], facts: {money_held: true}}\ncases:\n" +
      cases;
  return redress::testing::run_suite(suite, "commitments.test.yaml", policy());
}

}  // namespace

TEST_CASE("the commitments example suite passes", "[testing][commitments]") {
  const auto path = redress::test::source_dir() / "tests/data/commitments/policy.test.yaml";
  const auto result =
      redress::testing::run_suite(redress::test::read_file(path), path.string(), policy());
  std::string report;
  for (const auto& c : result.cases) report += redress::testing::describe_failure(c);
  INFO(report);
  CHECK(result.diagnostics.empty());
  CHECK(result.cases.size() == 4);
  CHECK(result.failed() == 0);
}

TEST_CASE("commitment and recusal expectations name what differs", "[testing][commitments]") {
  const auto result = run(R"(
  - name: wrong
    expect:
      commitments: [repair, solution_plan]
      recusal_skipped: [frontline]
  - name: wrong times
    expect:
      commitments:
        repair: "2026-10-09T18:00:00+08:00"
        call_back: {assignee: frontline}
        refund_updates: {following: ["2026-10-02T16:00:00+08:00"]}
)");
  REQUIRE(result.cases.size() == 2);
  const auto& order = result.cases[0].mismatches;
  REQUIRE(order.size() == 2);
  CHECK(order[0].field == "commitments");
  CHECK(order[0].expected == "[repair, solution_plan]");
  CHECK(order[0].actual ==
        "[solution_plan, refund_updates, call_back, written_confirmation, repair]");
  CHECK(order[1].field == "recusal_skipped");
  CHECK(order[1].expected == "[frontline]");
  CHECK(order[1].actual == "[duty_manager]");
  const auto& times = result.cases[1].mismatches;
  REQUIRE(times.size() == 3);
  CHECK(times[0].field == "commitments.repair");
  CHECK(times[0].actual == "2026-10-10T18:00:00+08:00");
  CHECK(times[0].location.line + 1 == 11);
  CHECK(times[1].field == "commitments.call_back.assignee");
  CHECK(times[1].actual == "duty_manager");
  CHECK(times[2].field == "commitments.refund_updates.following");
  CHECK(times[2].actual == "[2026-10-02T16:00:00+08:00, 2026-10-03T16:00:00+08:00]");
}

TEST_CASE("a misspelt commitment is an error, not a pass", "[testing][commitments]") {
  const auto result = run(R"(
  - name: misspelt
    expect: {commitments: {repiar: "2026-10-10T18:00:00+08:00"}}
)");
  REQUIRE(result.cases.size() == 1);
  REQUIRE(result.cases[0].errors.has_errors());
  CHECK(result.cases[0].errors.items()[0].code == "suite.bad_value");
  CHECK(result.cases[0].errors.items()[0].message == "unknown commitment 'repiar'");
  CHECK(result.cases[0].errors.items()[0].hint == "did you mean 'repair'?");
}
