// The shipped policies that handle incident groups decide the members of one group alike:
// customers who differ in emotion, tier and history get one set of remedies, one priority and
// one owner, except those at risk of revenge, whom the policies treat as individuals on purpose
// (rules/policies.md, "One failure, many customers").
#include <catch2/catch.hpp>

#include <yaml-cpp/yaml.h>

#include <set>
#include <string>

#include "redress/batch/group_consistency.hpp"
#include "redress/engine/decide.hpp"
#include "redress/io/incident_reader.hpp"
#include "redress/io/incident_schema.hpp"
#include "redress/io/load_policy.hpp"
#include "support/fixtures.hpp"

namespace r = redress;

namespace {

constexpr const char* kEmotions[] = {"calm",    "angry",    "aggrieved",
                                     "anxious", "confused", "humorous"};
constexpr const char* kTiers[] = {"basic", "standard", "premium", "vip", "strategic"};

// A member of one app outage: the suite's base incident with its customer changed.
YAML::Node member(const YAML::Node& base, int number, const char* emotion, const char* tier,
                  bool failed_before) {
  YAML::Node incident = YAML::Clone(base);
  incident["id"] = "M-" + std::to_string(number);
  incident["group"] = "APP-OUTAGE";
  incident["affected_count"] = 5000;
  incident["category"] = "core.unavailable";
  incident["cause"] = "process.system_error";
  incident["magnitude"] = "major";
  incident["emotion"]["state"] = emotion;
  incident["emotion"]["intensity"] = 4;
  incident["customer"]["tier"] = tier;
  incident["history"]["prior_failures"] = failed_before ? 1 : 0;
  incident["history"]["last_recovery_outcome"] = failed_before ? "unsatisfied" : "none";
  // YAML::Dump writes the quoted digits of bank's account number as a number.
  if (incident["facts"]["account_number"]) incident["facts"]["account_number"] = "ACC-1";
  return incident;
}

}  // namespace

TEST_CASE("the members of one group are decided alike but for revenge risk", "[groups]") {
  const auto name = GENERATE(std::string("default"), std::string("hotel"), std::string("bank"));
  INFO(name);
  const auto rules = r::test::source_dir() / "rules";
  const auto loaded = r::load_policy_file(rules / (name + ".yaml"));
  REQUIRE(loaded.policy);
  const auto& policy = *loaded.policy;
  const auto schema = r::io::incident_schema(policy);
  const auto base = YAML::LoadFile((rules / (name + ".test.yaml")).string())["base"];

  r::batch::GroupConsistency groups(policy);
  std::set<std::string> revenge_risk;  // vip or strategic, failed before
  int number = 0;
  for (const auto* emotion : kEmotions) {
    for (const auto* tier : kTiers) {
      for (const bool failed_before : {false, true}) {
        const auto incident = member(base, ++number, emotion, tier, failed_before);
        const auto read = r::io::read_incident(YAML::Dump(incident), "member", schema);
        INFO(r::error_summary("the member does not read", read.diagnostics));
        REQUIRE(read.incident);
        groups.add(*read.incident, r::decide(policy, *read.incident),
                   static_cast<std::uint64_t>(number));
        const bool high_tier = std::string(tier) == "vip" || std::string(tier) == "strategic";
        if (high_tier && failed_before) revenge_risk.insert(read.incident->id);
      }
    }
  }
  REQUIRE(groups.members() == 60);
  std::set<std::string> differ;
  for (const auto& inconsistency : groups.inconsistencies()) {
    INFO(inconsistency.incident << ": " << inconsistency.difference.field);
    differ.insert(inconsistency.incident);
  }
  CHECK(differ == revenge_risk);
  CHECK(revenge_risk.size() == 12);
}
