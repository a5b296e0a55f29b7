// The shipped suites catch a broken policy and explain what went wrong: an amount changed, a
// rule removed. Also the JUnit report, the case filter and rule coverage.
#include <catch2/catch.hpp>

#include "redress/io/load_policy.hpp"
#include "redress/testing/coverage.hpp"
#include "redress/testing/junit.hpp"
#include "redress/testing/suite.hpp"
#include "support/fixtures.hpp"

namespace {

using redress::test::replaced;

redress::testing::SuiteResult run_default_suite(const std::string& policy_text,
                                                const redress::testing::RunOptions& options = {}) {
  const auto compiled = redress::load_policy(
      policy_text, (redress::test::source_dir() / "rules/default.yaml").string());
  REQUIRE(compiled.policy);
  const auto suite =
      redress::test::read_file(redress::test::source_dir() / "rules/default.test.yaml");
  return redress::testing::run_suite(suite, "default.test.yaml", *compiled.policy, options);
}

std::string report(const redress::testing::SuiteResult& result) {
  std::string out;
  for (const auto& c : result.cases) {
    if (!c.passed()) out += redress::testing::describe_failure(c);
  }
  return out;
}

const std::string& default_policy() {
  static const auto text =
      redress::test::read_file(redress::test::source_dir() / "rules/default.yaml");
  return text;
}

}  // namespace

TEST_CASE("a changed amount fails the shipped suite, naming the field and both values",
          "[testing]") {
  const auto broken = replaced(default_policy(), "min(loss * 150 / 100, 50000 CNY)",
                               "min(loss * 140 / 100, 50000 CNY)");
  const auto result = run_default_suite(broken);
  CHECK(result.failed() >= 1);
  const auto text = report(result);
  INFO(text);
  CHECK_THAT(text, Catch::Contains("amounts.cash_compensation") &&
                       Catch::Contains("expected 1800.00 CNY, decided 1680.00 CNY") &&
                       Catch::Contains("rules fired, in order:") &&
                       Catch::Contains("compensate-critical"));
}

TEST_CASE("a removed rule fails the shipped suite", "[testing]") {
  const auto broken = replaced(default_policy(), "    when: paradox_eligible\n",
                               "    when: paradox_eligible and false\n");
  const auto result = run_default_suite(broken);
  CHECK(result.failed() >= 1);
  CHECK_THAT(report(result), Catch::Contains("follow_up offered"));
}

TEST_CASE("the case filter runs only matching cases", "[testing]") {
  const auto result = run_default_suite(default_policy(), {"double deviation"});
  REQUIRE(result.cases.size() >= 2);
  for (const auto& c : result.cases) CHECK_THAT(c.name, Catch::Contains("double deviation"));
}

TEST_CASE("coverage counts the cases that fired each rule", "[testing]") {
  const auto compiled = redress::load_default_policy();
  REQUIRE(compiled.policy);
  const auto full = run_default_suite(default_policy());
  const auto cov = redress::testing::coverage(*compiled.policy, {full});
  CHECK(cov.rules.size() == compiled.policy->rules.size());
  CHECK(cov.percent() == Approx(100.0));
  const auto none = redress::testing::coverage(*compiled.policy, {});
  CHECK(none.fired() == 0);
  CHECK(none.rules.front().location.line >= 0);
}

TEST_CASE("JUnit XML carries every case and escapes the failure text", "[testing]") {
  const auto broken = replaced(default_policy(), "min(loss * 150 / 100, 50000 CNY)",
                               "min(loss * 140 / 100, 50000 CNY)");
  const auto result = run_default_suite(broken);
  const auto xml = redress::testing::to_junit({result});
  CHECK_THAT(xml, Catch::StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"));
  // The suite's properties are test cases too.
  CHECK_THAT(xml, Catch::Contains(
                      "tests=\"" + std::to_string(result.cases.size() + result.properties.size()) +
                      "\" failures=\"" +
                      std::to_string(result.failed() + result.properties_failed()) + "\""));
  CHECK_THAT(xml, Catch::Contains("<failure message=") && Catch::Contains("&#39;"));
  CHECK(xml.find("<testcase") != std::string::npos);
}
