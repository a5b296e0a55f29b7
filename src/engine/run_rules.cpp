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

/// Logs that `rule` acted on `item`, once: a rule fires at most once a decision, so a repeat
/// can only be among the entries this rule logged last.
void record(std::vector<std::pair<std::uint32_t, std::uint32_t>>& log, std::uint32_t item,
            std::uint32_t rule) {
  for (auto it = log.rbegin(); it != log.rend() && it->second == rule; ++it) {
    if (it->first == item) return;
  }
  log.emplace_back(item, rule);
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
    kept = s.offered.test(action.target) ? std::max(kept, amount) : amount;
    if (trace) note(eval, "remedy {} {}", info.id, money_text(eval, amount));
  } else if (trace) {
    note(eval, "remedy {}", info.id);
  }
  s.offered.set(action.target);
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
      eval.s.departments.set(action.target);
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
      eval.s.said.set(action.target);
      record(eval.s.step_rules, action.target, rule);
      if (trace) note(eval, "say {}", policy.steps[action.target].id);
      break;
  }
}

void start_trace(Evaluation& eval, const RuleInfo& rule) {
  close_entry(eval);
  auto& entry = next(eval.s.trace, eval.s.trace_used);
  entry.rule = rule.id;
  entry.group = rule.group >= 0
                    ? std::string_view{eval.policy.groups[static_cast<std::size_t>(rule.group)].id}
                    : std::string_view{};
  entry.outcome = TraceEntry::Outcome::not_matched;
  entry.note = {};
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

namespace {

bool tests_pass(const CompiledPolicy& policy, std::uint32_t rule,
                const std::vector<std::int64_t>& slots) {
  for (auto t = policy.test_begin[rule]; t < policy.test_begin[rule + 1]; ++t) {
    const auto& test = policy.fact_tests[t];
    if (!test.passes(slots[test.slot])) return false;
  }
  return true;
}

/// Runs one rule: its group's hit policy, its category guard and fact tests, its condition,
/// its actions. With a trace, records the evaluation whatever the outcome.
void run_rule(Evaluation& eval, std::uint32_t index, std::int32_t category) {
  const auto& policy = eval.policy;
  auto& s = eval.s;
  const bool trace = eval.options.trace;
  const auto& rule = policy.rules[index];
  const auto group = static_cast<std::size_t>(rule.group);
  const bool first_group = rule.group >= 0 && policy.groups[group].hit == HitPolicy::first;
  if (trace) start_trace(eval, rule);
  if (first_group && s.group_fired[group]) {
    if (trace) {
      s.trace[s.trace_used - 1].outcome = TraceEntry::Outcome::skipped;
      s.trace[s.trace_used - 1].note = "an earlier rule of this 'first' group fired";
    }
    return;
  }
  const auto& [first, last] = policy.category_guard[index];
  if (category < first || category >= last || !tests_pass(policy, index, s.slots)) return;
  try {
    if (!policy.tests_decide[index] && rule.when && expr::evaluate(*rule.when, s.slots) == 0) {
      return;
    }
    s.fired.push_back(index);
    if (rule.group >= 0) s.group_fired[group] = 1;
    if (trace) s.trace[s.trace_used - 1].outcome = TraceEntry::Outcome::fired;
    for (const auto& action : rule.actions) apply(eval, action, index);
  } catch (const expr::EvaluationError& e) {
    overflow(rule, e);
  }
}

/// The rules of a category bucket that the incident's value of the bucket's key fact reaches,
/// in evaluation order.
void run_bucket(Evaluation& eval, const CategoryBucket& bucket, std::int32_t category) {
  if (bucket.by_bound.empty()) {
    for (const auto index : bucket.rules) run_rule(eval, index, category);
    return;
  }
  auto& reached = eval.s.reached;
  reached.resize(bucket.rules.size());
  reached.reset();
  for (const auto position : bucket.unbounded) reached.set(position);
  const auto value = eval.s.slots[bucket.key_slot];
  const auto end =
      std::upper_bound(bucket.by_bound.begin(), bucket.by_bound.end(), value,
                       [](std::int64_t v, const auto& entry) { return v < entry.first; });
  for (auto it = bucket.by_bound.begin(); it != end; ++it) reached.set(it->second);
  for (auto p = reached.find_first(); p != Scratch::Bits::npos; p = reached.find_next(p)) {
    run_rule(eval, bucket.rules[p], category);
  }
}

}  // namespace

void run_rules(Evaluation& eval) {
  const auto& policy = eval.policy;
  const auto category = static_cast<std::int32_t>(eval.s.slots[slot(Builtin::category)]);
  // Without a trace, only the rules the index admits for this incident are visited; with one,
  // every rule is reported, and those outside their guard or tests as not matched.
  if (!eval.options.trace && !policy.rules_by_category.empty()) {
    run_bucket(eval, policy.rules_by_category[static_cast<std::size_t>(category)], category);
  } else {
    for (const auto index : policy.evaluation_order) run_rule(eval, index, category);
  }
  close_entry(eval);
  eval.s.trace.resize(eval.s.trace_used);
}

}  // namespace redress::detail
