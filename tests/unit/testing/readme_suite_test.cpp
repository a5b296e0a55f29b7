// The README's example test suite passes against the default policy (its `policy:` line names
// the reader's own file, so the test runs it against the built-in policy instead).
#include <catch2/catch.hpp>

#include "redress/io/load_policy.hpp"
#include "redress/testing/suite.hpp"
#include "support/fixtures.hpp"

TEST_CASE("the README's example suite passes", "[testing][readme]") {
  const auto readme = redress::test::read_file(redress::test::source_dir() / "README.md");
  const auto start = readme.find("```yaml\npolicy: my-policy.yaml\n");
  REQUIRE(start != std::string::npos);
  const auto body = start + std::string("```yaml\npolicy: my-policy.yaml\n").size();
  const auto suite = readme.substr(body, readme.find("```", body) - body);
  const auto policy = redress::load_default_policy().policy;
  REQUIRE(policy);
  const auto result = redress::testing::run_suite(suite, "README.md", *policy);
  std::string failures;
  for (const auto& c : result.cases) {
    if (!c.passed()) failures += redress::testing::describe_failure(c);
  }
  INFO(failures);
  CHECK(result.diagnostics.empty());
  CHECK(result.cases.size() == 2);
  CHECK(result.failed() == 0);
}
