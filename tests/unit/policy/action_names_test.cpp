// The names of the actions are one table (policy::kActionNames): the policy reader reads each
// key as its kind, and the policy diff writes each kind under the same key.
#include <catch2/catch.hpp>

#include "redress/diff/policy_diff.hpp"
#include "redress/io/policy_loader.hpp"
#include "redress/policy/spec.hpp"

namespace {

namespace r = redress;
using r::policy::ActionKind;

const std::string kHead = R"(policy: {id: p, version: "1", currency: CNY}
roles:
  - id: agent
    authority: unlimited
sla:
  targets:
    - {priority: 1, first_response: 1h, resolution: 1d}
rules:
  - id: r
    then:
)";

r::policy::PolicySpec spec(const std::string& actions) {
  std::string text = kHead;
  text += actions;
  auto loaded = r::io::load_policy_spec(text, "actions.yaml");
  REQUIRE(loaded.spec);
  return std::move(*loaded.spec);
}

}  // namespace

TEST_CASE("action names: every kind has its key, and the key reads back as the kind",
          "[policy][actions]") {
  CHECK(r::policy::kActionNames.size() == 9);
  for (std::size_t i = 0; i < r::policy::kActionNames.size(); ++i) {
    const auto kind = static_cast<ActionKind>(i);
    CHECK(r::policy::parse_action_kind(r::policy::to_string(kind)) == kind);
  }
  CHECK(r::policy::to_string(ActionKind::commit) == "commit");
  CHECK(r::policy::to_string(ActionKind::options) == "options");
  CHECK_FALSE(r::policy::parse_action_kind("Remedy").has_value());
  CHECK_FALSE(r::policy::parse_action_kind("").has_value());
}

TEST_CASE("action names: the reader and the diff use the same keys", "[policy][actions][diff]") {
  const auto before = spec("      - say: greet\n");
  const auto after = spec(
      "      - remedy: apology\n      - involve: billing\n      - escalate: agent\n"
      "      - say: greet\n      - clock: fca_disp\n      - commit: callback\n"
      "      - recusal: required\n      - options: {id: pick, of: [refund, voucher]}\n"
      "      - set: {priority: \"2\"}\n");
  const auto& read = after.rules.at(0).rule->actions;
  REQUIRE(read.size() == 9);
  const ActionKind kinds[] = {ActionKind::remedy,  ActionKind::involve, ActionKind::escalate,
                              ActionKind::say,     ActionKind::clock,   ActionKind::commit,
                              ActionKind::recusal, ActionKind::options, ActionKind::set};
  for (std::size_t i = 0; i < read.size(); ++i) CHECK(read[i].kind == kinds[i]);

  const auto diff = r::diff::diff_policies(before, after);
  REQUIRE(diff.changes.size() == 1);
  REQUIRE(diff.changes[0].properties.size() == 1);
  CHECK(diff.changes[0].properties[0].name == "actions");
  CHECK(diff.changes[0].properties[0].before == "say greet");
  CHECK(diff.changes[0].properties[0].after ==
        "remedy apology; involve billing; escalate agent; say greet; clock fca_disp; "
        "commit callback; recusal required; options pick of [refund, voucher]; set priority = 2");
}

TEST_CASE("action names: an unknown action lists every key", "[policy][actions][io]") {
  std::string text = kHead;
  text += "      - compensate: apology\n";
  const auto loaded = r::io::load_policy_spec(text, "actions.yaml");
  CHECK_FALSE(loaded.spec);
  REQUIRE(loaded.diagnostics.size() >= 1);
  const auto& d = loaded.diagnostics.items().front();
  CHECK(d.code == "policy.unknown_key");
  CHECK(d.location.line == 10);  // 0-based: 11:9 as printed
  CHECK(d.location.column == 8);
  CHECK(d.message == "unknown action 'compensate'");
  CHECK(d.hint ==
        "actions are 'remedy', 'set', 'involve', 'escalate', 'say', 'clock', 'commit', "
        "'recusal' or 'options'");
}
