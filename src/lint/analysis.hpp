// What the checks of the linter share: the policy, the fact domains, each rule's condition as
// boxes, and the findings. Each family of checks lives in its own file.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "lint/constraints.hpp"
#include "redress/compile/compiled_policy.hpp"
#include "redress/diag/diagnostic.hpp"
#include "redress/expr/ast.hpp"

namespace redress::linting {

struct Analysis {
  const CompiledPolicy& policy;
  Domains domains;
  std::vector<std::shared_ptr<const expr::Node>> conditions;  ///< per rule: condition_tree()
  std::vector<Dnf> fires_when;  ///< per rule: every state in which it may fire (over)
  Diagnostics& findings;

  /// False when no incident can make the rule fire.
  [[nodiscard]] bool can_fire(std::uint32_t rule) const {
    return !fires_when[rule].unsatisfiable();
  }
  /// Every value an action's expression (an amount, a value set) can have when it runs.
  [[nodiscard]] Interval action_range(std::uint32_t rule, std::size_t action) const;
  /// Money as written in the policy: "500.00 CNY".
  [[nodiscard]] std::string money(std::int64_t minor) const;
  void report(std::string code, Severity severity, const SourceLocation& where, std::string message,
              std::string hint) const;
};

// The families of checks; each reports into analysis.findings.
void check_rule_conditions(const Analysis& analysis);  ///< never_fires, shadowed
void check_catalogues(const Analysis& analysis);       ///< unused_remedy, _step, _department; roles
void check_coverage(const Analysis& analysis);         ///< unhandled_category, uncoverable_deficit
void check_amounts(const Analysis& analysis);          ///< authority_gap, priority_without_sla
void check_clocks(const Analysis& analysis);           ///< sla_after_clock, unused_clock
/// unused_commitment, plan_not_before_fix, recusal_without_alternative
void check_commitments(const Analysis& analysis);
void check_remedy_terms(const Analysis& analysis);  ///< single_option, fallback_never_applies
void check_group_rules(const Analysis& analysis);   ///< group_reads_customer

}  // namespace redress::linting
