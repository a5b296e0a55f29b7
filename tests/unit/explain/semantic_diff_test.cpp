// The semantic diff finds where two policies decide differently, with a shrunk example that
// both policies decided, and nothing where they are the same.
#include <catch2/catch.hpp>

#include "redress/engine/decide.hpp"
#include "redress/explain/semantic_diff.hpp"
#include "redress/io/load_policy.hpp"
#include "support/fixtures.hpp"

namespace {

std::shared_ptr<const redress::CompiledPolicy> load(const char* name) {
  auto loaded =
      redress::load_policy_file(redress::test::source_dir() / "tests/data/explain" / name);
  REQUIRE(loaded.policy);
  return loaded.policy;
}

}  // namespace

TEST_CASE("a raised authority is found as the region where the owner changes", "[explain][diff]") {
  const auto old_policy = load("planted.yaml");
  const auto new_policy = load("planted-v2.yaml");
  const auto base = redress::explain::default_base(*old_policy, *new_policy);
  const auto diff = redress::explain::semantic_diff(*old_policy, *new_policy, base);
  CHECK(diff.exhaustive);
  // 4 magnitudes x 5 tiers x 28 losses: 0.00, 0.01 and 0.02 CNY (each side of `loss > 0 CNY`),
  // and 1.00 to 10,000.00 CNY in 1-1.5-2-3-5-7 steps (up to four times the largest authority,
  // 3,000.00 CNY in the new policy).
  CHECK(diff.checked == 560);
  CHECK(diff.undecidable == 0);
  REQUIRE(diff.regions.size() == 1);
  const auto& region = diff.regions[0];
  CHECK(region.difference == "owner manager -> team_lead");
  // Half the loss between 2,000.01 and 3,000.00 CNY: of the losses tried, only 5,000.00 CNY,
  // whatever the magnitude and the tier.
  CHECK(region.incidents == 20);
  CHECK(region.example_changes == "loss 5,000.00 CNY");
  // Both decisions are real.
  CHECK(redress::decide(*old_policy, region.example).owner == "manager");
  CHECK(redress::decide(*new_policy, region.example).owner == "team_lead");
  CHECK(region.old_decision.owner == "manager");
  CHECK(region.new_decision.owner == "team_lead");
  const auto text = redress::explain::to_text(*old_policy, *new_policy, diff);
  CHECK(text.find("1. owner manager -> team_lead (20 incidents)\n  example: loss 5,000.00 CNY\n") !=
        std::string::npos);
}

TEST_CASE("a policy has no semantic difference with itself", "[explain][diff]") {
  const auto policy = load("planted.yaml");
  const auto diff = redress::explain::semantic_diff(
      *policy, *policy, redress::explain::default_base(*policy, *policy));
  CHECK(diff.regions.empty());
  CHECK(diff.checked == 540);  // 27 losses: the ladder stops at 7,000.00 CNY (4 x 2,000.00)
}
