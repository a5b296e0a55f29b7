// Rules that cannot fire: a condition nothing satisfies (lint.never_fires), or a rule of a
// `first` group whose every match is taken by an earlier rule (lint.shadowed).
//
// Shadowing compares the over-approximation of the later rule's condition with
// under-approximations of the earlier ones, so a rule is only called shadowed when it truly is.
// An earlier rule only counts when no rule running between the two can change a fact its
// condition reads (a rule updating priority from its own value may run in between).
#include <fmt/format.h>

#include <algorithm>

#include "lint/analysis.hpp"
#include "lint/conditions.hpp"

namespace redress::linting {
namespace {

std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += fmt::format("'{}'", names[i]);
  }
  return out;
}

void check_never_fires(const Analysis& analysis, std::uint32_t index) {
  const auto& rule = analysis.policy.rules[index];
  if (analysis.can_fire(index)) return;
  std::string why = "its condition is always false";
  if (rule.when && !rule.when->constant()) {
    std::vector<std::string> facts;
    for (const auto slot : rule.when->reads) {
      const auto& fact = analysis.policy.facts[slot];
      if (fact.values > 0) facts.push_back(fact.name);  // not a further value's slot (cause#2)
    }
    const bool one = facts.size() == 1;
    why = fmt::format("no value{} of {} satisf{} its condition", one ? "" : "s",
                      fmt::join(facts, ", "), one ? "ies" : "y");
  }
  analysis.report("lint.never_fires", Severity::warning, rule.location,
                  fmt::format("rule '{}' can never fire: {}", rule.id, why),
                  "a fact holds one value at a time, intensity is 1 to 5, counts and amounts "
                  "are never negative, and a derived fact is only its default or a value a rule "
                  "sets; correct the condition or remove the rule");
}

/// Where each rule runs in the evaluation order.
std::vector<std::size_t> positions(const CompiledPolicy& policy) {
  std::vector<std::size_t> out(policy.rules.size(), 0);
  for (std::size_t i = 0; i < policy.evaluation_order.size(); ++i) {
    out[policy.evaluation_order[i]] = i;
  }
  return out;
}

/// True when no rule that runs after `earlier` and before `later` sets a fact that the
/// condition of `earlier` reads: then both conditions see the same values.
bool same_values(const CompiledPolicy& policy, const std::vector<std::size_t>& position,
                 std::uint32_t earlier, std::uint32_t later) {
  const auto& when = policy.rules[earlier].when;
  if (!when) return true;
  for (auto i = position[earlier] + 1; i < position[later]; ++i) {
    for (const auto& action : policy.rules[policy.evaluation_order[i]].actions) {
      if (action.kind != ActionInfo::Kind::set) continue;
      if (std::binary_search(when->reads.begin(), when->reads.end(), action.target)) {
        return false;
      }
    }
  }
  return true;
}

/// The earlier rules that together take every case `later` matches, or nothing when some case
/// may reach it. `earlier[i]` is the under-approximated condition of `members[i]`.
std::vector<std::uint32_t> shadowing_rules(const Analysis& analysis,
                                           const std::vector<Dnf>& earlier,
                                           const std::vector<std::uint32_t>& members,
                                           const std::vector<std::size_t>& position,
                                           std::uint32_t later) {
  std::vector<bool> usable(earlier.size());
  for (std::size_t i = 0; i < earlier.size(); ++i) {
    usable[i] = same_values(analysis.policy, position, members[i], later);
  }
  std::vector<std::uint32_t> used;
  for (const Box& box : analysis.fires_when[later].boxes) {
    std::size_t taker = 0;
    while (taker < earlier.size() &&
           !(usable[taker] && earlier[taker].covers(box, analysis.domains))) {
      ++taker;
    }
    if (taker == earlier.size()) return {};
    if (std::find(used.begin(), used.end(), members[taker]) == used.end()) {
      used.push_back(members[taker]);
    }
  }
  std::sort(used.begin(), used.end());
  return used;
}

void report_shadowed(const Analysis& analysis, const GroupInfo& group, std::uint32_t index,
                     const std::vector<std::uint32_t>& taken) {
  const auto& rules = analysis.policy.rules;
  std::vector<std::string> names;
  for (const auto r : taken) names.push_back(rules[r].id);
  const bool one = names.size() == 1;
  analysis.report(
      "lint.shadowed", Severity::warning, rules[index].location,
      fmt::format("rule '{}' is shadowed: whenever it matches, earlier rule{} {} of the 'first' "
                  "group '{}' match{} too and win{}",
                  rules[index].id, one ? "" : "s", quoted_list(names), group.id, one ? "es" : "",
                  one ? "s" : ""),
      fmt::format("move it above {}, narrow {}, or remove it", quoted_list(names),
                  one ? "that rule's condition" : "their conditions"));
}

void check_group(const Analysis& analysis, const GroupInfo& group) {
  const auto position = positions(analysis.policy);
  std::vector<Dnf> earlier;  // under-approximations, in written order
  for (const auto index : group.rules) {
    if (analysis.can_fire(index) && !earlier.empty()) {
      const auto taken = shadowing_rules(analysis, earlier, group.rules, position, index);
      if (!taken.empty()) report_shadowed(analysis, group, index, taken);
    }
    earlier.push_back(condition_of(analysis.policy.rules[index], analysis.conditions[index].get(),
                                   Approx::under, analysis.domains));
  }
}

}  // namespace

void check_rule_conditions(const Analysis& analysis) {
  const auto& policy = analysis.policy;
  for (std::uint32_t i = 0; i < policy.rules.size(); ++i) check_never_fires(analysis, i);
  for (const auto& group : policy.groups) {
    if (group.hit == HitPolicy::first) check_group(analysis, group);
  }
}

}  // namespace redress::linting
