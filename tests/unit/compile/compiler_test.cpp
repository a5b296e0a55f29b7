// The compiler's products: taxonomy intervals, fact slots, the escalation chain, the rule
// graph's order and DOT output, warnings that do not stop a policy.
#include <catch2/catch.hpp>

#include <sstream>

#include "compile/rule_index.hpp"
#include "redress/io/load_policy.hpp"

namespace {

constexpr const char* kPolicy = R"(
policy: {id: t, version: "1", currency: EUR}
taxonomy:
  base: none
  add:
    - {id: core, type: outcome}
    - {id: core.slow}
    - {id: core.slow.queue, type: process}
    - {id: conduct, type: process}
facts:
  - {id: flagged, type: bool, derived: true, default: false}
  - {id: channel_code, type: enum, values: [a, b, c], default: b}
roles:
  - {id: desk, authority: 50 EUR, reports_to: boss, entry: true}
  - {id: boss, authority: 20 EUR}
sla:
  default_priority: 2
  targets:
    - {priority: 1, first_response: 15m, resolution: 1h}
    - {priority: 2, first_response: 1h, resolution: 8h}
rules:
  - id: reader
    when: flagged
    then: [{set: {priority: "1"}}]
  - id: setter
    when: category in core.slow
    then: [{set: {flagged: "true"}}]
  - id: last
    after: [reader]
    then: []
)";

std::vector<std::uint32_t> rule_indices(const redress::detail::CategoryBucket& bucket) {
  std::vector<std::uint32_t> out;
  for (const auto& entry : bucket.rules) out.push_back(entry.rule);
  return out;
}

}  // namespace

TEST_CASE("the taxonomy is stored in pre-order with descendant intervals", "[compile]") {
  const auto result = redress::load_policy(kPolicy, "t.yaml");
  REQUIRE(result.policy);
  const auto& nodes = result.policy->categories;
  REQUIRE(nodes.size() == 4);
  CHECK(nodes[0].id == "core");
  CHECK(nodes[0].end == 3);
  CHECK(nodes[1].id == "core.slow");
  CHECK(nodes[1].failure_type == redress::FailureType::outcome);  // inherited
  CHECK(nodes[2].failure_type == redress::FailureType::process);  // declared
  CHECK(nodes[2].parent == 1);
  CHECK(nodes[3].id == "conduct");
}

TEST_CASE("host and derived facts follow the built-in slots, with defaults", "[compile]") {
  const auto result = redress::load_policy(kPolicy, "t.yaml");
  REQUIRE(result.policy);
  const auto& p = *result.policy;
  const auto flagged = p.fact_slot("flagged");
  const auto code = p.fact_slot("channel_code");
  REQUIRE(flagged);
  REQUIRE(code);
  CHECK(*flagged > p.priority_slot);
  CHECK(p.facts[*flagged].source == redress::FactSource::derived);
  CHECK(p.facts[*code].default_value == 1);  // b
  CHECK(p.facts[p.priority_slot].default_value == 2);
}

TEST_CASE("setters run before readers; after: adds an edge", "[compile]") {
  const auto result = redress::load_policy(kPolicy, "t.yaml");
  REQUIRE(result.policy);
  const auto& p = *result.policy;
  std::vector<std::string> order;
  for (auto r : p.evaluation_order) order.push_back(p.rules[r].id);
  CHECK(order == std::vector<std::string>{"setter", "reader", "last"});
  std::ostringstream dot;
  p.write_dot(dot);
  CHECK(dot.str().find("1->0") != std::string::npos);  // setter -> reader
  CHECK(dot.str().find("0->2") != std::string::npos);  // reader -> last
  CHECK(dot.str().find("1[label=setter]") != std::string::npos);
}

TEST_CASE("authority shrinking up the line is a warning, not an error", "[compile]") {
  const auto result = redress::load_policy(kPolicy, "t.yaml");
  REQUIRE(result.policy);
  REQUIRE(result.diagnostics.size() == 1);
  const auto& d = result.diagnostics.items()[0];
  CHECK(d.code == "policy.authority_decreases");
  CHECK(d.severity == redress::Severity::warning);
  CHECK(d.location.line == 14);
  CHECK(result.policy->escalation_chain == std::vector<std::uint32_t>{0, 1});
}

TEST_CASE("the policy hash identifies the exact source text", "[compile]") {
  const auto a = redress::load_policy(kPolicy, "t.yaml");
  const auto b = redress::load_policy(std::string(kPolicy) + "# a comment\n", "t.yaml");
  REQUIRE(a.policy);
  REQUIRE(b.policy);
  CHECK(a.policy->identity.hash.size() == 7 + 64);
  CHECK(a.policy->identity.hash != b.policy->identity.hash);
}

TEST_CASE("load_policy_and_spec gives the spec the policy was compiled from", "[compile]") {
  const auto loaded = redress::load_policy_and_spec(kPolicy, "t.yaml");
  REQUIRE(loaded.compiled.policy);
  REQUIRE(loaded.spec);
  CHECK(loaded.spec->metadata.id.value == "t");
  CHECK(loaded.spec->rules.size() == 3);
  CHECK(loaded.spec->taxonomy.add.size() == loaded.compiled.policy->categories.size());

  // Loaded but not compiled (a condition on a fact that does not exist): the spec, no policy.
  std::string bad = kPolicy;
  bad.replace(bad.find("when: flagged"), 13, "when: flaggd");
  const auto uncompiled = redress::load_policy_and_spec(bad, "t.yaml");
  CHECK_FALSE(uncompiled.compiled.policy);
  CHECK(uncompiled.spec);
  CHECK(uncompiled.compiled.diagnostics.has_errors());

  // Not even loaded: neither.
  const auto unread = redress::load_policy_and_spec("policy: [", "t.yaml");
  CHECK_FALSE(unread.compiled.policy);
  CHECK_FALSE(unread.spec);
  REQUIRE(unread.compiled.diagnostics.has_errors());
  CHECK(unread.compiled.diagnostics.items()[0].location.file == "t.yaml");
}

TEST_CASE("the built-in default policy compiles without diagnostics", "[compile]") {
  const auto result = redress::load_default_policy();
  std::string problems;
  for (const auto& d : result.diagnostics.items()) problems += redress::render(d, result.source);
  INFO(problems);
  REQUIRE(result.policy);
  CHECK(result.diagnostics.empty());
  CHECK(result.policy->identity.id == "default");
  CHECK(result.policy->currency.code() == "CNY");
}

TEST_CASE("the rule index admits a rule only for the categories its condition allows",
          "[compile]") {
  const auto result = redress::load_policy(kPolicy, "t.yaml");
  REQUIRE(result.policy);
  const auto& p = *result.policy;
  using Guard = std::pair<std::int32_t, std::int32_t>;
  CHECK(p.index->category_guard[0] == Guard{0, 4});  // reader: `flagged`, any category
  CHECK(p.index->category_guard[1] == Guard{1, 3});  // setter: `category in core.slow` and below
  REQUIRE(p.index->rules_by_category.size() == 4);
  CHECK(rule_indices(p.index->rules_by_category[0]) == std::vector<std::uint32_t>{0, 2});  // core
  CHECK(rule_indices(p.index->rules_by_category[2]) ==
        std::vector<std::uint32_t>{1, 0, 2});  // core.slow.queue
}

TEST_CASE("a compiled policy shares its file name and keeps no condition trees", "[compile]") {
  const std::string file = "/srv/redress/policies/a-long-directory/t.yaml";
  const auto result = redress::load_policy(kPolicy, file);
  REQUIRE(result.policy);
  const auto& rules = result.policy->rules;
  REQUIRE(rules.size() == 3);
  CHECK(rules[0].location.file == file);
  CHECK(rules[0].location.line == 21);
  CHECK(rules[0].location.column == 8);
  // Every location of one load points to the same string.
  CHECK(rules[0].location.file.c_str() == rules[1].location.file.c_str());
  CHECK(rules[1].actions.at(0).location.file.c_str() == rules[0].location.file.c_str());
  for (const auto& rule : rules) {
    if (!rule.when) continue;
    CHECK_FALSE(rule.when->ast);  // dropped after compilation; when_text has the condition
    CHECK(rule.when->reads.size() == rule.when->reads.capacity());  // trimmed after building
  }
  CHECK(rules[1].when_text == "category in core.slow");
  // Value trees are kept for the linter.
  REQUIRE(rules[0].actions.at(0).value);
  CHECK(rules[0].actions.at(0).value->ast);
}
