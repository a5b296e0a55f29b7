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
        std::vector<std::string_view>{"core", "core.unavailable"});
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

TEST_CASE("a reused Decision gives the same bytes as a fresh one", "[engine][determinism]") {
  // Deciding into one object must never leave anything of the previous decision behind: a big
  // decision with a trace, then smaller ones, with and without trace.
  const auto policy = redress::load_default_policy().policy;
  REQUIRE(policy);
  redress::Currency cny;
  redress::Currency::parse("CNY", cny);
  std::string error;
  redress::Incident big;
  big.id = "R-1";
  REQUIRE(redress::Timestamp::parse("2026-11-27T17:45:00+08:00", big.reported_at, error));
  big.category = "recovery.unresolved";
  big.emotion = redress::Emotion::aggrieved;
  big.tier = redress::Tier::vip;
  big.deficits = {redress::Justice::outcome, redress::Justice::procedural,
                  redress::Justice::interactional};
  big.loss = redress::Money(345678, cny);
  redress::Incident small = big;
  small.id = "R-2";
  small.category = "core.slow";
  small.emotion = redress::Emotion::calm;
  small.tier = redress::Tier::basic;
  small.deficits.clear();
  small.loss.reset();
  const redress::io::WriteOptions with_trace{true, -1};
  redress::Decision reused;
  for (const auto* incident : {&big, &small, &big, &small}) {
    for (const bool trace : {true, false}) {
      redress::decide(*policy, *incident, reused, {trace, ""});
      const auto fresh = redress::decide(*policy, *incident, {trace, ""});
      INFO(incident->id << (trace ? " with" : " without") << " trace");
      CHECK(redress::io::to_json(reused, with_trace) == redress::io::to_json(fresh, with_trace));
      CHECK(reused.rules_fired == fresh.rules_fired);
      CHECK(reused.trace.size() == (trace ? policy->rules.size() : 0U));
    }
  }
}
