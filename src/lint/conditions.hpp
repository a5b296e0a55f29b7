// Conditions as boxes: the checked syntax tree of a `when` turned into a disjunction of
// per-fact constraints, and the domains of the facts those constraints live in.
#pragma once

#include <memory>

#include "lint/constraints.hpp"
#include "redress/compile/compiled_policy.hpp"
#include "redress/expr/ast.hpp"

namespace redress::linting {

/// What each fact can be at all: incident facts by their documented ranges (intensity 1..5,
/// counts and amounts never negative, a category of the taxonomy), host facts by their type,
/// priority within the SLA's range, other derived facts their default or a value a rule sets.
Domains fact_domains(const CompiledPolicy& policy);

/// The states in which the bool expression `node` holds (or, `negated`, does not hold), as
/// boxes. Parts the analysis does not model (string facts, facts compared with facts, ...) are
/// taken as true when over-approximating and false when under-approximating.
Dnf to_dnf(const expr::Node& node, Approx approx, const Domains& domains, bool negated = false);

/// The checked tree of a rule's condition: its Program::ast when kept, else `when_text`
/// checked again against the policy (the compiler drops the trees to save memory). Null for a
/// rule without a `when`.
std::shared_ptr<const expr::Node> condition_tree(const CompiledPolicy& policy,
                                                 const RuleInfo& rule);

/// The states in which a rule's condition holds: `tree` is its condition_tree() (null:
/// always, or, for a rule with a `when`, anything).
Dnf condition_of(const RuleInfo& rule, const expr::Node* tree, Approx approx,
                 const Domains& domains);

}  // namespace redress::linting
