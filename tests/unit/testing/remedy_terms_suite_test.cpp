// Suite expectations about remedies offered on terms (options, contingent, instead_of, capped):
// the example suite passes, and each expectation fails, at its line, when the decision differs.
#include <catch2/catch.hpp>

#include "redress/io/load_policy.hpp"
#include "redress/testing/suite.hpp"
#include "support/fixtures.hpp"

namespace {

namespace r = redress;

const std::filesystem::path kSuite =
    r::test::source_dir() / "examples/remedy-terms/policy.test.yaml";

std::shared_ptr<const r::CompiledPolicy> store() {
  static const auto policy = [] {
    auto loaded = r::load_policy_file(kSuite.parent_path() / "policy.yaml");
    REQUIRE(loaded.policy);
    return loaded.policy;
  }();
  return policy;
}

r::testing::SuiteResult run(const std::string& cases) {
  const std::string text =
      "policy: policy.yaml\nbase:\n  reported_at: \"2026-11-25T10:00:00+08:00\"\n"
      "  category: core.defective\n  loss: \"2400.00 CNY\"\ncases:\n" +
      cases;
  return r::testing::run_suite(text, "terms.test.yaml", *store());
}

}  // namespace

TEST_CASE("the remedy terms example suite passes", "[testing][terms]") {
  const auto text = r::test::read_file(kSuite);
  const auto result = r::testing::run_suite(text, "policy.test.yaml", *store());
  std::string report;
  for (const auto& d : result.diagnostics.items()) report += r::render(d, text);
  for (const auto& c : result.cases) {
    if (!c.passed()) report += r::testing::describe_failure(c);
  }
  INFO(report);
  CHECK(result.diagnostics.empty());
  CHECK(result.cases.size() == 8);
  CHECK(result.failed() == 0);
}

TEST_CASE("expectations on terms report what was decided instead", "[testing][terms]") {
  const auto result = run(R"(  - name: wrong
    incident: {id: w, magnitude: major, history: {compensation_given: "700.00 CNY"}}
    expect:
      options: {put-right: [refund], goodwill: [voucher, cash_compensation]}
      contingent: []
      instead_of: {refund: replacement}
      capped: [cash_compensation, voucher]
)");
  REQUIRE(result.cases.size() == 1);
  const auto& mismatches = result.cases[0].mismatches;
  REQUIRE(mismatches.size() == 5);
  CHECK(mismatches[0].field == "options.put-right");
  CHECK(mismatches[0].expected == "[refund]");
  CHECK(mismatches[0].actual == "[replacement, refund]");
  CHECK(mismatches[0].location.line + 1 == 10);
  CHECK(mismatches[1].field == "options.goodwill");
  CHECK(mismatches[1].actual == "[cash_compensation, voucher]");
  CHECK(mismatches[2].field == "contingent");
  CHECK(mismatches[2].actual == "[extended_warranty]");
  CHECK(mismatches[3].field == "instead_of.refund");
  CHECK(mismatches[3].actual == "offered in its own right");
  CHECK(mismatches[4].field == "capped");
  CHECK(mismatches[4].expected == "[cash_compensation, voucher]");
  CHECK(mismatches[4].actual == "[voucher]");
}

TEST_CASE("expectations on terms name only what the policy declares", "[testing][terms]") {
  const auto result = run(R"(  - name: typos
    incident: {id: t}
    expect:
      options: {put-rigth: [refund]}
      capped: [vouchr]
)");
  REQUIRE(result.cases.size() == 1);
  const auto& errors = result.cases[0].errors.items();
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].code == "suite.bad_value");
  CHECK(errors[0].message == "unknown option group 'put-rigth'");
  CHECK(errors[0].location.line + 1 == 10);
  CHECK(errors[1].message == "unknown remedy 'vouchr'");
}

TEST_CASE("rules/README.md shows the example policy whole", "[testing][terms][readme]") {
  const auto readme = r::test::read_file(r::test::source_dir() / "rules/README.md");
  const auto policy = r::test::read_file(kSuite.parent_path() / "policy.yaml");
  CHECK_THAT(readme, Catch::Contains("```yaml\n" + policy + "```\n"));
}
