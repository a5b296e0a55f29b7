// redress diff compares the commitments: one added, one removed, and one whose due time,
// recurrence and text changed, each with the properties before and after.
#include <catch2/catch.hpp>

#include "redress/diff/policy_diff.hpp"
#include "support/fixtures.hpp"
#include "support/policies.hpp"

namespace {

using redress::test::replaced;

namespace r = redress;

r::policy::PolicySpec spec(const std::string& text) {
  return r::test::policy_spec(text, "commitments.yaml");
}

}  // namespace

TEST_CASE("diff: commitments added, removed and changed", "[diff][commitments]") {
  const auto before =
      r::test::read_file(r::test::source_dir() / "tests/data/commitments/policy.yaml");
  auto after = replaced(before, "    due: 24h\n    every: 24h\n", "    due: 12h\n    every: 48h\n");
  after = replaced(after, "text: {en: Update the customer on the refund,",
                   "text: {en: Tell the customer where the refund is,");
  after = replaced(after,
                   "  - id: call_back\n    kind: callback\n    assignee: duty_manager\n"
                   "    at: \"09:00\"\n",
                   "  - id: call_back_today\n    kind: callback\n    assignee: frontline\n"
                   "    due: 2h\n");
  const auto diff = r::diff::diff_policies(spec(before), spec(after));
  std::vector<r::diff::ElementChange> commitments;
  for (const auto& c : diff.changes) {
    if (c.kind == "commitment") commitments.push_back(c);
  }
  REQUIRE(commitments.size() == 3);
  CHECK(commitments[0].id == "call_back");
  CHECK(commitments[0].status == r::diff::ElementChange::Status::removed);
  CHECK(commitments[1].id == "refund_updates");
  CHECK(commitments[1].status == r::diff::ElementChange::Status::changed);
  REQUIRE(commitments[1].properties.size() == 3);
  CHECK(commitments[1].properties[0].name == "due");
  CHECK(commitments[1].properties[0].before == "24h");
  CHECK(commitments[1].properties[0].after == "12h");
  CHECK(commitments[1].properties[1].name == "every");
  CHECK(commitments[1].properties[1].before == "24h");
  CHECK(commitments[1].properties[1].after == "48h");
  CHECK(commitments[1].properties[2].name == "text");
  CHECK(commitments[1].properties[2].before ==
        "en: Update the customer on the refund; zh: 向客户通报退款进展");
  CHECK(commitments[1].properties[2].after ==
        "en: Tell the customer where the refund is; zh: 向客户通报退款进展");
  CHECK(commitments[2].id == "call_back_today");
  CHECK(commitments[2].status == r::diff::ElementChange::Status::added);
  // The text form names the kind and id.
  const auto text = r::diff::to_text(diff);
  CHECK(text.find("commitment refund_updates") != std::string::npos);
}
