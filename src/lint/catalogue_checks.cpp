// Catalogue entries nothing uses: remedies, communication steps and departments no rule names
// (lint.unused_remedy, lint.unused_step, lint.unused_department), and roles off the escalation
// path, which can neither be escalated to nor own a case (lint.unreachable_role).
#include <fmt/format.h>

#include <algorithm>

#include "lint/analysis.hpp"

namespace redress::linting {
namespace {

/// used[i]: some rule has an action of `kind` whose target is i.
std::vector<bool> used_targets(const CompiledPolicy& policy, ActionInfo::Kind kind,
                               std::size_t count) {
  std::vector<bool> used(count, false);
  for (const auto& rule : policy.rules) {
    for (const auto& action : rule.actions) {
      if (action.kind == kind && action.target < count) used[action.target] = true;
    }
  }
  return used;
}

void check_remedies(const Analysis& analysis) {
  const auto& remedies = analysis.policy.remedies;
  const auto used = used_targets(analysis.policy, ActionInfo::Kind::remedy, remedies.size());
  for (std::size_t i = 0; i < remedies.size(); ++i) {
    if (used[i]) continue;
    analysis.report(
        "lint.unused_remedy", Severity::warning, remedies[i].location,
        fmt::format("remedy '{}' is declared but no rule recommends it", remedies[i].id),
        fmt::format("recommend it in a rule (remedy: {}), or remove it from "
                    "remedies:",
                    remedies[i].id));
  }
}

void check_steps(const Analysis& analysis) {
  const auto& steps = analysis.policy.steps;
  const auto used = used_targets(analysis.policy, ActionInfo::Kind::say, steps.size());
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (used[i]) continue;
    analysis.report(
        "lint.unused_step", Severity::info, steps[i].location,
        fmt::format("communication step '{}' is declared but no rule says it", steps[i].id),
        fmt::format("add 'say: {}' to a rule, or remove it from communication:", steps[i].id));
  }
}

void check_departments(const Analysis& analysis) {
  const auto& departments = analysis.policy.departments;
  const auto used = used_targets(analysis.policy, ActionInfo::Kind::involve, departments.size());
  for (std::size_t i = 0; i < departments.size(); ++i) {
    if (used[i]) continue;
    analysis.report(
        "lint.unused_department", Severity::info, departments[i].location,
        fmt::format("department '{}' is declared but no rule involves it", departments[i].id),
        fmt::format("add 'involve: {}' to a rule, or remove it from departments:",
                    departments[i].id));
  }
}

/// Owners and escalation targets are always on the entry role's reporting line; a role off it
/// reports into the line but no case ever climbs to it.
void check_roles(const Analysis& analysis) {
  const auto& policy = analysis.policy;
  const auto& chain = policy.escalation_chain;
  if (chain.empty()) return;
  std::vector<std::string> path;
  for (const auto role : chain) path.push_back(policy.roles[role].id);
  for (std::uint32_t i = 0; i < policy.roles.size(); ++i) {
    if (std::find(chain.begin(), chain.end(), i) != chain.end()) continue;
    const auto& role = policy.roles[i];
    analysis.report(
        "lint.unreachable_role", Severity::warning, role.location,
        fmt::format("role '{}' is not on the escalation path ({}): no case can be escalated to "
                    "it or owned by it",
                    role.id, fmt::join(path, " -> ")),
        fmt::format("make a role of the path report to '{}' so that it joins the path, or "
                    "remove it",
                    role.id));
  }
}

}  // namespace

void check_catalogues(const Analysis& analysis) {
  check_remedies(analysis);
  check_steps(analysis);
  check_departments(analysis);
  check_roles(analysis);
}

}  // namespace redress::linting
