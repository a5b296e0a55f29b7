// Clocks: an SLA that can resolve a case after a clock its rules attach falls due
// (lint.sla_after_clock), and a policy's own clock that no rule attaches (lint.unused_clock).
//
// Which SLA targets apply where a rule attaches a clock: the priorities the decision can end
// with when that rule fires. A rule reading priority sees the final one (it runs after every
// rule setting it). Otherwise the base priority is the default or a value a setter gives; when
// the setters are one `first` group of constants, the group's rules up to the first whose
// condition surely holds wherever the clock's rule fires are the only candidates. Rules that
// update priority from its own value add the values they can produce.
//
// Whether a target can exceed a clock is decided by computing both due times for start
// instants over a span of dates covering the calendars' holidays and make-up days: for a clock
// counted in days, its due time depends only on the start's local date and the SLA's grows
// with the start, so the last second of each day is the worst case, and the answer exact.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "lint/analysis.hpp"
#include "lint/conditions.hpp"

namespace redress::linting {
namespace {

bool sets_priority(const CompiledPolicy& policy, const ActionInfo& action) {
  return action.kind == ActionInfo::Kind::set && action.target == policy.priority_slot;
}

bool reads(const std::optional<expr::Program>& program, std::uint32_t slot) {
  return program && std::binary_search(program->reads.begin(), program->reads.end(), slot);
}

/// Reads only facts no rule sets: its value at the group is the value at any later rule.
bool reads_stable_facts(const CompiledPolicy& policy, const RuleInfo& rule) {
  if (!rule.when) return true;
  return std::none_of(rule.when->reads.begin(), rule.when->reads.end(), [&](std::uint32_t slot) {
    return policy.facts[slot].source == FactSource::derived;
  });
}

/// The constant priority a rule sets, if it sets one.
std::optional<std::int64_t> constant_priority(const CompiledPolicy& policy, const RuleInfo& rule) {
  for (const auto& action : rule.actions) {
    if (sets_priority(policy, action) && action.value) return action.value->constant();
  }
  return std::nullopt;
}

/// The `first` group holding every rule that sets priority to a plain value, when they are all
/// constants; nullopt otherwise.
std::optional<std::uint32_t> constant_priority_group(const CompiledPolicy& policy) {
  std::optional<std::uint32_t> group;
  for (const auto& rule : policy.rules) {
    for (const auto& action : rule.actions) {
      if (!sets_priority(policy, action) || reads(action.value, policy.priority_slot)) continue;
      if (rule.group < 0 || !action.value->constant()) return std::nullopt;
      const auto g = static_cast<std::uint32_t>(rule.group);
      if (policy.groups[g].hit != HitPolicy::first || (group && *group != g)) return std::nullopt;
      group = g;
    }
  }
  return group;
}

/// The least urgent base priority (before updates) a case in `box` can have.
std::int64_t base_bound(const Analysis& analysis, const Box& box) {
  const auto& policy = analysis.policy;
  if (const auto group = constant_priority_group(policy)) {
    std::int64_t bound = kMin;
    for (const auto r : policy.groups[*group].rules) {
      const auto& rule = policy.rules[r];
      const auto value = constant_priority(policy, rule);
      if (!value || !analysis.can_fire(r)) continue;
      bound = std::max(bound, *value);
      const auto holds =
          condition_of(rule, analysis.conditions[r].get(), Approx::under, analysis.domains);
      // This rule surely matches: it or an earlier one fires, and the default never applies.
      if (reads_stable_facts(policy, rule) && holds.covers(box, analysis.domains)) return bound;
    }
    return std::max(bound, policy.default_priority);
  }
  std::int64_t bound = policy.default_priority;
  for (std::uint32_t r = 0; r < policy.rules.size(); ++r) {
    const auto& actions = policy.rules[r].actions;
    for (std::size_t a = 0; a < actions.size(); ++a) {
      if (!sets_priority(policy, actions[a]) || reads(actions[a].value, policy.priority_slot)) {
        continue;
      }
      if (analysis.can_fire(r)) bound = std::max(bound, analysis.action_range(r, a).hi);
    }
  }
  return bound;
}

/// The least urgent priority a decision can end with when rule `r` fires, within the SLA's
/// range.
std::int64_t least_urgent(const Analysis& analysis, std::uint32_t r) {
  const auto& policy = analysis.policy;
  const auto& rule = policy.rules[r];
  const std::int64_t first = policy.sla.front().priority;
  const std::int64_t last = policy.sla.back().priority;
  std::int64_t bound = kMin;
  for (const auto& box : analysis.fires_when[r].boxes) {
    if (reads(rule.when, policy.priority_slot)) {
      const auto constraint = box.get(policy.priority_slot, analysis.domains);
      bound = std::max(bound, constraint ? constraint->hull().hi : last);
    } else {
      bound = std::max(bound, base_bound(analysis, box));
    }
  }
  if (!reads(rule.when, policy.priority_slot)) {
    for (std::uint32_t u = 0; u < policy.rules.size(); ++u) {
      const auto& actions = policy.rules[u].actions;
      for (std::size_t a = 0; a < actions.size(); ++a) {
        if (sets_priority(policy, actions[a]) && reads(actions[a].value, policy.priority_slot) &&
            analysis.can_fire(u)) {
          bound = std::max(bound, analysis.action_range(u, a).hi);
        }
      }
    }
  }
  return std::clamp(bound, first, last);
}

/// The local dates to start cases on: around every holiday and make-up day of the calendars
/// involved (a year before, for long periods, and a month after), else four years, which hold
/// every weekday pattern and month length.
std::pair<std::int64_t, std::int64_t> date_span(const std::vector<const Calendar*>& calendars) {
  std::int64_t lo = kMax, hi = kMin;
  for (const auto* calendar : calendars) {
    if (!calendar) continue;
    for (const auto* dates : {&calendar->holidays, &calendar->makeup_days}) {
      if (dates->empty()) continue;
      lo = std::min<std::int64_t>(lo, dates->front());
      hi = std::max<std::int64_t>(hi, dates->back());
    }
  }
  constexpr std::int64_t kFirstOf2024 = 19723;
  if (lo > hi) return {kFirstOf2024, kFirstOf2024 + 4 * 366};
  return {lo - 400, std::min(hi, lo + 3 * 366) + 31};
}

/// Starts on which the SLA can exceed a clock: for a clock in days, the last second of each
/// local date; for a clock in hours, every hour too.
struct Exceeded {
  Timestamp start, sla_due, clock_due;
};

std::optional<Exceeded> exceeds(const CompiledPolicy& policy, const Duration& resolution,
                                const ClockInfo& clock) {
  const Calendar* clock_calendar = policy.calendar_of(clock);
  Calendar wall_clock;
  const Calendar* sla_calendar = policy.sla_calendar();
  const Calendar& sla = sla_calendar ? *sla_calendar : wall_clock;
  const std::int32_t offset = clock_calendar ? clock_calendar->utc_offset_minutes : 0;
  const auto [from, to] = date_span({sla_calendar, clock_calendar});
  const std::int64_t step = clock.count.period.counts_days() ? 86'400 : 3'600;
  for (std::int64_t day = from; day <= to; ++day) {
    const std::int64_t midnight = day * 86'400 - std::int64_t{offset} * 60;
    for (std::int64_t second = step - 1; second < 86'400; second += step) {
      const Timestamp start{midnight + second, offset};
      const auto sla_due = sla.add(start, resolution);
      const auto clock_due = redress::clock_due(start, clock.count, clock_calendar);
      if (sla_due.utc_seconds > clock_due.utc_seconds) return Exceeded{start, sla_due, clock_due};
    }
  }
  return std::nullopt;
}

void check_clock_action(const Analysis& analysis, std::uint32_t r, const ActionInfo& action,
                        std::set<std::pair<std::int64_t, std::uint32_t>>& reported) {
  const auto& policy = analysis.policy;
  const auto& clock = policy.clocks[action.target];
  const auto bound = least_urgent(analysis, r);
  for (const auto& target : policy.sla) {
    if (target.priority > bound) break;
    if (!reported.emplace(target.priority, action.target).second) continue;
    const auto example = exceeds(policy, target.resolution, clock);
    if (!example) continue;
    analysis.report(
        "lint.sla_after_clock", Severity::warning, action.location,
        fmt::format("rule '{}' attaches clock '{}' ({}), but a priority {} case resolves by its "
                    "SLA ({}) after the clock: reported {}, the SLA gives {}, the clock {}",
                    policy.rules[r].id, clock.id, clock.due_text, target.priority,
                    target.resolution.to_string(), example->start.to_string(),
                    example->sla_due.to_string(), example->clock_due.to_string()),
        "shorten that priority's resolution target, or give the cases this rule attaches the "
        "clock to a more urgent priority");
  }
}

void check_unused_clocks(const Analysis& analysis) {
  const auto& policy = analysis.policy;
  std::vector<bool> used(policy.clocks.size(), false);
  for (const auto& rule : policy.rules) {
    for (const auto& action : rule.actions) {
      if (action.kind == ActionInfo::Kind::clock) used[action.target] = true;
    }
  }
  for (std::size_t i = 0; i < policy.clocks.size(); ++i) {
    const auto& clock = policy.clocks[i];
    // A library offers many clocks; only a policy's own ones are expected to be used.
    if (used[i] || clock.location.file != policy.file) continue;
    analysis.report("lint.unused_clock", Severity::info, clock.location,
                    fmt::format("clock '{}' is declared but no rule attaches it", clock.id),
                    fmt::format("attach it in a rule (clock: {}), or remove it", clock.id));
  }
}

}  // namespace

void check_clocks(const Analysis& analysis) {
  const auto& policy = analysis.policy;
  check_unused_clocks(analysis);
  if (policy.sla.empty()) return;
  std::set<std::pair<std::int64_t, std::uint32_t>> reported;
  for (std::uint32_t r = 0; r < policy.rules.size(); ++r) {
    if (!analysis.can_fire(r)) continue;
    for (const auto& action : policy.rules[r].actions) {
      if (action.kind == ActionInfo::Kind::clock) check_clock_action(analysis, r, action, reported);
    }
  }
}

}  // namespace redress::linting
