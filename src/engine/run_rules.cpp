// Running the rules: conditions in evaluation order, hit policies, and the actions' effects.
// Trace notes are formatted only when a trace was asked for: the hot path does no string work.
#include <fmt/format.h>

#include <algorithm>
#include <type_traits>

#include "compile/builtin_facts.hpp"
#include "compile/rule_index.hpp"
#include "engine/evaluation.hpp"
#include "engine/incident_slots.hpp"

namespace redress::detail {
namespace {

FactValue shown_value(const Evaluation& eval, std::uint32_t slot) {
  if (eval.policy.facts[slot].sensitive) return Symbol{"***"};
  return slot_value(eval.policy, eval.incident, slot, eval.s.slots[slot]);
}

/// A fact of several values whose values are not all one: each value once, the primary first
/// (slots the incident left unused repeat the primary).
bool show_values(const Evaluation& eval, std::uint32_t slot, FactValue& out) {
  const auto& fact = eval.policy.facts[slot];
  const auto* first = &eval.s.slots[slot];
  const auto* end = first + fact.values;
  if (fact.values <= 1 || std::all_of(first, end, [&](std::int64_t v) { return v == *first; })) {
    return false;
  }
  SymbolSet set;
  for (const auto* v = first; v != end; ++v) {
    if (std::find(first, v, *v) != v) continue;
    const auto shown = slot_value(eval.policy, eval.incident, slot, *v);
    set.names.push_back(boost::variant2::get<Symbol>(shown).name);
  }
  out = std::move(set);
  return true;
}

/// As shown_value(), written into `out`: a symbol already there keeps its string's memory.
void show_value(const Evaluation& eval, std::uint32_t slot, FactValue& out) {
  const auto& fact = eval.policy.facts[slot];
  const auto value = eval.s.slots[slot];
  auto* symbol = boost::variant2::get_if<Symbol>(&out);
  if (show_values(eval, slot, out)) return;
  if (symbol && fact.sensitive) {
    symbol->name = "***";
  } else if (symbol && fact.type.kind == expr::TypeKind::enumeration) {
    symbol->name = fact.type.enumeration->values.at(static_cast<std::size_t>(value));
  } else if (symbol && fact.type.kind == expr::TypeKind::category) {
    symbol->name = eval.policy.categories.at(static_cast<std::size_t>(value)).id;
  } else {
    out = shown_value(eval, slot);
  }
}

/// Adds an action to the current trace entry: the parts (strings, Money, FactValues)
/// concatenated. The text reuses a string kept from an earlier decision.
template <typename... Parts>
void note(Evaluation& eval, const Parts&... parts) {
  auto& s = eval.s;
  auto& text = next(s.trace[s.trace_used - 1].actions, s.actions_used, s.spare_actions);
  text.clear();
  const auto append = [&](const auto& part) {
    if constexpr (std::is_same_v<std::decay_t<decltype(part)>, Money>) {
      part.append_to(text);
    } else if constexpr (std::is_same_v<std::decay_t<decltype(part)>, FactValue>) {
      append_to(text, part);
    } else {
      text += part;
    }
  };
  (append(parts), ...);
}

/// Trims the current trace entry's actions to those of this decision.
void close_entry(Evaluation& eval) {
  auto& s = eval.s;
  if (s.trace_used > 0) trim(s.trace[s.trace_used - 1].actions, s.actions_used, s.spare_actions);
  s.actions_used = 0;
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

/// The value program of an action that has one (a monetary remedy's amount, a set's value).
const expr::Program& value_of(const Evaluation& eval, const PackedAction& action) {
  return *eval.policy.rules[action.rule].actions[action.index].value;
}

/// Offers a remedy at its amount (none when monetary and worth nothing); `how` and `of` end the
/// trace note ("", or ", option of ", the group). True when offered.
bool offer_remedy(Evaluation& eval, const PackedAction& action, std::string_view how = {},
                  std::string_view of = {}) {
  auto& s = eval.s;
  const bool trace = eval.options.trace;
  const auto id = [&eval, &action] { return eval.policy.remedies[action.target].id; };
  if (action.monetary) {
    const auto amount = expr::evaluate(value_of(eval, action), s.slots);
    if (amount <= 0) {
      // A monetary remedy worth nothing is not an offer; the trace says why it is missing.
      if (trace) {
        note(eval, "remedy ", id(), ": amount ", Money(amount, eval.policy.currency),
             ", not offered");
      }
      return false;
    }
    auto& kept = s.amounts[action.target];
    kept = s.offered.contains(action.target) ? std::max(kept, amount) : amount;
    if (trace) note(eval, "remedy ", id(), " ", Money(amount, eval.policy.currency), how, of);
  } else if (trace) {
    note(eval, "remedy ", id(), how, of);
  }
  s.offered.insert(action.target);
  record(s.remedy_rules, action.target, action.rule);
  return true;
}

/// Offers a remedy on its terms (rules/README.md, "Options, fallbacks and contingent
/// remedies"): a fallback only when the remedy before it was not available; a remedy with `if:`
/// only when it holds; an option as one choice of its group; a contingent remedy as waiting
/// for its finding unless `confirmed` holds.
void offer_on_terms(Evaluation& eval, const PackedAction& action) {
  const auto& policy = eval.policy;
  const auto& info = policy.rules[action.rule].actions[action.index];
  auto& s = eval.s;
  const bool trace = eval.options.trace;
  const auto& remedy = policy.remedies[action.target];
  if (info.fallback && !s.pending_fallback) return;  // what it falls back from was offered
  if (!info.fallback) s.preferred = action.target;
  s.pending_fallback = false;
  if (info.available && expr::evaluate(*info.available, s.slots) == 0) {
    s.pending_fallback = true;
    if (trace) note(eval, "remedy ", remedy.id, ": not available");
    return;
  }
  if (info.option_group >= 0) {
    const auto group = static_cast<std::uint32_t>(info.option_group);
    if (!offer_remedy(eval, action, ", option of ", policy.option_groups[group].id)) return;
    s.optioned.insert(action.target);
    s.option_groups.insert(group);
    record(s.option_rules, group, action.rule);
  } else if (info.contingency >= 0 &&
             !(info.confirmed && expr::evaluate(*info.confirmed, s.slots) != 0)) {
    if (!offer_remedy(eval, action, ", contingent")) return;
    if (!s.contingent.contains(action.target)) {
      s.contingency[action.target] = info.contingency;
      s.contingent.insert(action.target);
    }
  } else if (info.fallback) {
    if (!offer_remedy(eval, action, ", instead of ", policy.remedies[s.preferred].id)) return;
    if (!s.fallen_back.contains(action.target)) {
      s.instead_of[action.target] = static_cast<std::int32_t>(s.preferred);
      s.fallen_back.insert(action.target);
    }
  } else if (offer_remedy(eval, action, info.contingency >= 0 ? ", confirmed" : "")) {
    s.plain.insert(action.target);
  }
}

void set_fact(Evaluation& eval, const PackedAction& action) {
  auto value = expr::evaluate(value_of(eval, action), eval.s.slots);
  if (action.target == eval.policy.priority_slot) {
    // Priorities outside the SLA's range clamp to it (documented in rules/README.md).
    value = std::clamp(value, eval.policy.sla.front().priority, eval.policy.sla.back().priority);
  }
  eval.s.slots[action.target] = value;
  if (eval.options.trace) {
    note(eval, "set ", eval.policy.facts[action.target].name, " = ",
         shown_value(eval, action.target));
  }
}

/// A dated action (a remedy with `effective:`) out of force on the as-of date does nothing.
bool in_force(Evaluation& eval, const PackedAction& action) {
  const auto& effective = eval.policy.rules[action.rule].actions[action.index].effective;
  if (effective->contains(eval.s.as_of)) return true;
  if (eval.options.trace) {
    note(eval, "remedy ", eval.policy.remedies[action.target].id, ": not in force on ",
         format_local_date(eval.s.as_of), ", not offered");
  }
  return false;
}

/// Attaches a clock; one not in force on the as-of date is left out (the trace says so).
void attach_clock(Evaluation& eval, const PackedAction& action) {
  const auto& clock = eval.policy.clocks[action.target];
  if (clock.effective && !clock.effective->contains(eval.s.as_of)) {
    if (eval.options.trace) {
      note(eval, "clock ", clock.id, ": not in force on ", format_local_date(eval.s.as_of),
           ", not attached");
    }
    return;
  }
  eval.s.clocks.insert(action.target);
  record(eval.s.clock_rules, action.target, action.rule);
  if (eval.options.trace) note(eval, "clock ", clock.id);
}

void apply(Evaluation& eval, const PackedAction& action) {
  const auto& policy = eval.policy;
  const bool trace = eval.options.trace;
  if (action.dated && !in_force(eval, action)) {
    eval.s.pending_fallback = false;  // a remedy out of force has no fallback either
    return;
  }
  switch (action.kind) {
    case ActionInfo::Kind::remedy:
    case ActionInfo::Kind::options:  // compiled into remedy actions
      if (action.terms) {
        offer_on_terms(eval, action);
      } else if (offer_remedy(eval, action) && policy.remedy_terms) {
        eval.s.plain.insert(action.target);
      }
      break;
    case ActionInfo::Kind::set:
      set_fact(eval, action);
      break;
    case ActionInfo::Kind::involve:
      eval.s.departments.insert(action.target);
      if (trace) note(eval, "involve ", policy.departments[action.target].id);
      break;
    case ActionInfo::Kind::escalate:
      eval.s.escalation_floor = std::max<std::size_t>(eval.s.escalation_floor, action.target);
      if (trace) {
        note(eval, "escalate to at least ",
             policy.roles[policy.escalation_chain[action.target]].id);
      }
      break;
    case ActionInfo::Kind::say:
      eval.s.said.insert(action.target);
      record(eval.s.step_rules, action.target, action.rule);
      if (trace) note(eval, "say ", policy.steps[action.target].id);
      break;
    case ActionInfo::Kind::clock:
      attach_clock(eval, action);
      break;
    case ActionInfo::Kind::commit:
      eval.s.commitments.insert(action.target);
      record(eval.s.commitment_rules, action.target, action.rule);
      if (trace) note(eval, "commit ", policy.commitments[action.target].id);
      break;
    case ActionInfo::Kind::recusal:
      eval.s.recusal_rules.push_back(action.rule);
      if (trace) note(eval, "recusal required: the owner must not be involved in the matter");
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
      if (eval.policy.facts[slot].values == 0) continue;  // shown with the fact's first value
      auto& value = next(entry.read, read);
      value.name = eval.policy.facts[slot].name;
      show_value(eval, slot, value.value);
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

/// Fires a rule whose condition held: records it and applies its actions.
template <bool Trace>
void fire(Evaluation& eval, std::uint32_t index, const RuleHead& head) {
  auto& s = eval.s;
  s.fired.push_back(index);
  if (head.group >= 0) s.group_fired[static_cast<std::size_t>(head.group)] = 1;
  if constexpr (Trace) s.trace[s.trace_used - 1].outcome = TraceEntry::Outcome::fired;
  const auto* action = eval.policy.index->packed_actions.data() + head.first_action;
  try {
    for (const auto* end = action + head.actions; action != end; ++action) apply(eval, *action);
  } catch (const expr::EvaluationError& e) {
    overflow(eval.policy.rules[index], e);
  }
}

/// Whether an earlier rule of the rule's `first` group fired, which rules the rule out.
bool group_done(const Evaluation& eval, const RuleHead& head) {
  return head.first_hit && eval.s.group_fired[static_cast<std::size_t>(head.group)];
}

/// Whether the rule's condition holds, given that its guard and fact tests passed.
bool condition_holds(const Evaluation& eval, std::uint32_t index, const RuleHead& head) {
  if (head.tests_decide) return true;
  const auto& rule = eval.policy.rules[index];
  if (!rule.when) return true;
  try {
    return expr::evaluate(*rule.when, eval.s.slots) != 0;
  } catch (const expr::EvaluationError& e) {
    overflow(rule, e);
  }
}

bool tests_pass(const Evaluation& eval, const RuleHead& head) {
  const auto* test = eval.policy.index->fact_tests.data() + head.first_test;
  for (const auto* end = test + head.tests; test != end; ++test) {
    if (!test->passes(eval.s.slots[test->slot])) return false;
  }
  return true;
}

/// Runs one rule in the walk over every rule: its group's hit policy, its category guard and
/// fact tests, its condition, its actions. With a trace, records the evaluation whatever the
/// outcome.
template <bool Trace>
void run_rule(Evaluation& eval, std::uint32_t index, std::int32_t category) {
  const auto& policy = eval.policy;
  auto& s = eval.s;
  const auto& head = policy.index->rule_heads[index];
  if constexpr (Trace) start_trace(eval, policy.rules[index]);
  // Outside the index, a rule's dates are checked here rather than left to its fact tests, so
  // that the trace can say why the rule did not run.
  if (policy.dated) {
    const auto& rule = policy.rules[index];
    if (rule.effective && !rule.effective->contains(s.as_of)) {
      if constexpr (Trace) {
        s.trace[s.trace_used - 1].outcome = TraceEntry::Outcome::skipped;
        s.trace[s.trace_used - 1].note = rule.out_of_force_note;
      }
      return;
    }
  }
  if (group_done(eval, head)) {
    if constexpr (Trace) {
      s.trace[s.trace_used - 1].outcome = TraceEntry::Outcome::skipped;
      s.trace[s.trace_used - 1].note = "an earlier rule of this 'first' group fired";
    }
    return;
  }
  const auto& [first, last] = policy.index->category_guard[index];
  if (category < first || category >= last || !tests_pass(eval, head)) return;
  if (condition_holds(eval, index, head)) fire<Trace>(eval, index, head);
}

/// Runs one rule of the incident's category bucket (no trace): the bucket admits the category,
/// and its entry carries the rule's head, so the rule itself is read only to run a condition
/// the tests do not decide.
void run_bucket_rule(Evaluation& eval, const BucketRule& entry) {
  if (!tests_pass(eval, entry.head) || group_done(eval, entry.head)) return;
  if (condition_holds(eval, entry.rule, entry.head)) fire<false>(eval, entry.rule, entry.head);
}

/// The rules of a category bucket that the incident's value of the bucket's key fact reaches,
/// in evaluation order.
void run_bucket(Evaluation& eval, const CategoryBucket& bucket) {
  if (bucket.bands.empty()) {
    for (const auto& entry : bucket.rules) run_bucket_rule(eval, entry);
    return;
  }
  auto& reached = eval.s.reached;
  reached.clear(bucket.rules.size());
  for (const auto position : bucket.unbounded) reached.insert(position);
  const auto value = eval.s.slots[bucket.key_slot];
  const auto band_value = eval.s.slots[bucket.band_slot];
  for (const auto& band : bucket.bands) {
    if (band.floor > band_value) break;  // bands are sorted by floor
    const auto end =
        std::upper_bound(band.by_bound.begin(), band.by_bound.end(), value,
                         [](std::int64_t v, const auto& entry) { return v < entry.first; });
    for (auto it = band.by_bound.begin(); it != end; ++it) reached.insert(it->second);
  }
  reached.for_each([&](std::size_t position) { run_bucket_rule(eval, bucket.rules[position]); });
}

}  // namespace

void run_rules(Evaluation& eval) {
  const auto& policy = eval.policy;
  const auto category = static_cast<std::int32_t>(eval.s.slots[slot("category")]);
  // Without a trace, only the rules the index admits for this incident are visited; with one,
  // every rule is reported, and those outside their guard or tests as not matched.
  if (!eval.options.trace && !policy.index->rules_by_category.empty()) {
    run_bucket(eval, policy.index->rules_by_category[static_cast<std::size_t>(category)]);
  } else if (eval.options.trace) {
    for (const auto index : policy.evaluation_order) run_rule<true>(eval, index, category);
  } else {
    for (const auto index : policy.evaluation_order) run_rule<false>(eval, index, category);
  }
  close_entry(eval);
  eval.s.trace.resize(eval.s.trace_used);
}

}  // namespace redress::detail
