// redress diff sees the terms remedies are offered on and the goodwill caps: changing a
// choice's options, a fallback or a cap is a change.
#include <catch2/catch.hpp>

#include "redress/diff/policy_diff.hpp"
#include "support/fixtures.hpp"
#include "support/policies.hpp"

namespace {

using redress::test::replaced;

namespace r = redress;

r::policy::PolicySpec spec(const std::string& text) {
  return r::test::policy_spec(text, "terms.yaml");
}

}  // namespace

TEST_CASE("diff: a choice's options, a fallback and the caps", "[diff][terms]") {
  const auto before =
      r::test::read_file(r::test::source_dir() / "examples/remedy-terms/policy.yaml");
  auto after = replaced(before, "of: [replacement, {id: refund, amount: loss}]",
                        "of: [replacement, {id: refund, amount: \"loss / 2\"}]");
  after = replaced(after, "fallback: {id: equivalent_model, amount: loss}",
                   "fallback: {id: equivalent_model, amount: \"loss * 2\"}");
  after = replaced(after, "goodwill_per_incident: 600 CNY", "goodwill_per_incident: 800 CNY");
  const auto diff = r::diff::diff_policies(spec(before), spec(after));
  REQUIRE(diff.changes.size() == 3);
  CHECK(diff.changes[0].kind == "rule");
  CHECK(diff.changes[0].id == "faulty-appliance");
  REQUIRE(diff.changes[0].properties.size() == 1);
  CHECK(diff.changes[0].properties[0].before ==
        "options put-right of [replacement, refund = loss]");
  CHECK(diff.changes[0].properties[0].after ==
        "options put-right of [replacement, refund = loss / 2]");
  CHECK(diff.changes[1].id == "sold-out");
  CHECK(diff.changes[1].properties[0].after ==
        "remedy upgrade = 300 CNY if upgrade_in_stock else remedy equivalent_model = loss * 2");
  CHECK(diff.changes[2].kind == "caps");
  REQUIRE(diff.changes[2].properties.size() == 1);
  CHECK(diff.changes[2].properties[0].name == "goodwill_per_incident");
  CHECK(diff.changes[2].properties[0].before == "600 CNY");
  CHECK(diff.changes[2].properties[0].after == "800 CNY");
}
