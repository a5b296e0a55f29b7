// Properties of a policy: planted violations are found with a shrunk counterexample that
// deciding confirms; properties that hold say how many incidents they were checked on; bad
// properties are reported with their location.
#include <catch2/catch.hpp>

#include "redress/engine/decide.hpp"
#include "redress/io/load_policy.hpp"
#include "redress/testing/junit.hpp"
#include "redress/testing/suite.hpp"
#include "support/fixtures.hpp"

namespace {

using namespace redress;

testing::SuiteResult run(const std::string& suite_text) {
  const auto dir = test::source_dir() / "tests/data/properties";
  const auto loaded = load_policy_file(dir / "planted.yaml");
  REQUIRE(loaded.policy);
  return testing::run_suite(suite_text, "planted.test.yaml", *loaded.policy);
}

const testing::PropertyResult& named(const testing::SuiteResult& r, const std::string& name) {
  for (const auto& p : r.properties) {
    if (p.name == name) return p;
  }
  FAIL("no property " << name);
  return r.properties.front();
}

}  // namespace

TEST_CASE("a planted monotonicity violation is found with a minimal pair",
          "[testing][properties]") {
  const auto result =
      run(test::read_file(test::source_dir() / "tests/data/properties/planted.test.yaml"));
  REQUIRE(result.properties.size() == 5);
  CHECK(result.properties_failed() == 3);
  const auto& p = named(result, "worse never gets less");
  CHECK(p.kind == "monotonic");
  CHECK(p.exhaustive);
  REQUIRE(p.counterexample);
  const auto& c = *p.counterexample;
  // Shrunk: only the magnitude differs from the base (major), and only by one step.
  CHECK(c.changes == "magnitude minor");
  CHECK(c.worse_changes == "magnitude moderate");
  CHECK(c.what ==
        "compensation_total fell from 400.00 CNY to 300.00 CNY when magnitude rose from minor to "
        "moderate");
  // Both decisions are real: deciding the two incidents again gives the same totals.
  const auto loaded = load_policy_file(test::source_dir() / "tests/data/properties/planted.yaml");
  REQUIRE(c.worse);
  CHECK(decide(*loaded.policy, c.incident).compensation_total.minor() == 40000);
  CHECK(decide(*loaded.policy, *c.worse).compensation_total.minor() == 30000);
  CHECK(c.decision.compensation_total.minor() == 40000);
  CHECK(c.worse_decision->compensation_total.minor() == 30000);
  const auto text = testing::describe(p);
  CHECK(text.find("property 'worse never gets less' (monotonic) FAILED on ") != std::string::npos);
  CHECK(text.find("  incident: magnitude minor\n    decided: owner frontline, priority 3, "
                  "compensation_total 400.00 CNY, remedies [gesture, refund]\n") !=
        std::string::npos);
  CHECK(text.find("  worse incident: magnitude moderate\n") != std::string::npos);

  // JUnit counts the properties as tests, with the counterexample as the failure.
  const auto xml = testing::to_junit({result});
  CHECK(xml.find("tests=\"5\" failures=\"3\"") != std::string::npos);
  CHECK(xml.find("name=\"property: worse never gets less\">\n      <failure message=\"the property "
                 "does not hold\">") != std::string::npos);
  CHECK(xml.find("name=\"property: refunds follow the loss\"/>") != std::string::npos);
}

TEST_CASE("a planted invariant violation is found and shrunk", "[testing][properties]") {
  const auto result =
      run(test::read_file(test::source_dir() / "tests/data/properties/planted.test.yaml"));
  const auto& p = named(result, "restitution only");
  REQUIRE(p.counterexample);
  // The base is major (no gesture): the gesture needs minor, and the customer must cause it.
  CHECK(p.counterexample->changes == "magnitude minor, locus customer");
  CHECK(p.counterexample->decision.goodwill_total.minor() == 10000);
  CHECK(p.counterexample->what == "'locus != customer or goodwill_total == 0 CNY' is false");
  CHECK_FALSE(p.counterexample->worse);

  const auto& queue = named(result, "nobody jumps the queue");
  REQUIRE(queue.counterexample);
  // Only a VIP gets priority 1, and the frontline keeps every case of this policy.
  CHECK(queue.counterexample->changes == "tier vip");
  CHECK(queue.counterexample->decision.priority == 1);
  CHECK(queue.counterexample->decision.owner == "frontline");
}

TEST_CASE("properties that hold report how many incidents they were checked on",
          "[testing][properties]") {
  const auto result =
      run(test::read_file(test::source_dir() / "tests/data/properties/planted.test.yaml"));
  const auto& refunds = named(result, "refunds follow the loss");
  CHECK(refunds.passed());
  CHECK_FALSE(refunds.exhaustive);
  CHECK(refunds.seed == 7);
  CHECK(refunds.checked == 10);
  CHECK(testing::describe(refunds).find("(invariant) held on 10 incidents (sampled, seed 7)") !=
        std::string::npos);
  const auto& tier = named(result, "monotonic in the tier alone");
  CHECK(tier.passed());
  CHECK(tier.exhaustive);
  CHECK(tier.checked > 100);
}

TEST_CASE("a bad property is reported with its code, message and line:column",
          "[testing][properties]") {
  const auto result =
      run(R"(base: {id: X, reported_at: "2026-11-25T10:00:00+08:00", category: core.slow}
cases: []
properties:
  - name: bad expression
    invariant: "goodwill_total <= 5 CNY and owner == boss"
  - name: unknown fact
    monotonic: [loss, colour]
  - name: neither
    samples: 3
  - name: typo
    invariant: "true"
    sample: 3
)");
  REQUIRE(result.properties.size() == 4);
  CHECK(result.properties_failed() == 4);
  const auto& expr = result.properties[0].errors.items().at(0);
  CHECK(expr.code == "expr.unknown_name");
  CHECK(expr.location.line + 1 == 5);
  CHECK(expr.location.column + 1 == 54);
  CHECK(expr.message == "'boss' is not a value of Role or a fact");
  const auto& fact = result.properties[1].errors.items().at(0);
  CHECK(fact.code == "suite.bad_value");
  CHECK(fact.location.line + 1 == 7);
  CHECK(fact.location.column + 1 == 23);
  CHECK(fact.message == "'colour' is not an int, money or enum fact the incident or host supplies");
  CHECK(result.properties[2].errors.items().at(0).code == "suite.missing_key");
  const auto& typo = result.properties[3].errors.items().at(0);
  CHECK(typo.code == "suite.unknown_key");
  CHECK(typo.hint.find("samples") != std::string::npos);
  CHECK(result.properties[0].checked == 0);
}

TEST_CASE("a base incident the policy cannot decide is reported on each property",
          "[testing][properties]") {
  // A host fact without a default that the suite's base does not give.
  auto text = test::read_file(test::source_dir() / "tests/data/properties/planted.yaml");
  text.replace(text.find("remedies:"), 0, "facts:\n  - {id: room_rate, type: money}\n");
  const auto loaded = load_policy(text, "planted.yaml");
  REQUIRE(loaded.policy);
  const auto result = testing::run_suite(
      "base: {id: X, reported_at: \"2026-11-25T10:00:00+08:00\", category: core.slow}\n"
      "cases: []\nproperties:\n  - name: p\n    monotonic: [loss]\n",
      "s.test.yaml", *loaded.policy);
  REQUIRE(result.properties.size() == 1);
  const auto& errors = result.properties[0].errors.items();
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == "incident.missing_field");
  CHECK(errors[0].location.line + 1 == 4);
  CHECK(errors[0].message.find("room_rate") != std::string::npos);
}
