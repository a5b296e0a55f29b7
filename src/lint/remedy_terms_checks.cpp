// Remedies offered on terms that cannot work as written: a choice that can offer fewer than two
// options (lint.single_option), and a fallback whose remedy is available whenever its rule
// fires, so that the fallback is never offered (lint.fallback_never_applies).
#include <fmt/format.h>

#include "lint/analysis.hpp"
#include "lint/conditions.hpp"

namespace redress::linting {
namespace {

/// Whether the remedy action can be offered at all: a monetary amount that can be positive.
bool can_offer(const Analysis& analysis, std::uint32_t rule, std::size_t action) {
  const auto& info = analysis.policy.rules[rule].actions[action];
  return !analysis.policy.remedies[info.target].monetary ||
         analysis.action_range(rule, action).hi > 0;
}

void check_choice(const Analysis& analysis, std::uint32_t r, std::size_t first, std::size_t end) {
  const auto& policy = analysis.policy;
  const auto& actions = policy.rules[r].actions;
  std::vector<std::string_view> offered, never;
  for (auto a = first; a < end; ++a) {
    (can_offer(analysis, r, a) ? offered : never).push_back(policy.remedies[actions[a].target].id);
  }
  if (offered.size() >= 2) return;
  const auto& group = policy.option_groups[static_cast<std::size_t>(actions[first].option_group)];
  analysis.report(
      "lint.single_option", Severity::warning, actions[first].location,
      fmt::format(
          "option group '{}' in rule '{}' can offer {}{}: the customer has no choice", group.id,
          policy.rules[r].id,
          offered.empty() ? std::string("no option") : fmt::format("only '{}'", offered.front()),
          never.empty()
              ? std::string()
              : fmt::format(" ({} never worth more than zero here)", fmt::join(never, ", "))),
      "offer at least two remedies the customer can choose between, or offer the one remedy "
      "outright (remedy: ID)");
}

/// The states in which the rule fires and the remedy action `a` finds its remedy not
/// available; `set` actions before it may have changed what the condition tested.
bool can_fall_back(const Analysis& analysis, std::uint32_t r, std::size_t a) {
  const auto& rule = analysis.policy.rules[r];
  const auto& available = *rule.actions[a].available;
  if (!available.ast) {
    const auto constant = available.constant();
    return !constant || *constant == 0;
  }
  const auto unavailable = to_dnf(*available.ast, Approx::over, analysis.domains, true);
  for (Box box : analysis.fires_when[r].boxes) {
    for (std::size_t i = 0; i < a; ++i) {
      if (rule.actions[i].kind == ActionInfo::Kind::set) box.forget(rule.actions[i].target);
    }
    if (!conjunction(Dnf{{box}}, unavailable, Approx::over, analysis.domains).unsatisfiable()) {
      return true;
    }
  }
  return false;
}

}  // namespace

void check_remedy_terms(const Analysis& analysis) {
  const auto& policy = analysis.policy;
  if (!policy.remedy_terms) return;
  for (std::uint32_t r = 0; r < policy.rules.size(); ++r) {
    if (!analysis.can_fire(r)) continue;
    const auto& actions = policy.rules[r].actions;
    for (std::size_t a = 0; a < actions.size(); ++a) {
      if (actions[a].option_group >= 0) {
        // One `options` action compiles into consecutive actions of one group.
        auto end = a + 1;
        while (end < actions.size() && actions[end].option_group == actions[a].option_group) {
          ++end;
        }
        check_choice(analysis, r, a, end);
        a = end - 1;
        continue;
      }
      const bool has_fallback = a + 1 < actions.size() && actions[a + 1].fallback;
      if (!actions[a].available || !has_fallback || can_fall_back(analysis, r, a)) continue;
      analysis.report(
          "lint.fallback_never_applies", Severity::warning, actions[a + 1].location,
          fmt::format("the fallback '{}' of remedy '{}' in rule '{}' is never offered: '{}' is "
                      "available whenever the rule fires",
                      policy.remedies[actions[a + 1].target].id,
                      policy.remedies[actions[a].target].id, policy.rules[r].id,
                      policy.remedies[actions[a].target].id),
          "remove the fallback, or correct the 'if:' condition so that it can be false");
    }
  }
}

}  // namespace redress::linting
