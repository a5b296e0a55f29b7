// Rules for incident groups that read the customer (lint.group_reads_customer): a rule that can
// fire for a member of a group (its condition can hold with `in_group` true) and reads a fact of
// the customer gives members of one group different remedies, amounts, priorities or owners,
// which `redress batch --group-report` finds at run time. The customer facts are the incident
// fields marked Describes::customer (is_customer_fact), and the derived facts a rule sets from
// them.
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "compile/builtin_facts.hpp"
#include "lint/analysis.hpp"

namespace redress::linting {
namespace {

/// Every slot the rule reads: its condition, and each action's expressions (or only `action`'s,
/// for a set action), in `out`.
void read_by(const RuleInfo& rule, const ActionInfo* action, std::set<std::uint32_t>& out) {
  const auto add = [&out](const expr::Program& program) {
    out.insert(program.reads.begin(), program.reads.end());
  };
  if (rule.when) add(*rule.when);
  if (action) {
    action->for_each_program(add);
    return;
  }
  for (const auto& a : rule.actions) a.for_each_program(add);
}

/// Per slot: whether its value depends on the customer. The customer facts of the incident, then
/// each derived fact some rule sets while reading one (until nothing changes).
std::vector<bool> customer_dependent(const CompiledPolicy& policy) {
  std::vector<bool> out(policy.facts.size(), false);
  for (std::uint32_t slot = 0; slot < out.size(); ++slot) out[slot] = is_customer_fact(slot);
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& rule : policy.rules) {
      for (const auto& action : rule.actions) {
        if (action.kind != ActionInfo::Kind::set || out[action.target]) continue;
        std::set<std::uint32_t> read;
        read_by(rule, &action, read);
        if (std::any_of(read.begin(), read.end(), [&](std::uint32_t s) { return out[s]; })) {
          out[action.target] = true;
          changed = true;
        }
      }
    }
  }
  return out;
}

/// Whether the rule can fire for a member of a group: some state in which it fires has
/// `in_group` true (over-approximated, as fires_when is).
bool fires_in_group(const Analysis& analysis, std::uint32_t rule) {
  constexpr auto in_group = detail::slot("in_group");
  const auto& when = analysis.policy.rules[rule].when;
  if (!when || !std::binary_search(when->reads.begin(), when->reads.end(), in_group)) {
    return false;  // a rule that does not test in_group is not a rule for groups
  }
  return std::any_of(analysis.fires_when[rule].boxes.begin(), analysis.fires_when[rule].boxes.end(),
                     [&](const Box& box) {
                       const auto c = box.get(in_group, analysis.domains);
                       return !c || (c->mask & 0b10U) != 0;
                     });
}

/// Whether an action changes what a group's members must share: the remedies and their
/// amounts, the priority, the owner.
bool decides_for_group(const CompiledPolicy& policy, const ActionInfo& action) {
  switch (action.kind) {
    case ActionInfo::Kind::remedy:
    case ActionInfo::Kind::escalate:
      return true;
    case ActionInfo::Kind::set:
      return action.target == policy.priority_slot;
    default:
      return false;
  }
}

}  // namespace

void check_group_rules(const Analysis& analysis) {
  const auto& policy = analysis.policy;
  const auto customer = customer_dependent(policy);
  for (std::uint32_t r = 0; r < policy.rules.size(); ++r) {
    const auto& rule = policy.rules[r];
    if (std::none_of(rule.actions.begin(), rule.actions.end(),
                     [&](const ActionInfo& a) { return decides_for_group(policy, a); }) ||
        !fires_in_group(analysis, r)) {
      continue;
    }
    std::set<std::uint32_t> read;
    read_by(rule, nullptr, read);
    std::vector<std::string> names;
    for (const auto slot : read) {
      if (!customer[slot]) continue;
      const auto& fact = policy.facts[slot];
      names.push_back(fact.source == FactSource::derived
                          ? fmt::format("'{}' (set from customer facts)", fact.name)
                          : fmt::format("'{}'", fact.name));
    }
    if (names.empty()) continue;
    analysis.report(
        "lint.group_reads_customer", Severity::warning, rule.location,
        fmt::format("rule '{}' can fire for a member of an incident group (in_group) and reads "
                    "the customer's {}: members of one group may be decided differently",
                    rule.id, fmt::join(names, ", ")),
        "decide a group's remedies, priority and owner from the facts of the failure, which "
        "every member shares; give what depends on the customer its own rule with 'not "
        "in_group' (rules/README.md, \"Incident groups\")");
  }
}

}  // namespace redress::linting
