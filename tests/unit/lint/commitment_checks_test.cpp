// The commitment and recusal lint checks: a commitment no rule makes, a plan not due before the
// fix the same rule commits to, recusal with a single role; none on a sound policy.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "support/fixtures.hpp"
#include "support/policies.hpp"

namespace {

std::string policy_text(const std::string& plan_due, const std::string& roles,
                        const std::string& rules) {
  return R"(policy: {id: lint-commitments, version: "1", currency: CNY, recusal: required}
roles:
)" + roles +
         R"(
departments: [{id: engineering, name: Engineering}]
commitments:
  - {id: plan, kind: plan, assignee: engineering, due: )" +
         plan_due + R"(}
  - {id: fix, kind: fix, assignee: engineering, due: 4h}
  - {id: spare, kind: confirm, assignee: engineering, due: 1d}
sla:
  targets:
    - {priority: 1, first_response: 15m, resolution: 2h}
rules:
)" + rules;
}

const std::string kTwoRoles =
    "  - {id: agent, authority: 100 CNY, reports_to: lead}\n  - {id: lead, authority: unlimited}";
const std::string kBothRule = "  - {id: outage, then: [{commit: plan}, {commit: fix}]}\n";

std::vector<redress::Diagnostic> findings(const std::string& text, const std::string& code) {
  return redress::test::lint_findings(text, "lint-commitments.yaml", code);
}

}  // namespace

TEST_CASE("lint.plan_not_before_fix: a plan due with or after the fix", "[lint][commitments]") {
  const auto late = findings(policy_text("300m", kTwoRoles, kBothRule), "lint.plan_not_before_fix");
  REQUIRE(late.size() == 1);
  CHECK(late[0].severity == redress::Severity::warning);
  CHECK(late[0].message ==
        "rule 'outage' commits to plan 'plan' due 300m and fix 'fix' due 4h: the plan is not due "
        "before the fix");
  // The `commit: plan` action of the rule, on line 14.
  CHECK(late[0].location.line + 1 == 14);
  CHECK(late[0].location.column + 1 == 26);
  CHECK(findings(policy_text("4h", kTwoRoles, kBothRule), "lint.plan_not_before_fix").size() == 1);
  CHECK(findings(policy_text("30m", kTwoRoles, kBothRule), "lint.plan_not_before_fix").empty());
}

TEST_CASE("lint.unused_commitment: a commitment no rule commits to", "[lint][commitments]") {
  const auto unused = findings(policy_text("30m", kTwoRoles, kBothRule), "lint.unused_commitment");
  REQUIRE(unused.size() == 1);
  CHECK(unused[0].severity == redress::Severity::info);
  CHECK(unused[0].message == "commitment 'spare' is declared but no rule commits to it");
  CHECK(unused[0].location.line + 1 == 9);
}

TEST_CASE("lint.recusal_without_alternative: recusal with a single role", "[lint][recusal]") {
  const std::string one_role = "  - {id: agent, authority: unlimited}";
  const auto rules =
      kBothRule + "  - {id: staff, when: safety_critical, then: [{recusal: required}]}\n";
  const auto single =
      findings(policy_text("30m", one_role, rules), "lint.recusal_without_alternative");
  REQUIRE(single.size() == 2);
  CHECK(single[0].message ==
        "the policy requires recusal but its escalation path has one role: nobody can replace an "
        "involved owner");
  CHECK(single[1].message ==
        "rule 'staff' requires recusal but the escalation path has one role: nobody can replace "
        "an involved owner");
  CHECK(single[1].location.line + 1 == 14);
  CHECK(findings(policy_text("30m", kTwoRoles, rules), "lint.recusal_without_alternative").empty());
}
