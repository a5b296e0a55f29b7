// Counterfactuals planted in a policy are found, at their exact boundary, and verified.
#include <catch2/catch.hpp>

#include <string>

#include "redress/engine/decide.hpp"
#include "redress/explain/counterfactual.hpp"
#include "redress/io/incident_reader.hpp"
#include "redress/io/incident_schema.hpp"
#include "redress/io/load_policy.hpp"
#include "support/fixtures.hpp"

namespace {

using namespace redress;

std::shared_ptr<const CompiledPolicy> planted() {
  const auto path = test::source_dir() / "tests/data/explain/planted.yaml";
  auto loaded = load_policy(test::read_file(path), path.string());
  REQUIRE(loaded.policy);
  return loaded.policy;
}

Incident incident(const CompiledPolicy& policy, const std::string& fields) {
  // YAML: a document starting with '{' would be read as JSON.
  auto read = io::read_incident(
      "id: E-1\nreported_at: \"2026-11-25T09:30:00+08:00\"\n"
      "category: core.slow\n" +
          fields + "\n",
      "incident.yaml", io::incident_schema(policy));
  REQUIRE(read.incident);
  return *read.incident;
}

explain::Outcome outcome(const CompiledPolicy& policy, const std::string& text) {
  Diagnostics problems;
  auto parsed = explain::parse_outcome(policy, text, problems);
  REQUIRE(parsed);
  return *parsed;
}

}  // namespace

TEST_CASE("the owner's boundary on the loss is found exactly, below and above", "[explain]") {
  const auto policy = planted();
  // Goodwill 2500.00 > 2000.00: the manager. At most 4000.01 CNY of loss gives at most
  // 2000.00 CNY (integer halving), the team lead's authority.
  const auto in = incident(*policy, "loss: \"5000.00 CNY\"");
  const auto e = explain::explain(*policy, in, outcome(*policy, "owner"));
  CHECK(e.value == "manager");
  REQUIRE(e.counterfactuals.size() == 1);
  const auto& cf = e.counterfactuals[0];
  CHECK(cf.value == "team_lead");
  REQUIRE(cf.changes.size() == 1);
  CHECK(cf.changes[0].fact == "loss");
  CHECK(cf.changes[0].relation == explain::Change::Relation::below);
  CHECK(to_string(cf.changes[0].to) == "4000.01 CNY");
  CHECK(to_string(cf.changes[0].bound) == "4000.02 CNY");
  // Verified: the changed incident was decided and gives the team lead.
  CHECK(decide(*policy, cf.incident).owner == "team_lead");
  CHECK(explain::to_text(*policy, e)
            .find("owner would be team_lead if loss were below 4,000.02 CNY\n") !=
        std::string::npos);

  const auto low = incident(*policy, "loss: \"300.00 CNY\"");
  const auto up = explain::explain(*policy, low, outcome(*policy, "owner"));
  CHECK(up.value == "frontline");
  REQUIRE(up.counterfactuals.size() == 1);
  CHECK(up.counterfactuals[0].changes[0].relation == explain::Change::Relation::at_least);
  CHECK(to_string(up.counterfactuals[0].changes[0].bound) == "1000.02 CNY");
  CHECK(up.counterfactuals[0].value == "team_lead");
}

TEST_CASE("enum values that change the priority are listed, fewest facts first", "[explain]") {
  const auto policy = planted();
  const auto in = incident(*policy, "customer: {tier: premium}");
  const auto e = explain::explain(*policy, in, outcome(*policy, "priority"));
  CHECK(e.value == "3");
  REQUIRE(e.counterfactuals.size() == 2);
  CHECK(to_string(e.counterfactuals[0].changes[0].to) == "vip");
  CHECK(to_string(e.counterfactuals[1].changes[0].to) == "strategic");
  CHECK(explain::to_text(*policy, e).find("priority would be 1 if tier were vip or strategic\n") !=
        std::string::npos);
}

TEST_CASE("a remedy that needs two facts changed is found as a pair", "[explain]") {
  const auto policy = planted();
  const auto in = incident(*policy, "magnitude: minor\ncustomer: {tier: premium}");
  const auto e = explain::explain(*policy, in, outcome(*policy, "remedy:apology.senior"));
  CHECK(e.value == "not offered");
  REQUIRE_FALSE(e.counterfactuals.empty());
  const auto& first = e.counterfactuals[0];
  REQUIRE(first.changes.size() == 2);
  CHECK(first.changes[0].fact == "magnitude");
  CHECK(to_string(first.changes[0].to) == "major");
  CHECK(first.changes[1].fact == "tier");
  CHECK(to_string(first.changes[1].to) == "vip");
  CHECK(first.value == "offered");
  // Every pair found was decided, and none is a single fact's change.
  for (const auto& cf : e.counterfactuals) CHECK(cf.changes.size() == 2);

  explain::ExplainOptions single;
  single.max_facts = 1;
  CHECK(explain::explain(*policy, in, outcome(*policy, "remedy:apology.senior"), single)
            .counterfactuals.empty());
}

TEST_CASE("an unknown outcome is refused with the kinds or ids there are", "[explain]") {
  const auto policy = planted();
  Diagnostics problems;
  CHECK_FALSE(explain::parse_outcome(*policy, "colour", problems));
  CHECK_FALSE(explain::parse_outcome(*policy, "remedy:refund", problems));
  CHECK_FALSE(explain::parse_outcome(*policy, "owner:x", problems));
  CHECK_FALSE(explain::parse_outcome(*policy, "flag:", problems));
  REQUIRE(problems.size() == 4);
  const auto& items = problems.items();
  CHECK(items[0].code == "explain.unknown_outcome");
  CHECK(items[0].message == "unknown outcome 'colour'");
  CHECK(items[0].hint == "write one of owner|priority|remedy:ID|flag:ID|clock:ID|commitment:ID");
  CHECK(items[1].message == "'refund' is not a remedy of policy 'planted'");
  CHECK(items[1].hint == "one of: apology, apology.senior, voucher");
  CHECK(items[2].message == "outcome 'owner' takes no id, found 'owner:x'");
  CHECK(items[3].message == "outcome 'flag' needs a derived bool fact id, as flag:ID");
}

TEST_CASE("money is printed with its thousands grouped", "[explain]") {
  Currency cny;
  REQUIRE(Currency::parse("CNY", cny));
  CHECK(explain::money_text(Money(200000, cny)) == "2,000.00 CNY");
  CHECK(explain::money_text(Money(12345678901, cny)) == "123,456,789.01 CNY");
  CHECK(explain::money_text(Money(-99, cny)) == "-0.99 CNY");
  CHECK(explain::money_text(Money(100, cny)) == "1.00 CNY");
}

TEST_CASE("a commitment is an outcome: made or not, and what would change it",
          "[explain][commitments]") {
  const auto dir = test::source_dir() / "tests/data/commitments";
  auto loaded = load_policy(test::read_file(dir / "policy.yaml"), "policy.yaml");
  REQUIRE(loaded.policy);
  const auto& policy = *loaded.policy;
  const auto text = test::read_file(dir / "outage.yaml");
  auto read = io::read_incident(text, "outage.yaml", io::incident_schema(policy));
  REQUIRE(read.incident);
  const auto e =
      explain::explain(policy, *read.incident, outcome(policy, "commitment:refund_updates"));
  CHECK(e.value == "made");
  REQUIRE(e.counterfactuals.size() == 1);
  const auto& cf = e.counterfactuals[0];
  CHECK(cf.value == "not made");
  REQUIRE(cf.changes.size() == 1);
  CHECK(cf.changes[0].fact == "money_held");
  CHECK(to_string(cf.changes[0].to) == "false");
  CHECK(explain::to_text(policy, e).find(
            "refund_updates would be not made if money_held were false\n") != std::string::npos);

  Diagnostics problems;
  CHECK_FALSE(explain::parse_outcome(policy, "commitment:refund", problems));
  REQUIRE(problems.size() == 1);
  CHECK(problems.items()[0].code == "explain.unknown_outcome");
  CHECK(problems.items()[0].message == "'refund' is not a commitment of policy 'commitments-demo'");
  CHECK(problems.items()[0].hint ==
        "one of: solution_plan, repair, call_back, refund_updates, written_confirmation");
}
