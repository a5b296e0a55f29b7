// Every shipped policy's suite (rules/<name>.test.yaml) passes against that policy.
#include <catch2/catch.hpp>

#include "redress/io/load_policy.hpp"
#include "redress/testing/suite.hpp"
#include "support/fixtures.hpp"

TEST_CASE("the shipped policies pass their test suites", "[testing][policies]") {
  const auto suites = redress::test::files_in(redress::test::source_dir() / "rules", ".test.yaml");
  REQUIRE(suites.size() == 7);
  for (const auto& path : suites) {
    const auto text = redress::test::read_file(path);
    const auto policy_path = redress::testing::suite_policy(text, path);
    INFO(path.string());
    REQUIRE(policy_path.has_value());
    const auto loaded = redress::load_policy_file(*policy_path);
    REQUIRE(loaded.policy != nullptr);
    const auto result = redress::testing::run_suite(text, path.filename().string(), *loaded.policy);
    std::string report;
    for (const auto& d : result.diagnostics.items()) report += redress::render(d, text);
    for (const auto& c : result.cases) {
      if (!c.passed()) report += redress::testing::describe_failure(c);
    }
    for (const auto& p : result.properties) {
      if (!p.passed()) report += redress::testing::describe(p);
    }
    INFO(report);
    CHECK(result.diagnostics.empty());
    CHECK(result.cases.size() >= 8);
    CHECK(result.failed() == 0);
    // Each declares properties over its whole input space, and they hold.
    CHECK(result.properties.size() >= 3);
    CHECK(result.properties_failed() == 0);
    for (const auto& p : result.properties) CHECK(p.checked >= 2000);
  }
}
