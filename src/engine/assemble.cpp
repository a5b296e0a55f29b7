// Building the Decision from what the rules did: remedies and totals, justice coverage,
// owner and escalation path, deadlines, departments, communication, warnings.
//
// The decision is written into the caller's object, element by element, so that a Decision
// reused across calls keeps its vectors' and strings' memory: deciding again allocates only
// when a decision grows beyond every earlier one.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <stdexcept>

#include "compile/builtin_facts.hpp"
#include "engine/evaluation.hpp"
#include "engine/incident_slots.hpp"
#include "redress/model/decision_warnings.hpp"

namespace redress::detail {
namespace {

void classify(const Evaluation& eval, Classification& c) {
  const auto& p = eval.policy;
  const auto& s = eval.s.slots;
  const auto node = static_cast<std::int32_t>(s[slot("category")]);
  c.category = p.categories[static_cast<std::size_t>(node)].id;
  std::size_t depth = 0;
  for (auto n = node; n >= 0; n = p.categories[static_cast<std::size_t>(n)].parent) ++depth;
  c.category_path.resize(depth);
  for (auto n = node; n >= 0; n = p.categories[static_cast<std::size_t>(n)].parent) {
    c.category_path[--depth] = p.categories[static_cast<std::size_t>(n)].id;
  }
  c.failure_type = static_cast<FailureType>(s[slot("failure_type")]);
  c.magnitude = eval.incident.magnitude;
  c.emotion = eval.incident.emotion;
  c.intensity = eval.incident.intensity;
  c.deficits.clear();
  for (std::size_t j = 0; j < enum_names<Justice>().size(); ++j) {
    if ((static_cast<std::uint64_t>(s[slot("deficits")]) >> j) & 1U) {
      c.deficits.push_back(static_cast<Justice>(j));
    }
  }
  c.tier = eval.incident.tier;
  std::size_t used = 0;
  // Built-in facts come first and `priority`, the only derived one, last among them.
  for (auto i = p.priority_slot + 1; i < p.facts.size(); ++i) {
    if (p.facts[i].source != FactSource::derived) continue;
    auto& named = next(c.derived, used);
    named.name = p.facts[i].name;
    named.value =
        p.facts[i].sensitive ? FactValue(Symbol{"***"}) : slot_value(p, eval.incident, i, s[i]);
  }
  c.derived.resize(used);
}

const std::string& uncovered_message(Justice dimension) {
  // Formatted once per dimension: the hot path builds no strings.
  static const std::array messages = [] {
    std::array<std::string, 3> out;
    for (std::size_t j = 0; j < out.size(); ++j) {
      out[j] = fmt::format(
          "the customer indicated a lack of {} justice but no remedy in this "
          "decision covers it",
          to_string(static_cast<Justice>(j)));
    }
    return out;
  }();
  return messages[static_cast<std::size_t>(dimension)];
}

bool covers_itself(const RemedyOffer& offer, Justice dimension) {
  return std::find(offer.covers.begin(), offer.covers.end(), dimension) != offer.covers.end();
}

/// Whether an offer covers a dimension for certain: a contingent remedy may never be given, and
/// an option covers only what every option of its choice covers.
bool covers(const Decision& d, const RemedyOffer& offer, Justice dimension) {
  if (!offer.contingent.empty() || !covers_itself(offer, dimension)) return false;
  if (offer.option.empty()) return true;
  return std::all_of(d.remedies.begin(), d.remedies.end(), [&](const RemedyOffer& other) {
    return other.option != offer.option || covers_itself(other, dimension);
  });
}

void add_coverage(Evaluation& eval, Decision& d) {
  std::size_t used = 0;
  for (auto dimension : d.classification.deficits) {
    auto& coverage = next(d.coverage, used, eval.s.spare_coverage);
    coverage.dimension = dimension;
    std::size_t by = 0;
    for (const auto& offer : d.remedies) {
      if (covers(d, offer, dimension)) next(coverage.by, by) = offer.id;
    }
    coverage.by.resize(by);
    coverage.covered = by > 0;
    if (!coverage.covered)
      add_warning(eval, d, DecisionWarning::coverage_uncovered, uncovered_message(dimension));
  }
  trim(d.coverage, used, eval.s.spare_coverage);
}

void add_owner(Evaluation& eval, Decision& d) {
  const auto& p = eval.policy;
  d.recusal.reset();
  d.owner_trace.clear();
  if (p.recusal_required || !eval.s.recusal_rules.empty()) return add_uninvolved_owner(eval, d);
  const auto& chain = p.escalation_chain;
  const auto goodwill = d.goodwill_total.minor();
  std::size_t owner = chain.size() - 1;
  bool covered = false;
  for (std::size_t i = eval.s.escalation_floor; i < chain.size(); ++i) {
    const auto& authority = p.roles[chain[i]].authority;
    if (!authority || *authority >= goodwill) {
      owner = i;
      covered = true;
      break;
    }
  }
  d.escalation_path.resize(owner + 1);
  for (std::size_t i = 0; i <= owner; ++i) d.escalation_path[i] = p.roles[chain[i]].id;
  d.owner = p.roles[chain[owner]].id;
  d.owner_authority.reset();
  if (const auto& authority = p.roles[chain[owner]].authority) {
    d.owner_authority = Money(*authority, p.currency);
  }
  if (!covered) {
    add_warning(eval, d, DecisionWarning::authority_exceeded,
                fmt::format("the goodwill total {} exceeds the authority of the top role '{}'",
                            d.goodwill_total.to_string(), d.owner));
  }
}

/// `target` after `start` by `calendar`. A deadline RFC 3339 cannot write (past the year 9999,
/// or too far for any instant) is a DecideError, never a malformed timestamp in the output.
Timestamp deadline(const Calendar& calendar, const Timestamp& start, const Duration& target,
                   std::int64_t priority, std::string_view which) {
  std::optional<Timestamp> due;
  try {
    due = calendar.add(start, target);
  } catch (const std::out_of_range&) {
    // too far to count: out of range as well
  }
  if (due && due->representable()) return *due;
  Diagnostics problems;
  problems.error(
      "decide.deadline_out_of_range", {},
      fmt::format(
          "the {} deadline, {} after {}{}, falls outside the years 0001 to 9999", which,
          target.to_string(), start.to_string(),
          calendar.id.empty() ? std::string{} : fmt::format(" in calendar '{}'", calendar.id)),
      fmt::format("check the incident's reported_at and the policy's SLA target for priority {}",
                  priority));
  throw DecideError(std::move(problems));
}

void add_deadlines(const Evaluation& eval, Decision& d) {
  const auto& p = eval.policy;
  const auto& target = p.target_for(d.priority);
  Calendar wall_clock;
  wall_clock.utc_offset_minutes = eval.incident.reported_at.offset_minutes;
  const Calendar* sla_calendar = p.sla_calendar();
  const Calendar& calendar = sla_calendar ? *sla_calendar : wall_clock;
  const auto start = eval.incident.reported_at;
  auto& out = d.deadlines;
  out.calendar = sla_calendar ? std::string_view{sla_calendar->id} : std::string_view{};
  out.first_response_target = target.first_response;
  out.resolution_target = target.resolution;
  out.first_response_due =
      deadline(calendar, start, target.first_response, d.priority, "first response");
  out.resolution_due = deadline(calendar, start, target.resolution, d.priority, "resolution");
}

/// One attached clock: its due time, its extensions and what the final reply must carry.
void fill_clock(const Evaluation& eval, const ClockInfo& info, StatutoryClock& out) {
  const auto& incident = eval.incident;
  const Calendar* calendar = eval.policy.calendar_of(info);
  out.id = info.id;
  out.title = text_in(info.title, eval.locale);
  out.basis = text_in(info.basis, eval.locale);
  out.calendar = calendar ? std::string_view{calendar->id} : std::string_view{};
  out.start = info.start;
  out.started = start_instant(incident, info.start);
  out.period = info.due_text;
  out.due = clock_due(out.started, info.count, calendar);
  out.extensions.resize(info.extensions.size());
  for (std::size_t i = 0; i < info.extensions.size(); ++i) {
    const auto& extension = info.extensions[i];
    auto count = info.count;
    count.period = extension.due;
    out.extensions[i] = {extension.due_text, clock_due(out.started, count, calendar),
                         text_in(extension.when, eval.locale),
                         text_in(extension.holding_reply, eval.locale)};
  }
  out.final_reply.resize(info.final_reply.size());
  for (std::size_t i = 0; i < info.final_reply.size(); ++i) {
    out.final_reply[i] = text_in(info.final_reply[i], eval.locale);
  }
  out.referral_body = text_in(info.referral_body, eval.locale);
  out.referral_within = info.referral_within;
  out.rules.clear();
}

/// The clocks rules attached, in the policy's order, and a warning for each that falls due
/// before the commercial resolution deadline. Nothing to do, and nothing done, without one.
void add_clocks(Evaluation& eval, Decision& d) {
  auto& s = eval.s;
  std::size_t used = 0;
  s.clocks.for_each([&](std::size_t i) {
    s.position[i] = static_cast<std::uint32_t>(used);
    fill_clock(eval, eval.policy.clocks[i], next(d.clocks, used, s.spare_clocks));
  });
  trim(d.clocks, used, s.spare_clocks);
  if (used == 0) return;
  add_rule_ids(eval.policy, s.clock_rules, s.position, d.clocks);
  const auto& resolution = d.deadlines.resolution_due;
  for (const auto& clock : d.clocks) {
    if (resolution.utc_seconds <= clock.due.utc_seconds) continue;
    add_warning(eval, d, DecisionWarning::sla_after_clock,
                fmt::format("the resolution deadline {} ({}) falls after clock '{}', due {} ({}): "
                            "the clock decides",
                            resolution.to_string(), d.deadlines.resolution_target.to_string(),
                            clock.id, clock.due.to_string(), clock.period));
  }
}

void add_communication(const Evaluation& eval, Decision& d) {
  const auto& p = eval.policy;
  auto& s = eval.s;
  std::size_t used = 0;
  s.said.for_each([&](std::size_t i) {
    s.position[i] = static_cast<std::uint32_t>(used);
    auto& step = next(d.communication, used, s.spare_steps);
    step.id = p.steps[i].id;
    step.text = text_in(p.steps[i].text, eval.locale);
    step.rules.clear();
  });
  trim(d.communication, used, s.spare_steps);
  add_rule_ids(p, s.step_rules, s.position, d.communication);
}

}  // namespace

void add_warning(Evaluation& eval, Decision& d, DecisionWarning kind, std::string_view message) {
  auto& warning = next(d.warnings, eval.s.warnings_used, eval.s.spare_warnings);
  warning.code = code_of(kind);
  warning.message = message;
}

void assemble(Evaluation& eval, Decision& d) {
  const auto& p = eval.policy;
  d.incident_id = eval.incident.id;
  d.group = eval.incident.group;
  d.affected_count = eval.incident.affected_count;
  d.policy = p.identity;
  d.in_force.reset();
  if (p.dated) d.in_force = InForce{eval.s.as_of, p.in_force};
  classify(eval, d.classification);
  d.priority = eval.s.slots[p.priority_slot];
  add_deadlines(eval, d);
  add_remedies(eval, d);
  add_coverage(eval, d);
  add_owner(eval, d);
  add_clocks(eval, d);
  add_commitments(eval, d);
  std::size_t used = 0;
  const auto& departments = eval.s.departments;
  departments.for_each([&](std::size_t i) { next(d.departments, used) = p.departments[i].id; });
  d.departments.resize(used);
  add_communication(eval, d);
  trim(d.warnings, eval.s.warnings_used, eval.s.spare_warnings);
  d.rules_fired.resize(eval.s.fired.size());
  for (std::size_t i = 0; i < eval.s.fired.size(); ++i) {
    d.rules_fired[i] = p.rules[eval.s.fired[i]].id;
  }
  std::swap(d.trace, eval.s.trace);
}

}  // namespace redress::detail
