// The linter on remedies offered on terms: a choice with fewer than two options that can be
// offered (lint.single_option), a fallback that can never apply (lint.fallback_never_applies),
// and the goodwill a choice, a contingent remedy and the caps add to lint.authority_gap.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "redress/io/load_policy.hpp"
#include "redress/lint/lint.hpp"

namespace {

std::string policy_with(const std::string& facts, const std::string& caps,
                        const std::string& rules) {
  return R"y(policy: {id: terms, version: "1", currency: CNY}
taxonomy:
  base: none
  add:
    - {id: core, type: outcome}
)y" + facts +
         R"y(remedies:
  - {id: rebook, covers: [outcome]}
  - {id: refund, covers: [outcome], monetary: true}
  - {id: upgrade, covers: [outcome], monetary: true, goodwill: true}
  - {id: voucher, covers: [outcome], monetary: true, goodwill: true}
  - {id: warranty, covers: [outcome], monetary: true, goodwill: true}
roles:
  - {id: desk, authority: 500 CNY, reports_to: boss, entry: true}
  - {id: boss, authority: 1000 CNY}
sla:
  targets:
    - {priority: 1, first_response: 15m, resolution: 1h}
)y" + caps +
         "rules:\n" + rules;
}

constexpr const char* kAvailability = R"y(facts:
  - {id: in_stock, type: bool, default: false}
)y";

redress::Diagnostics lint_text(const std::string& text) {
  const auto compiled = redress::load_policy(text, "terms.yaml");
  INFO(text);
  for (const auto& d : compiled.diagnostics.items()) INFO(d.code << ": " << d.message);
  REQUIRE(compiled.policy);
  return redress::lint(*compiled.policy);
}

std::vector<redress::Diagnostic> with(const redress::Diagnostics& findings,
                                      const std::string& code) {
  std::vector<redress::Diagnostic> out;
  for (const auto& d : findings.items()) {
    if (d.code == code) out.push_back(d);
  }
  return out;
}

/// 1-based line and column of the first `needle` in `text`.
std::pair<int, int> position(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  REQUIRE(at != std::string::npos);
  const auto line = std::count(text.begin(), text.begin() + static_cast<long>(at), '\n');
  const auto line_start = text.rfind('\n', at);
  return {static_cast<int>(line) + 1, static_cast<int>(at - line_start)};
}

void check_at(const redress::Diagnostic& d, const std::string& text, const std::string& needle) {
  const auto [line, column] = position(text, needle);
  CHECK(d.location.line + 1 == line);
  CHECK(d.location.column + 1 == column);
  CHECK(d.severity == redress::Severity::warning);
  CHECK_FALSE(d.hint.empty());
}

}  // namespace

TEST_CASE("lint.single_option: a choice of one", "[lint][terms]") {
  const auto text = policy_with(
      "", "",
      "  - id: choose\n    then:\n      - options: {id: c, of: [rebook, {id: refund, amount: "
      "\"min(loss, 0 CNY)\"}]}\n");
  const auto found = with(lint_text(text), "lint.single_option");
  REQUIRE(found.size() == 1);
  CHECK(found[0].message ==
        "option group 'c' in rule 'choose' can offer only 'rebook' (refund never worth more "
        "than zero here): the customer has no choice");
  check_at(found[0], text, "rebook, {id");

  const auto one =
      policy_with("", "", "  - id: one\n    then: [{options: {id: c, of: [rebook]}}]\n");
  const auto single = with(lint_text(one), "lint.single_option");
  REQUIRE(single.size() == 1);
  CHECK(single[0].message ==
        "option group 'c' in rule 'one' can offer only 'rebook': the customer has no choice");

  const auto two = policy_with(
      "", "",
      "  - id: two\n    then: [{options: {id: c, of: [rebook, {id: refund, amount: loss}]}}]\n");
  CHECK(with(lint_text(two), "lint.single_option").empty());
}

TEST_CASE("lint.fallback_never_applies: the preferred remedy is always available",
          "[lint][terms]") {
  const auto rule = [](const std::string& when) {
    return "  - id: stock\n" + when +
           "    then:\n      - remedy: {id: upgrade, amount: \"50 CNY\", if: in_stock, "
           "fallback: rebook}\n";
  };
  const auto text = policy_with(kAvailability, "", rule("    when: in_stock\n"));
  const auto found = with(lint_text(text), "lint.fallback_never_applies");
  REQUIRE(found.size() == 1);
  CHECK(found[0].message ==
        "the fallback 'rebook' of remedy 'upgrade' in rule 'stock' is never offered: 'upgrade' is "
        "available whenever the rule fires");
  check_at(found[0], text, "fallback: rebook");

  CHECK(with(lint_text(policy_with(kAvailability, "", rule(""))), "lint.fallback_never_applies")
            .empty());
  CHECK(with(lint_text(policy_with(kAvailability, "", rule("    when: not in_stock\n"))),
             "lint.fallback_never_applies")
            .empty());
}

TEST_CASE(
    "lint.authority_gap counts a choice at its dearest option, contingencies not, and "
    "the caps",
    "[lint][terms]") {
  const std::string choice =
      "  - id: goodwill\n    then:\n      - options: {id: g, of: [{id: voucher, amount: \"700 "
      "CNY\"}, {id: upgrade, amount: \"600 CNY\"}]}\n";
  const std::string contingent =
      "  - id: warranty\n    then:\n      - remedy: {id: warranty, amount: \"400 CNY\", "
      "contingent: {on: {en: \"a fault is found\"}}}\n";
  // 700 + 400 would pass 1000; the choice counts 700, the contingency nothing.
  CHECK(with(lint_text(policy_with("", "", choice + contingent)), "lint.authority_gap").empty());
  const auto confirmed_text = policy_with(
      kAvailability, "",
      choice +
          "  - id: warranty\n    then:\n      - remedy: {id: warranty, amount: \"400 CNY\", "
          "contingent: {on: {en: \"a fault is found\"}, confirmed: in_stock}}\n");
  const auto gap = with(lint_text(confirmed_text), "lint.authority_gap");
  REQUIRE(gap.size() == 1);
  CHECK_THAT(gap[0].message, Catch::Contains("can reach 1100.00 CNY"));
  const auto capped = policy_with(kAvailability, "caps: {goodwill_per_incident: 1000 CNY}\n",
                                  choice +
                                      "  - id: warranty\n    then:\n      - remedy: {id: "
                                      "warranty, amount: \"400 CNY\", contingent: {on: {en: \"a "
                                      "fault is found\"}, confirmed: in_stock}}\n");
  CHECK(with(lint_text(capped), "lint.authority_gap").empty());
}
