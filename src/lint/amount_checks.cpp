// Numbers the rules can produce, by interval analysis of their expressions under each rule's
// condition: a goodwill total above the top role's authority (lint.authority_gap), and a
// computed priority that lands between the SLA's targets (lint.priority_without_sla).
#include <fmt/format.h>

#include <algorithm>

#include "lint/analysis.hpp"

namespace redress::linting {
namespace {

/// The largest amount one goodwill remedy can be offered at, and the rule that offers it.
struct Contribution {
  std::uint32_t remedy = 0;
  std::int64_t most = 0;
  std::uint32_t rule = 0;
};

/// Whether a remedy action can count in the goodwill total: a contingent remedy counts only
/// once its finding is made, which a remedy without `confirmed:` never is in a decision.
bool counts(const ActionInfo& action) {
  return action.contingency < 0 || action.confirmed.has_value();
}

/// A remedy offered twice counts once at its larger amount, and a choice once at its largest
/// goodwill option, so the total is at most the sum of each remedy's largest amount outright
/// and each choice's. Amounts that cannot be positive are never offered.
std::vector<Contribution> goodwill_contributions(const Analysis& analysis) {
  const auto& policy = analysis.policy;
  std::vector<std::optional<Contribution>> by_remedy(policy.remedies.size());
  std::vector<std::optional<Contribution>> by_choice(policy.option_groups.size());
  for (std::uint32_t r = 0; r < policy.rules.size(); ++r) {
    if (!analysis.can_fire(r)) continue;
    const auto& actions = policy.rules[r].actions;
    for (std::size_t a = 0; a < actions.size(); ++a) {
      if (actions[a].kind != ActionInfo::Kind::remedy || !counts(actions[a])) continue;
      if (!policy.remedies[actions[a].target].goodwill) continue;
      const std::int64_t most = analysis.action_range(r, a).hi;
      const auto group = actions[a].option_group;
      auto& best =
          group >= 0 ? by_choice[static_cast<std::size_t>(group)] : by_remedy[actions[a].target];
      if (most > 0 && (!best || most > best->most)) best = Contribution{actions[a].target, most, r};
    }
  }
  std::vector<Contribution> out;
  for (const auto* parts : {&by_remedy, &by_choice}) {
    for (const auto& c : *parts) {
      if (c) out.push_back(*c);
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Contribution& a, const Contribution& b) { return a.most > b.most; });
  return out;
}

/// The most goodwill the policy's caps let a decision grant; kMax without caps.
std::int64_t capped(const CompiledPolicy& policy) {
  if (!policy.caps) return kMax;
  return std::min(policy.caps->per_incident.value_or(kMax),
                  policy.caps->per_customer.value_or(kMax));
}

std::string describe(const Analysis& analysis, const std::vector<Contribution>& parts) {
  constexpr std::size_t kShown = 3;
  std::vector<std::string> items;
  for (std::size_t i = 0; i < parts.size() && i < kShown; ++i) {
    const auto& p = parts[i];
    items.push_back(
        fmt::format("'{}' {} in rule '{}'", analysis.policy.remedies[p.remedy].id,
                    p.most == kMax ? std::string("unbounded") : "up to " + analysis.money(p.most),
                    analysis.policy.rules[p.rule].id));
  }
  if (parts.size() > kShown) items.push_back(fmt::format("{} more", parts.size() - kShown));
  return fmt::format("{}", fmt::join(items, ", "));
}

void check_authority(const Analysis& analysis) {
  const auto& policy = analysis.policy;
  if (policy.escalation_chain.empty()) return;
  const auto& top = policy.roles[policy.escalation_chain.back()];
  if (!top.authority) return;  // unlimited
  const auto parts = goodwill_contributions(analysis);
  std::int64_t total = 0;
  for (const auto& part : parts) {
    if (part.most == kMax || __builtin_add_overflow(total, part.most, &total)) total = kMax;
  }
  // The caps cut any larger total down (restitution is not in it).
  if (total <= *top.authority || capped(policy) <= *top.authority) return;
  const std::string reach =
      total == kMax ? std::string("is unbounded") : "can reach " + analysis.money(total);
  analysis.report(
      "lint.authority_gap", Severity::error, top.location,
      fmt::format("the goodwill total {} ({}), above the authority of the top role '{}' ({})",
                  reach, describe(analysis, parts), top.id, analysis.money(*top.authority)),
      fmt::format("cap the goodwill amounts with min(..., {}) so that together they stay "
                  "within {}, or make '{}' unlimited (authority: unlimited)",
                  analysis.money(*top.authority), analysis.money(*top.authority), top.id));
}

/// The priorities in [lo, hi] that no SLA target declares, as "3" or "5..7" items.
std::vector<std::string> undeclared(const std::vector<SlaTarget>& sla, std::int64_t lo,
                                    std::int64_t hi) {
  std::vector<std::string> gaps;
  for (std::size_t i = 0; i + 1 < sla.size(); ++i) {
    const std::int64_t from = std::max(lo, sla[i].priority + 1);
    const std::int64_t to = std::min(hi, sla[i + 1].priority - 1);
    if (from > to) continue;
    gaps.push_back(from == to ? fmt::format("{}", from) : fmt::format("{}..{}", from, to));
  }
  return gaps;
}

void check_priorities(const Analysis& analysis) {
  const auto& policy = analysis.policy;
  if (policy.sla.empty()) return;
  std::vector<std::string> declared;
  for (const auto& target : policy.sla) declared.push_back(fmt::format("{}", target.priority));
  const std::int64_t first = policy.sla.front().priority;
  const std::int64_t last = policy.sla.back().priority;
  for (std::uint32_t r = 0; r < policy.rules.size(); ++r) {
    if (!analysis.can_fire(r)) continue;
    const auto& rule = policy.rules[r];
    for (std::size_t a = 0; a < rule.actions.size(); ++a) {
      const auto& action = rule.actions[a];
      if (action.kind != ActionInfo::Kind::set || action.target != policy.priority_slot) continue;
      if (!action.value || action.value->constant()) continue;  // the compiler checks constants
      const Interval range = analysis.action_range(r, a);
      if (range.empty()) continue;
      // The engine clamps a priority into the SLA's range before using it.
      const auto gaps = undeclared(policy.sla, std::clamp(range.lo, first, last),
                                   std::clamp(range.hi, first, last));
      if (gaps.empty()) continue;
      analysis.report(
          "lint.priority_without_sla", Severity::error, action.location,
          fmt::format("rule '{}' can set priority to {}, which has no SLA target", rule.id,
                      fmt::join(gaps, ", ")),
          fmt::format("declare a target for it under sla.targets, or bound the value so that "
                      "it lands on a declared priority ({})",
                      fmt::join(declared, ", ")));
    }
  }
}

}  // namespace

void check_amounts(const Analysis& analysis) {
  check_authority(analysis);
  check_priorities(analysis);
}

}  // namespace redress::linting
