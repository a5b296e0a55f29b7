// lint.group_reads_customer: a rule that can fire for a member of an incident group and reads a
// customer fact (of the incident field table, or a derived fact set from one) is warned at the
// rule; rules kept out of groups, rules that read only the failure and rules that only say a
// step are not.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "redress/io/load_policy.hpp"
#include "redress/lint/lint.hpp"

namespace {

const std::string kPolicy = R"yaml(policy: {id: groups, version: "1", currency: CNY}
taxonomy: {base: standard}
facts:
  - {id: valued, type: bool, derived: true, default: false}
remedies:
  - {id: apology, covers: [interactional]}
  - {id: credit, covers: [outcome], monetary: true, goodwill: true}
  - {id: voucher, covers: [outcome], monetary: true, goodwill: true}
roles:
  - {id: agent, authority: unlimited}
communication:
  - {id: calm_down, text: {en: "Take time to listen."}}
sla: {targets: [{priority: 1, first_response: 1h, resolution: 1d},
                {priority: 2, first_response: 2h, resolution: 2d},
                {priority: 3, first_response: 4h, resolution: 3d}]}
rules:
  - id: mass-credit
    when: in_group and affected_count >= 50 and category in core
    then: [{remedy: apology}, {remedy: {id: credit, amount: "min(loss, 80 CNY)"}}]
  - id: vip-member
    when: in_group and tier >= vip
    then: [{remedy: {id: voucher, amount: "50 CNY"}}]
  - id: vip-alone
    when: tier >= vip and not in_group
    then: [{remedy: {id: voucher, amount: "50 CNY"}}]
  - id: calm-the-angry
    when: in_group and emotion == angry
    then: [{say: calm_down}]
  - id: mark-valued
    when: tenure_months >= 36
    then: [{set: {valued: "true"}}]
  - id: valued-member
    when: in_group and valued
    then: [{remedy: apology}]
  - id: tenure-credit
    when: in_group or loss > 100 CNY
    then: [{remedy: {id: credit, amount: "min(loss, 1 CNY * past_purchases)"}}]
  - id: urgent-member
    when: in_group and intensity >= 4
    then: [{set: {priority: "2"}}]
)yaml";

std::vector<redress::Diagnostic> warned() {
  const auto compiled = redress::load_policy(kPolicy, "groups.yaml");
  std::string problems;
  for (const auto& d : compiled.diagnostics.items()) problems += redress::render(d, kPolicy);
  INFO(problems);
  REQUIRE(compiled.policy);
  std::vector<redress::Diagnostic> out;
  const auto findings = redress::lint(*compiled.policy);
  for (const auto& d : findings.items()) {
    if (d.code == "lint.group_reads_customer") out.push_back(d);
  }
  return out;
}

}  // namespace

TEST_CASE("lint.group_reads_customer: rules for groups that read the customer", "[lint][groups]") {
  const auto found = warned();
  REQUIRE(found.size() == 4);
  // In the order of the rules, each located at its id (0-based line, column).
  CHECK(found[0].severity == redress::Severity::warning);
  CHECK(found[0].location.line == 19);
  CHECK(found[0].location.column == 8);
  CHECK(found[0].message ==
        "rule 'vip-member' can fire for a member of an incident group (in_group) and reads the "
        "customer's 'tier': members of one group may be decided differently");
  CHECK(found[0].hint ==
        "decide a group's remedies, priority and owner from the facts of the failure, which "
        "every member shares; give what depends on the customer its own rule with 'not "
        "in_group' (rules/README.md, \"Incident groups\")");
  CHECK(found[1].location.line == 31);
  CHECK(found[1].message ==
        "rule 'valued-member' can fire for a member of an incident group (in_group) and reads "
        "the customer's 'valued' (set from customer facts): members of one group may be decided "
        "differently");
  CHECK(found[2].location.line == 34);  // the customer fact is read by the amount
  CHECK(found[2].message ==
        "rule 'tenure-credit' can fire for a member of an incident group (in_group) and reads "
        "the customer's 'past_purchases': members of one group may be decided differently");
  CHECK(found[3].location.line == 37);  // a priority set for some members only
  CHECK(found[3].message ==
        "rule 'urgent-member' can fire for a member of an incident group (in_group) and reads "
        "the customer's 'intensity': members of one group may be decided differently");
}
