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

namespace redress::detail {
namespace {

/// A catalogue entry's text in the decision's locale; empty when the entry has none.
std::string_view text_in(const std::vector<std::string>& texts, std::size_t locale) {
  return texts.empty() ? std::string_view{} : std::string_view{texts[locale]};
}

/// Appends to each logged item's rule list the ids of the rules that acted on it, in the order
/// they acted. `position` maps an item to its entry in `entries`.
template <typename Entry>
void add_rule_ids(const CompiledPolicy& policy,
                  const std::vector<std::pair<std::uint32_t, std::uint32_t>>& log,
                  const std::vector<std::uint32_t>& position, std::vector<Entry>& entries) {
  for (const auto& [item, rule] : log)
    entries[position[item]].rules.push_back(policy.rules[rule].id);
}

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

void add_remedies(const Evaluation& eval, Decision& d) {
  const auto& p = eval.policy;
  auto& s = eval.s;
  std::int64_t total = 0, goodwill = 0, restitution = 0;
  std::size_t used = 0;
  s.offered.for_each([&](std::size_t i) {
    const auto& info = p.remedies[i];
    s.position[i] = static_cast<std::uint32_t>(used);
    auto& offer = next(d.remedies, used);
    offer.id = info.id;
    offer.amount.reset();
    offer.covers = info.covers;
    offer.goodwill = info.goodwill;
    offer.text = text_in(info.text, eval.locale);
    offer.rules.clear();
    if (!info.monetary) return;
    const auto amount = s.amounts[i];
    offer.amount = Money(amount, p.currency);
    total = checked::add(total, amount);
    (info.goodwill ? goodwill : restitution) =
        checked::add(info.goodwill ? goodwill : restitution, amount);
  });
  d.remedies.resize(used);
  add_rule_ids(p, s.remedy_rules, s.position, d.remedies);
  d.compensation_total = Money(total, p.currency);
  d.goodwill_total = Money(goodwill, p.currency);
  d.restitution_total = Money(restitution, p.currency);
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

/// Appends a warning, reusing the memory of a warning kept from an earlier decision.
void add_warning(Evaluation& eval, Decision& d, std::string_view code, std::string_view message) {
  auto& warning = next(d.warnings, eval.s.warnings_used, eval.s.spare_warnings);
  warning.code = code;
  warning.message = message;
}

void add_coverage(Evaluation& eval, Decision& d) {
  std::size_t used = 0;
  for (auto dimension : d.classification.deficits) {
    auto& coverage = next(d.coverage, used, eval.s.spare_coverage);
    coverage.dimension = dimension;
    std::size_t by = 0;
    for (const auto& offer : d.remedies) {
      if (std::find(offer.covers.begin(), offer.covers.end(), dimension) != offer.covers.end()) {
        next(coverage.by, by) = offer.id;
      }
    }
    coverage.by.resize(by);
    coverage.covered = by > 0;
    if (!coverage.covered) add_warning(eval, d, "coverage.uncovered", uncovered_message(dimension));
  }
  trim(d.coverage, used, eval.s.spare_coverage);
}

void add_owner(Evaluation& eval, Decision& d) {
  const auto& p = eval.policy;
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
    add_warning(eval, d, "authority.exceeded",
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
  const Calendar& calendar = p.calendar ? *p.calendar : wall_clock;
  const auto start = eval.incident.reported_at;
  auto& out = d.deadlines;
  out.calendar = p.calendar ? std::string_view{p.calendar->id} : std::string_view{};
  out.first_response_target = target.first_response;
  out.resolution_target = target.resolution;
  out.first_response_due =
      deadline(calendar, start, target.first_response, d.priority, "first response");
  out.resolution_due = deadline(calendar, start, target.resolution, d.priority, "resolution");
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

void assemble(Evaluation& eval, Decision& d) {
  const auto& p = eval.policy;
  d.incident_id = eval.incident.id;
  d.policy = p.identity;
  classify(eval, d.classification);
  d.priority = eval.s.slots[p.priority_slot];
  add_deadlines(eval, d);
  add_remedies(eval, d);
  add_coverage(eval, d);
  add_owner(eval, d);
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
