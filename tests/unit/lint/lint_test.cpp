// The policy linter: every lint.* code with a policy that triggers it and one that does not,
// the soundness of the condition analysis, and the shipped policies (no error, no warning).
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "redress/io/incident_reader.hpp"
#include "redress/io/incident_schema.hpp"
#include "redress/io/load_policy.hpp"
#include "redress/lint/lint.hpp"
#include "support/fixtures.hpp"

namespace {

using redress::Diagnostic;
using redress::Severity;

/// A small policy, section by section; each test replaces what it is about. `rules` is
/// appended after the base rule, which uses every remedy and mentions every family, so that
/// the base policy lints clean.
struct Policy {
  std::string taxonomy = R"y(taxonomy:
  base: none
  add:
    - {id: core, type: outcome}
    - {id: core.slow}
    - {id: core.slow.queue}
    - {id: core.broken}
    - {id: process, type: process}
    - {id: process.billing}
)y";
  std::string facts;
  std::string remedies = R"y(remedies:
  - {id: apology, covers: [interactional]}
  - {id: refund, covers: [outcome], monetary: true, goodwill: false}
  - {id: voucher, covers: [outcome], monetary: true, goodwill: true}
  - {id: updates, covers: [procedural]}
)y";
  std::string catalogues;  // communication: and departments:
  std::string roles = R"y(roles:
  - {id: desk, authority: 500 CNY, reports_to: boss, entry: true}
  - {id: boss, authority: unlimited}
)y";
  std::string sla = R"y(sla:
  default_priority: 3
  targets:
    - {priority: 1, first_response: 15m, resolution: 1h}
    - {priority: 2, first_response: 1h, resolution: 8h}
    - {priority: 3, first_response: 4h, resolution: 3d}
)y";
  std::string base_rule = R"y(  - id: base
    when: category in core or category in process
    then:
      - remedy: apology
      - remedy: {id: refund, amount: "min(loss, 100 CNY)"}
      - remedy: {id: voucher, amount: "50 CNY"}
      - remedy: updates
)y";
  std::string rules;

  [[nodiscard]] std::string text() const {
    return "policy: {id: lint-test, version: \"1\", currency: CNY}\n" + taxonomy + facts +
           remedies + catalogues + roles + sla + "rules:\n" + base_rule + rules;
  }
};

struct Linted {
  std::string text;
  redress::Diagnostics findings;

  [[nodiscard]] std::vector<Diagnostic> with(const std::string& code) const {
    std::vector<Diagnostic> out;
    for (const auto& d : findings.items()) {
      if (d.code == code) out.push_back(d);
    }
    return out;
  }
  /// 1-based line and column of the first occurrence of `needle` in the policy text.
  [[nodiscard]] std::pair<int, int> position(const std::string& needle) const {
    const auto at = text.find(needle);
    REQUIRE(at != std::string::npos);
    const auto line_start = text.rfind('\n', at);
    const auto column = line_start == std::string::npos ? at : at - line_start - 1;
    const auto line = std::count(text.begin(), text.begin() + static_cast<long>(at), '\n');
    return {static_cast<int>(line) + 1, static_cast<int>(column) + 1};
  }
};

Linted lint_text(const std::string& text) {
  const auto compiled = redress::load_policy(text, "lint-test.yaml");
  INFO(text);
  for (const auto& d : compiled.diagnostics.items()) INFO(d.code << ": " << d.message);
  REQUIRE(compiled.policy);
  return {text, redress::lint(*compiled.policy)};
}

Linted lint_policy(const Policy& policy) { return lint_text(policy.text()); }

/// Checks one finding: its code, severity, where it points (the first occurrence of
/// `element` in the policy) and part of its message.
void check_finding(const Linted& linted, const std::string& code, Severity severity,
                   const std::string& element, const std::string& message) {
  const auto found = linted.with(code);
  REQUIRE(found.size() == 1);
  const auto& d = found.front();
  CHECK(d.severity == severity);
  CHECK(d.location.file == "lint-test.yaml");
  const auto [line, column] = linted.position(element);
  CHECK(d.location.line + 1 == line);
  CHECK(d.location.column + 1 == column);
  CHECK_THAT(d.message, Catch::Contains(message));
  CHECK_FALSE(d.hint.empty());
}

/// A policy with one more rule that has condition `when`.
Linted lint_condition(const std::string& when) {
  Policy policy;
  policy.rules = "  - id: probe\n    when: '" + when + "'\n    then: [{remedy: apology}]\n";
  return lint_text(policy.text());
}

}  // namespace

TEST_CASE("the base test policy has no findings", "[lint]") {
  const auto linted = lint_policy(Policy{});
  for (const auto& d : linted.findings.items()) INFO(d.code << ": " << d.message);
  CHECK(linted.findings.empty());
}

TEST_CASE("lint.never_fires: a condition no incident satisfies", "[lint]") {
  const auto linted = lint_condition("emotion == angry and emotion == calm");
  check_finding(linted, "lint.never_fires", Severity::warning, "probe",
                "rule 'probe' can never fire: no value of emotion satisfies its condition");
  CHECK(lint_condition("emotion == angry and intensity >= 4").with("lint.never_fires").empty());
}

TEST_CASE("lint.never_fires: conditions with string literals are analysed too", "[lint]") {
  // The compiled policy keeps no condition trees: the linter checks when_text again against
  // the read-only policy, where string literals are looked up, not interned.
  Policy policy;
  policy.facts = "facts:\n  - {id: shop, type: string}\n";
  policy.rules =
      "  - id: probe\n    when: 'shop == \"web\" and emotion == angry and emotion == calm'\n"
      "    then: [{remedy: apology}]\n"
      "  - id: fine\n    when: 'shop == \"web\" and emotion == angry'\n"
      "    then: [{remedy: apology}]\n";
  const auto linted = lint_policy(policy);
  check_finding(linted, "lint.never_fires", Severity::warning, "probe",
                "rule 'probe' can never fire");
}

TEST_CASE("lint.never_fires: a constant false condition", "[lint]") {
  const auto linted = lint_condition("1 > 2");
  check_finding(linted, "lint.never_fires", Severity::warning, "probe",
                "its condition is always false");
}

TEST_CASE("lint.never_fires is sound: it only reports conditions nothing satisfies", "[lint]") {
  const auto [when, fires] = GENERATE(table<std::string, bool>({
      {"intensity > 3 and intensity < 5", true},
      {"emotion == angry and emotion == calm", false},
      {"magnitude >= major and magnitude < moderate", false},
      {"category in core.slow and category in process", false},
      {"prior_failures < 0", false},
      {"intensity > 5", false},
      {"intensity >= 5", true},
      {"3 < intensity and intensity < 4", false},
      {"not (intensity >= 1)", false},
      {"intensity * 2 > 10", false},
      {"intensity * 2 >= 10", true},
      {"intensity in [1, 2] and intensity in [4, 5]", false},
      {"intensity not in [1, 2, 3, 4, 5]", false},
      {"intensity not in [1, 2]", true},
      {"emotion in [angry, calm] and emotion not in [angry, calm]", false},
      {"emotion != angry or emotion == angry", true},
      {"not (emotion != angry or tier < vip) and tier >= vip", true},
      {"tier >= vip and tier <= premium", false},
      {"magnitude > critical", false},
      {"safety_critical and not safety_critical", false},
      {"safety_critical == true and safety_critical != true", false},
      {"category in core and category not in core.slow", true},
      {"category == core.slow and category in core.slow.queue", false},
      {"category in core.slow.queue and not (category in core)", false},
      {"category in [core.slow, process] and category in core.broken", false},
      {"category in [core.slow, process] and category in core.slow.queue", true},
      {"respect in motives and not has(motives, respect)", false},
      {"empty(deficits) and outcome in deficits", false},
      {"not empty(deficits) and procedural not in deficits", true},
      {"count(deficits) > 3", false},
      {"count(deficits) == 3", true},
      {"loss > 100 CNY and loss < 200 CNY", true},
      {"loss > 200 CNY and loss < 100 CNY", false},
      {"loss - 50 CNY < 0 CNY", true},
      {"priority > 3", false},
      {"priority == 2", true},
      {"prior_failures > open_complaints", true},
      {"touchpoint == \"a\" and touchpoint == \"b\"", true},  // strings are not modelled
      {"false", false},
      {"true", true},
  }));
  INFO(when);
  CHECK(lint_condition(when).with("lint.never_fires").empty() == fires);
}

TEST_CASE("lint.never_fires on a negative amount: the reader refuses one, so it holds", "[lint]") {
  for (const std::string fact : {"loss", "compensation_given"}) {
    INFO(fact);
    const auto linted = lint_condition(fact + " < 0 CNY");
    check_finding(linted, "lint.never_fires", Severity::warning, "probe",
                  "no value of " + fact + " satisfies its condition");
    // The same policy never sees a negative amount: the reader refuses it ...
    const auto compiled = redress::load_policy(linted.text, "lint-test.yaml");
    REQUIRE(compiled.policy);
    const std::string path = fact == "loss" ? "loss" : "history.compensation_given";
    const std::string document =
        std::string("id: A\nreported_at: \"2026-11-25T09:30:00+08:00\"\ncategory: core.slow\n") +
        (fact == "loss" ? "loss: -0.01 CNY\n" : "history: {compensation_given: -0.01 CNY}\n");
    const auto read = redress::io::read_incident(document, "i.yaml",
                                                 redress::io::incident_schema(*compiled.policy));
    CHECK_FALSE(read.incident);
    REQUIRE(read.diagnostics.size() == 1);
    CHECK(read.diagnostics.items()[0].code == "incident.out_of_range");
    CHECK(read.diagnostics.items()[0].message == path + " cannot be negative, found -0.01 CNY");
  }
  // ... and whatever is not negative can meet the other bound.
  CHECK(lint_condition("loss <= 0 CNY").with("lint.never_fires").empty());
}

TEST_CASE("lint.never_fires: a derived fact is only its default or a value a rule sets", "[lint]") {
  Policy policy;
  policy.facts = "facts:\n  - {id: flagged, type: bool, derived: true, default: false}\n";
  policy.rules = "  - id: reader\n    when: flagged\n    then: [{remedy: apology}]\n";
  check_finding(lint_policy(policy), "lint.never_fires", Severity::warning, "reader",
                "no value of flagged");
  policy.rules +=
      "  - id: setter\n    when: intensity >= 4\n    then: [{set: {flagged: \"true\"}}]\n";
  CHECK(lint_policy(policy).with("lint.never_fires").empty());
}

TEST_CASE("lint.shadowed: a later rule of a first group implied by an earlier one", "[lint]") {
  Policy policy;
  policy.rules = R"y(  - group: money
    hit: first
    rules:
      - id: big
        when: magnitude >= major
        then: [{set: {priority: "1"}}]
      - id: huge
        when: magnitude == critical and intensity >= 2
        then: [{set: {priority: "2"}}]
)y";
  check_finding(lint_policy(policy), "lint.shadowed", Severity::warning, "huge",
                "rule 'huge' is shadowed: whenever it matches, earlier rule 'big' of the 'first' "
                "group 'money' matches too");

  SECTION("not when the narrower rule comes first") {
    policy.rules = R"y(  - group: money
    hit: first
    rules:
      - id: huge
        when: magnitude == critical
        then: [{set: {priority: "1"}}]
      - id: big
        when: magnitude >= major
        then: [{set: {priority: "2"}}]
)y";
    CHECK(lint_policy(policy).with("lint.shadowed").empty());
  }
  SECTION("not in a collect group") {
    const auto at = policy.rules.find("first");
    policy.rules.replace(at, 5, "collect");
    CHECK(lint_policy(policy).with("lint.shadowed").empty());
  }
  SECTION("not when the earlier condition is not modelled") {
    policy.rules = R"y(  - group: money
    hit: first
    rules:
      - id: big
        when: touchpoint == "desk"
        then: [{set: {priority: "1"}}]
      - id: huge
        when: touchpoint == "desk" and intensity >= 2
        then: [{set: {priority: "2"}}]
)y";
    CHECK(lint_policy(policy).with("lint.shadowed").empty());
  }
}

TEST_CASE("lint.shadowed: after a rule without a condition, or by several earlier rules",
          "[lint]") {
  Policy policy;
  policy.rules = R"y(  - group: table
    hit: first
    rules:
      - id: low
        when: intensity <= 2
        then: [{set: {priority: "3"}}]
      - id: high
        when: intensity >= 3
        then: [{set: {priority: "2"}}]
      - id: extremes
        when: intensity == 1 or intensity == 5
        then: [{set: {priority: "1"}}]
)y";
  check_finding(lint_policy(policy), "lint.shadowed", Severity::warning, "extremes",
                "earlier rules 'low' and 'high'");

  policy.rules = R"y(  - group: table
    hit: first
    rules:
      - id: always
        then: [{set: {priority: "3"}}]
      - id: never-reached
        when: intensity >= 3
        then: [{set: {priority: "2"}}]
)y";
  check_finding(lint_policy(policy), "lint.shadowed", Severity::warning, "never-reached",
                "earlier rule 'always'");
}

TEST_CASE("lint.shadowed: not when a rule running in between changes what was tested", "[lint]") {
  Policy policy;
  policy.rules = R"y(  - group: table
    hit: first
    rules:
      - id: lower
        when: priority == 2
        then: [{set: {priority: "priority - 1"}}]
      - id: second
        when: priority == 2
        then: [{remedy: apology}]
)y";
  check_finding(lint_policy(policy), "lint.shadowed", Severity::warning, "second",
                "earlier rule 'lower'");
  // An update of priority runs after 'lower' and before 'second' (which only reads it), so
  // 'second' fires when the default 3 is lowered to 2.
  policy.rules += "  - id: raise\n    then: [{set: {priority: \"max(priority - 1, 1)\"}}]\n";
  CHECK(lint_policy(policy).with("lint.shadowed").empty());
}

TEST_CASE("lint.unused_remedy, lint.unused_step, lint.unused_department", "[lint]") {
  Policy policy;
  policy.remedies += "  - {id: gift, covers: [outcome, interactional]}\n";
  policy.catalogues =
      "communication:\n  - {id: greet}\ndepartments:\n  - {id: it, name: IT operations}\n";
  const auto linted = lint_policy(policy);
  check_finding(linted, "lint.unused_remedy", Severity::warning, "gift",
                "remedy 'gift' is declared but no rule recommends it");
  check_finding(linted, "lint.unused_step", Severity::info, "greet",
                "communication step 'greet' is declared but no rule says it");
  check_finding(linted, "lint.unused_department", Severity::info, "it, name",
                "department 'it' is declared but no rule involves it");

  policy.rules =
      "  - id: use-all\n    when: intensity >= 4\n"
      "    then: [{remedy: gift}, {say: greet}, {involve: it}]\n";
  const auto used = lint_policy(policy);
  CHECK(used.with("lint.unused_remedy").empty());
  CHECK(used.with("lint.unused_step").empty());
  CHECK(used.with("lint.unused_department").empty());
}

TEST_CASE("lint.unreachable_role: a role off the escalation path", "[lint]") {
  Policy policy;
  policy.roles += "  - {id: auditor, authority: 100 CNY, reports_to: boss}\n";
  check_finding(lint_policy(policy), "lint.unreachable_role", Severity::warning, "auditor",
                "role 'auditor' is not on the escalation path (desk -> boss)");

  policy.roles = R"y(roles:
  - {id: desk, authority: 500 CNY, reports_to: auditor, entry: true}
  - {id: auditor, authority: 1000 CNY, reports_to: boss}
  - {id: boss, authority: unlimited}
)y";
  CHECK(lint_policy(policy).with("lint.unreachable_role").empty());
}

TEST_CASE("lint.authority_gap: goodwill above the top role's authority", "[lint]") {
  Policy policy;
  policy.roles = R"y(roles:
  - {id: desk, authority: 500 CNY, reports_to: boss, entry: true}
  - {id: boss, authority: 1000 CNY}
)y";
  policy.remedies += "  - {id: gift, covers: [interactional], monetary: true, goodwill: true}\n";

  SECTION("an amount without an upper bound") {
    policy.rules = "  - id: generous\n    then: [{remedy: {id: gift, amount: loss}}]\n";
    check_finding(lint_policy(policy), "lint.authority_gap", Severity::error, "boss, authority",
                  "the goodwill total is unbounded ('gift' unbounded in rule 'generous'");
  }
  SECTION("bounded amounts that add up to too much") {
    policy.rules =
        "  - id: generous\n    then: [{remedy: {id: gift, amount: \"min(loss, 960 CNY)\"}}]\n";
    check_finding(lint_policy(policy), "lint.authority_gap", Severity::error, "boss, authority",
                  "the goodwill total can reach 1010.00 CNY");
  }
  SECTION("not when the amounts stay within it") {
    policy.rules =
        "  - id: generous\n    then: [{remedy: {id: gift, amount: \"min(loss, 950 CNY)\"}}]\n";
    CHECK(lint_policy(policy).with("lint.authority_gap").empty());
  }
  SECTION("not when the condition bounds the amount") {
    policy.rules =
        "  - id: generous\n    when: loss <= 900 CNY\n"
        "    then: [{remedy: {id: gift, amount: loss}}]\n";
    CHECK(lint_policy(policy).with("lint.authority_gap").empty());
  }
  SECTION("restitution does not count") {
    policy.rules = "  - id: generous\n    then: [{remedy: {id: refund, amount: loss}}]\n";
    CHECK(lint_policy(policy).with("lint.authority_gap").empty());
  }
}

TEST_CASE("lint.priority_without_sla: a computed priority between the SLA's targets", "[lint]") {
  Policy policy;
  policy.sla = R"y(sla:
  default_priority: 4
  targets:
    - {priority: 1, first_response: 15m, resolution: 1h}
    - {priority: 2, first_response: 1h, resolution: 8h}
    - {priority: 4, first_response: 4h, resolution: 3d}
)y";
  policy.rules =
      "  - id: raise\n    when: tier >= vip\n    then:\n"
      "      - set: {priority: \"max(priority - 1, 1)\"}\n";
  check_finding(lint_policy(policy), "lint.priority_without_sla", Severity::error,
                "priority: \"max", "rule 'raise' can set priority to 3, which has no SLA target");

  policy.sla.insert(policy.sla.rfind("    - {priority: 4"),
                    "    - {priority: 3, first_response: 2h, resolution: 1d}\n");
  CHECK(lint_policy(policy).with("lint.priority_without_sla").empty());
}

TEST_CASE("lint.unhandled_category: a branch of the taxonomy no condition mentions", "[lint]") {
  Policy policy;
  policy.taxonomy += "    - {id: conduct, type: process}\n    - {id: conduct.rude}\n";
  check_finding(lint_policy(policy), "lint.unhandled_category", Severity::info, "conduct",
                "no rule handles category 'conduct' or anything under it");

  SECTION("a category mentioned below a branch handles the branch") {
    policy.rules =
        "  - id: rude\n    when: category in conduct.rude\n    then: [{remedy: apology}]\n";
    CHECK(lint_policy(policy).with("lint.unhandled_category").empty());
  }
  SECTION("only the top-most unhandled branch is reported") {
    policy.base_rule = R"y(  - id: base
    when: category in core.broken or category in process
    then: [{remedy: apology}, {remedy: {id: refund, amount: "1 CNY"}}, {remedy: {id: voucher, amount: "1 CNY"}}, {remedy: updates}]
)y";
    const auto linted = lint_policy(policy);
    std::vector<std::string> messages;
    for (const auto& d : linted.with("lint.unhandled_category")) messages.push_back(d.message);
    REQUIRE(messages.size() == 2);
    CHECK_THAT(messages[0], Catch::Contains("'core.slow'"));
    CHECK_THAT(messages[1], Catch::Contains("'conduct'"));
  }
}

TEST_CASE("lint.unhandled_category: standard categories point at the taxonomy section", "[lint]") {
  Policy policy;
  policy.taxonomy = "taxonomy:\n  base: standard\n";
  const auto linted = lint_policy(policy);
  const auto found = linted.with("lint.unhandled_category");
  REQUIRE_FALSE(found.empty());
  for (const auto& d : found) {
    CHECK(d.location.file == "lint-test.yaml");
    CHECK(d.location.line + 1 == linted.position("base: standard").first);
  }
}

TEST_CASE("lint.uncoverable_deficit: a justice dimension no recommendable remedy covers",
          "[lint]") {
  Policy policy;
  policy.base_rule = R"y(  - id: base
    when: category in core or category in process
    then: [{remedy: apology}, {remedy: {id: refund, amount: "1 CNY"}}, {remedy: {id: voucher, amount: "1 CNY"}}]
)y";
  const auto linted = lint_policy(policy);
  check_finding(linted, "lint.uncoverable_deficit", Severity::warning, "updates",
                "no remedy that a rule can recommend covers the 'procedural' deficit");
  CHECK_THAT(linted.with("lint.uncoverable_deficit").front().hint,
             Catch::Contains("remedy 'updates' covers it"));

  SECTION("a rule that never fires recommends nothing") {
    policy.rules = "  - id: dead\n    when: intensity > 5\n    then: [{remedy: updates}]\n";
    CHECK(lint_policy(policy).with("lint.uncoverable_deficit").size() == 1);
  }
  SECTION("covered once a rule that can fire recommends it") {
    policy.rules = "  - id: alive\n    when: intensity > 4\n    then: [{remedy: updates}]\n";
    CHECK(lint_policy(policy).with("lint.uncoverable_deficit").empty());
  }
}

TEST_CASE("findings are sorted by location", "[lint]") {
  Policy policy;
  policy.remedies += "  - {id: gift, covers: [outcome]}\n";
  policy.roles += "  - {id: auditor, authority: 100 CNY, reports_to: boss}\n";
  policy.rules = "  - id: dead\n    when: intensity > 5\n    then: [{remedy: apology}]\n";
  const auto linted = lint_policy(policy);
  REQUIRE(linted.findings.size() == 3);
  const auto& items = linted.findings.items();
  CHECK(items[0].code == "lint.unused_remedy");
  CHECK(items[1].code == "lint.unreachable_role");
  CHECK(items[2].code == "lint.never_fires");
}

TEST_CASE("the shipped policies have no lint error or warning", "[lint]") {
  const auto file = GENERATE(as<std::string>{}, "default.yaml", "hotel.yaml", "bank.yaml",
                             "airline.yaml", "car-service.yaml", "retail.yaml", "telecom.yaml");
  const auto compiled = redress::load_policy_file(redress::test::source_dir() / "rules" / file);
  REQUIRE(compiled.policy);
  const auto findings = redress::lint(*compiled.policy);
  for (const auto& d : findings.items()) {
    INFO(file << ":" << d.location.line + 1 << ":" << d.location.column + 1 << ": "
              << redress::to_string(d.severity) << "[" << d.code << "]: " << d.message);
    CHECK(d.severity == Severity::info);
  }
}
