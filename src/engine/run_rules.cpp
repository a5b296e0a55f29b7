// Running the rules: conditions in evaluation order, hit policies, and the actions' effects.
#include <fmt/format.h>

#include <algorithm>

#include "engine/evaluation.hpp"
#include "engine/incident_slots.hpp"

namespace redress::detail {
namespace {

FactValue shown_value(const Evaluation& eval, std::uint32_t slot) {
  if (eval.policy.facts[slot].sensitive) return Symbol{"***"};
  return slot_value(eval.policy, eval.incident, slot, eval.slots[slot]);
}

void note(Evaluation& eval, std::string text) {
  if (eval.options.trace) eval.trace.back().actions.push_back(std::move(text));
}

void offer_remedy(Evaluation& eval, const ActionInfo& action, std::uint32_t rule) {
  const auto& info = eval.policy.remedies[action.target];
  auto& state = eval.remedies[action.target];
  if (info.monetary) {
    const auto amount = expr::evaluate(*action.value, eval.slots);
    if (amount <= 0) {
      // A monetary remedy worth nothing is not an offer; the trace says why it is missing.
      note(eval, fmt::format("remedy {}: amount {}, not offered", info.id,
                             Money(amount, eval.policy.currency).to_string()));
      return;
    }
    state.amount = state.offered ? std::max(state.amount, amount) : amount;
    note(eval, fmt::format("remedy {} {}", info.id, Money(amount, eval.policy.currency).to_string()));
  } else {
    note(eval, fmt::format("remedy {}", info.id));
  }
  state.offered = true;
  if (std::find(state.rules.begin(), state.rules.end(), rule) == state.rules.end()) {
    state.rules.push_back(rule);
  }
}

void set_fact(Evaluation& eval, const ActionInfo& action) {
  auto value = expr::evaluate(*action.value, eval.slots);
  if (action.target == eval.policy.priority_slot) {
    // Priorities outside the SLA's range clamp to it (documented in rules/README.md).
    value = std::clamp(value, eval.policy.sla.front().priority, eval.policy.sla.back().priority);
  }
  eval.slots[action.target] = value;
  if (eval.options.trace) {
    note(eval, fmt::format("set {} = {}", eval.policy.facts[action.target].name,
                           to_string(shown_value(eval, action.target))));
  }
}

void apply(Evaluation& eval, const ActionInfo& action, std::uint32_t rule) {
  const auto& policy = eval.policy;
  switch (action.kind) {
    case ActionInfo::Kind::remedy:
      offer_remedy(eval, action, rule);
      break;
    case ActionInfo::Kind::set:
      set_fact(eval, action);
      break;
    case ActionInfo::Kind::involve:
      eval.departments[action.target] = true;
      note(eval, fmt::format("involve {}", policy.departments[action.target].id));
      break;
    case ActionInfo::Kind::escalate:
      eval.escalation_floor = std::max<std::size_t>(eval.escalation_floor, action.target);
      note(eval, fmt::format("escalate to at least {}",
                             policy.roles[policy.escalation_chain[action.target]].id));
      break;
    case ActionInfo::Kind::say: {
      auto& step = eval.steps[action.target];
      step.offered = true;
      if (std::find(step.rules.begin(), step.rules.end(), rule) == step.rules.end()) {
        step.rules.push_back(rule);
      }
      note(eval, fmt::format("say {}", policy.steps[action.target].id));
      break;
    }
  }
}

void start_trace(Evaluation& eval, const RuleInfo& rule) {
  TraceEntry entry;
  entry.rule = rule.id;
  if (rule.group >= 0) entry.group = eval.policy.groups[static_cast<std::size_t>(rule.group)].id;
  if (rule.when) {
    for (auto slot : rule.when->reads) {
      entry.read.push_back({eval.policy.facts[slot].name, shown_value(eval, slot)});
    }
  }
  eval.trace.push_back(std::move(entry));
}

}  // namespace

void run_rules(Evaluation& eval) {
  for (const auto index : eval.policy.evaluation_order) {
    const auto& rule = eval.policy.rules[index];
    const bool first_group =
        rule.group >= 0 &&
        eval.policy.groups[static_cast<std::size_t>(rule.group)].hit == HitPolicy::first;
    if (eval.options.trace) start_trace(eval, rule);
    if (first_group && eval.group_fired[static_cast<std::size_t>(rule.group)]) {
      if (eval.options.trace) {
        eval.trace.back().outcome = TraceEntry::Outcome::skipped;
        eval.trace.back().note = "an earlier rule of this 'first' group fired";
      }
      continue;
    }
    try {
      const bool fired = !rule.when || expr::evaluate(*rule.when, eval.slots) != 0;
      if (!fired) continue;
      eval.fired.push_back(index);
      if (rule.group >= 0) eval.group_fired[static_cast<std::size_t>(rule.group)] = true;
      if (eval.options.trace) eval.trace.back().outcome = TraceEntry::Outcome::fired;
      for (const auto& action : rule.actions) apply(eval, action, index);
    } catch (const expr::EvaluationError& e) {
      Diagnostics problems;
      problems.error("decide.overflow", rule.location,
                     fmt::format("rule '{}' could not be evaluated: {}", rule.id, e.what()),
                     "check the amounts in the incident, or bound the expression with min()");
      throw DecideError(std::move(problems));
    }
  }
}

}  // namespace redress::detail
