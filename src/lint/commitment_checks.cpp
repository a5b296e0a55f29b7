// Commitments and recusal: a commitment no rule makes, a plan due no sooner than the fix the same
// rule commits to, and recusal required where no other role could own the case.
#include <fmt/format.h>

#include <optional>

#include "lint/analysis.hpp"

namespace redress::linting {
namespace {

void check_unused_commitments(const Analysis& analysis) {
  const auto& policy = analysis.policy;
  std::vector<bool> used(policy.commitments.size(), false);
  for (const auto& rule : policy.rules) {
    for (const auto& action : rule.actions) {
      if (action.kind == ActionInfo::Kind::commit) used[action.target] = true;
    }
  }
  for (std::size_t i = 0; i < policy.commitments.size(); ++i) {
    if (used[i]) continue;
    const auto& commitment = policy.commitments[i];
    analysis.report(
        "lint.unused_commitment", Severity::info, commitment.location,
        fmt::format("commitment '{}' is declared but no rule commits to it", commitment.id),
        fmt::format("commit to it in a rule (commit: {}), or remove it", commitment.id));
  }
}

/// A due time in one unit that orders due times from the same start whatever the start: wall
/// clock minutes, or a count in one business or day unit. Empty for times of day.
struct Comparable {
  int unit = 0;  ///< 0: wall-clock minutes; otherwise a unit of its own
  std::int64_t amount = 0;
};

std::optional<Comparable> comparable(const CommitmentDue& due) {
  if (due.at_minute) return std::nullopt;
  if (due.after) {
    const auto& d = *due.after;
    switch (d.unit) {
      case DurationUnit::minutes:
        return Comparable{0, d.amount};
      case DurationUnit::hours:
        return Comparable{0, d.amount * 60};
      case DurationUnit::days:
        return Comparable{0, d.amount * 24 * 60};
      case DurationUnit::business_hours:
        return Comparable{1, d.amount};
      case DurationUnit::business_days:
        return Comparable{2, d.amount};
    }
  }
  if (due.days) return Comparable{3 + static_cast<int>(due.days->unit), due.days->amount};
  return std::nullopt;
}

/// A plan tells the customer how and by when the fix comes: due no sooner than the fix, it
/// tells them nothing.
void check_plan_before_fix(const Analysis& analysis, std::uint32_t r) {
  const auto& policy = analysis.policy;
  const auto& actions = policy.rules[r].actions;
  for (const auto& plan_action : actions) {
    if (plan_action.kind != ActionInfo::Kind::commit) continue;
    const auto& plan = policy.commitments[plan_action.target];
    if (plan.kind != CommitmentKind::plan) continue;
    for (const auto& fix_action : actions) {
      if (fix_action.kind != ActionInfo::Kind::commit) continue;
      const auto& fix = policy.commitments[fix_action.target];
      if (fix.kind != CommitmentKind::fix || fix.calendar != plan.calendar) continue;
      const auto a = comparable(plan.due);
      const auto b = comparable(fix.due);
      if (!a || !b || a->unit != b->unit || a->amount < b->amount) continue;
      analysis.report(
          "lint.plan_not_before_fix", Severity::warning, plan_action.location,
          fmt::format("rule '{}' commits to plan '{}' due {} and fix '{}' due {}: the plan is "
                      "not due before the fix",
                      policy.rules[r].id, plan.id, plan.due_text, fix.id, fix.due_text),
          "give the customer the plan first, e.g. a plan in 30m and the fix in 3 working_days");
    }
  }
}

/// Recusal needs a role to hand the case to: with one role, an involved owner stays.
void check_recusal(const Analysis& analysis) {
  const auto& policy = analysis.policy;
  if (policy.escalation_chain.size() > 1) return;
  const auto hint = std::string(
      "add a role above the entry role (reports_to), so that an involved owner can be passed "
      "over");
  if (policy.recusal_required) {
    analysis.report("lint.recusal_without_alternative", Severity::warning, policy.location,
                    "the policy requires recusal but its escalation path has one role: nobody "
                    "can replace an involved owner",
                    hint);
  }
  for (std::uint32_t r = 0; r < policy.rules.size(); ++r) {
    if (!analysis.can_fire(r)) continue;
    for (const auto& action : policy.rules[r].actions) {
      if (action.kind != ActionInfo::Kind::recusal) continue;
      analysis.report("lint.recusal_without_alternative", Severity::warning, action.location,
                      fmt::format("rule '{}' requires recusal but the escalation path has one "
                                  "role: nobody can replace an involved owner",
                                  policy.rules[r].id),
                      hint);
    }
  }
}

}  // namespace

void check_commitments(const Analysis& analysis) {
  check_unused_commitments(analysis);
  for (std::uint32_t r = 0; r < analysis.policy.rules.size(); ++r) {
    if (analysis.can_fire(r)) check_plan_before_fix(analysis, r);
  }
  check_recusal(analysis);
}

}  // namespace redress::linting
