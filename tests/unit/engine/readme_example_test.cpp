// The README's library example, kept compiling and correct; plus determinism of the output.
#include <catch2/catch.hpp>

#include <redress/redress.hpp>

TEST_CASE("the README example decides with the built-in policy", "[engine][readme]") {
  auto loaded = redress::load_default_policy();
  REQUIRE(loaded.policy);
  redress::Incident incident;
  incident.id = "T-1";
  std::string error;
  REQUIRE(redress::Timestamp::parse("2026-11-25T09:30:00+08:00", incident.reported_at, error));
  incident.category = "core.unavailable";
  incident.emotion = redress::Emotion::angry;
  redress::Decision decision = redress::decide(*loaded.policy, incident);
  std::string json = redress::io::to_json(decision);

  CHECK(decision.policy.id == "default");
  CHECK_THAT(decision.policy.hash, Catch::StartsWith("sha256:"));
  CHECK(decision.classification.category_path ==
        std::vector<std::string>{"core", "core.unavailable"});
  CHECK_FALSE(decision.remedies.empty());
  CHECK(decision.escalation_path.front() == "frontline");
  CHECK_THAT(json, Catch::Contains("\"incident\": \"T-1\""));
}

TEST_CASE("deciding twice gives byte-identical JSON", "[engine][determinism]") {
  const auto policy = redress::load_default_policy().policy;
  REQUIRE(policy);
  redress::Incident incident;
  incident.id = "T-2";
  std::string error;
  REQUIRE(redress::Timestamp::parse("2026-11-27T17:45:00+08:00", incident.reported_at, error));
  incident.category = "recovery.unresolved";
  incident.emotion = redress::Emotion::aggrieved;
  incident.intensity = 5;
  incident.tier = redress::Tier::vip;
  incident.deficits = {redress::Justice::outcome, redress::Justice::procedural};
  incident.motives = {redress::Motive::hostility};
  redress::Currency cny;
  redress::Currency::parse("CNY", cny);
  incident.loss = redress::Money(345678, cny);
  const redress::io::WriteOptions with_trace{true, 2};
  const auto first =
      redress::io::to_json(redress::decide(*policy, incident, {true, ""}), with_trace);
  // A second, independently compiled copy of the same policy decides the same way too.
  const auto again = redress::load_default_policy().policy;
  const auto second =
      redress::io::to_json(redress::decide(*again, incident, {true, ""}), with_trace);
  CHECK(first == second);
  CHECK_THAT(first, Catch::Contains("\"trace\""));
}
