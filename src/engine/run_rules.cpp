// Running the rules: conditions in evaluation order, hit policies, and the actions' effects.
// Trace notes are formatted only when a trace was asked for: the hot path does no string work.
#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "compile/builtin_facts.hpp"
#include "engine/evaluation.hpp"
#include "engine/incident_slots.hpp"

namespace redress::detail {
namespace {

FactValue shown_value(const Evaluation& eval, std::uint32_t slot) {
  if (eval.policy.facts[slot].sensitive) return Symbol{"***"};
  return slot_value(eval.policy, eval.incident, slot, eval.s.slots[slot]);
}

/// Adds a formatted action to the current trace entry, reusing a string kept from an earlier
/// decision when there is one.
template <typename... Args>
void note(Evaluation& eval, fmt::format_string<Args...> format, Args&&... args) {
  auto& s = eval.s;
  auto& text = next(s.trace[s.trace_used - 1].actions, s.actions_used);
  text.clear();
  fmt::format_to(std::back_inserter(text), format, std::forward<Args>(args)...);
}

/// Trims the current trace entry's actions to those of this decision.
void close_entry(Evaluation& eval) {
  auto& s = eval.s;
  if (s.trace_used > 0) s.trace[s.trace_used - 1].actions.resize(s.actions_used);
  s.actions_used = 0;
}

std::string money_text(const Evaluation& eval, std::int64_t minor) {
  return Money(minor, eval.policy.currency).to_string();
}

void record(std::vector<std::pair<std::uint32_t, std::uint32_t>>& log, std::uint32_t item,
            std::uint32_t rule) {
  const std::pair entry{item, rule};
  if (std::find(log.begin(), log.end(), entry) == log.end()) log.push_back(entry);
}

void offer_remedy(Evaluation& eval, const ActionInfo& action, std::uint32_t rule) {
  const auto& info = eval.policy.remedies[action.target];
  auto& s = eval.s;
  const bool trace = eval.options.trace;
  if (info.monetary) {
    const auto amount = expr::evaluate(*action.value, s.slots);
    if (amount <= 0) {
      // A monetary remedy worth nothing is not an offer; the trace says why it is missing.
      if (trace) {
        note(eval, "remedy {}: amount {}, not offered", info.id, money_text(eval, amount));
      }
      return;
    }
    auto& kept = s.amounts[action.target];
    kept = s.offered[action.target] ? std::max(kept, amount) : amount;
    if (trace) note(eval, "remedy {} {}", info.id, money_text(eval, amount));
  } else if (trace) {
    note(eval, "remedy {}", info.id);
  }
  s.offered[action.target] = 1;
  record(s.remedy_rules, action.target, rule);
}

void set_fact(Evaluation& eval, const ActionInfo& action) {
  auto value = expr::evaluate(*action.value, eval.s.slots);
  if (action.target == eval.policy.priority_slot) {
    // Priorities outside the SLA's range clamp to it (documented in rules/README.md).
    value = std::clamp(value, eval.policy.sla.front().priority, eval.policy.sla.back().priority);
  }
  eval.s.slots[action.target] = value;
  if (eval.options.trace) {
    note(eval, "set {} = {}", eval.policy.facts[action.target].name,
         to_string(shown_value(eval, action.target)));
  }
}

void apply(Evaluation& eval, const ActionInfo& action, std::uint32_t rule) {
  const auto& policy = eval.policy;
  const bool trace = eval.options.trace;
  switch (action.kind) {
    case ActionInfo::Kind::remedy:
      offer_remedy(eval, action, rule);
      break;
    case ActionInfo::Kind::set:
      set_fact(eval, action);
      break;
    case ActionInfo::Kind::involve:
      eval.s.departments[action.target] = 1;
      if (trace) note(eval, "involve {}", policy.departments[action.target].id);
      break;
    case ActionInfo::Kind::escalate:
      eval.s.escalation_floor = std::max<std::size_t>(eval.s.escalation_floor, action.target);
      if (trace) {
        note(eval, "escalate to at least {}",
             policy.roles[policy.escalation_chain[action.target]].id);
      }
      break;
    case ActionInfo::Kind::say:
      eval.s.said[action.target] = 1;
      record(eval.s.step_rules, action.target, rule);
      if (trace) note(eval, "say {}", policy.steps[action.target].id);
      break;
  }
}

void start_trace(Evaluation& eval, const RuleInfo& rule) {
  close_entry(eval);
  auto& entry = next(eval.s.trace, eval.s.trace_used);
  entry.rule = rule.id;
  if (rule.group >= 0) {
    entry.group = eval.policy.groups[static_cast<std::size_t>(rule.group)].id;
  } else {
    entry.group.clear();
  }
  entry.outcome = TraceEntry::Outcome::not_matched;
  entry.note.clear();
  std::size_t read = 0;
  if (rule.when) {
    for (auto slot : rule.when->reads) {
      auto& value = next(entry.read, read);
      value.name = eval.policy.facts[slot].name;
      value.value = shown_value(eval, slot);
    }
  }
  entry.read.resize(read);
}

[[noreturn]] void overflow(const RuleInfo& rule, const expr::EvaluationError& e) {
  Diagnostics problems;
  problems.error("decide.overflow", rule.location,
                 fmt::format("rule '{}' could not be evaluated: {}", rule.id, e.what()),
                 "check the amounts in the incident, or bound the expression with min()");
  throw DecideError(std::move(problems));
}

}  // namespace

void run_rules(Evaluation& eval) {
  const auto& policy = eval.policy;
  auto& s = eval.s;
  const bool trace = eval.options.trace;
  const auto category = static_cast<std::int32_t>(s.slots[slot(Builtin::category)]);
  // Without a trace, only the rules the index admits for this category are walked; with one,
  // every rule is reported, and those outside their category guard as not matched.
  const auto& order = !trace && !policy.rules_by_category.empty()
                          ? policy.rules_by_category[static_cast<std::size_t>(category)]
                          : policy.evaluation_order;
  for (const auto index : order) {
    const auto& rule = policy.rules[index];
    const auto group = static_cast<std::size_t>(rule.group);
    const bool first_group = rule.group >= 0 && policy.groups[group].hit == HitPolicy::first;
    if (trace) start_trace(eval, rule);
    if (first_group && s.group_fired[group]) {
      if (trace) {
        s.trace[s.trace_used - 1].outcome = TraceEntry::Outcome::skipped;
        s.trace[s.trace_used - 1].note = "an earlier rule of this 'first' group fired";
      }
      continue;
    }
    const auto& [first, last] = policy.category_guard[index];
    if (category < first || category >= last) continue;
    try {
      if (rule.when && expr::evaluate(*rule.when, s.slots) == 0) continue;
      s.fired.push_back(index);
      if (rule.group >= 0) s.group_fired[group] = 1;
      if (trace) s.trace[s.trace_used - 1].outcome = TraceEntry::Outcome::fired;
      for (const auto& action : rule.actions) apply(eval, action, index);
    } catch (const expr::EvaluationError& e) {
      overflow(rule, e);
    }
  }
  close_entry(eval);
  s.trace.resize(s.trace_used);
}

}  // namespace redress::detail
