// Building the Decision from what the rules did: remedies and totals, justice coverage,
// owner and escalation path, deadlines, departments, communication, warnings.
#include <fmt/format.h>

#include <algorithm>

#include "compile/builtin_facts.hpp"
#include "engine/evaluation.hpp"
#include "engine/incident_slots.hpp"

namespace redress::detail {
namespace {

/// The text in `locale`, else in the policy's default locale, else in any locale it has.
std::string text_in(const LocalizedStrings& texts, const std::string& locale,
                    const std::string& fallback) {
  for (const auto* wanted : {&locale, &fallback}) {
    const auto it = texts.find(*wanted);
    if (it != texts.end()) return it->second;
  }
  return texts.empty() ? std::string{} : texts.begin()->second;
}

std::vector<std::string> rule_ids(const CompiledPolicy& policy,
                                  const std::vector<std::uint32_t>& rules) {
  std::vector<std::string> ids;
  for (auto r : rules) ids.push_back(policy.rules[r].id);
  return ids;
}

Classification classify(const Evaluation& eval) {
  const auto& p = eval.policy;
  const auto& s = eval.slots;
  Classification c;
  const auto node = static_cast<std::int32_t>(s[slot(Builtin::category)]);
  c.category = p.categories[static_cast<std::size_t>(node)].id;
  for (auto n = node; n >= 0; n = p.categories[static_cast<std::size_t>(n)].parent) {
    c.category_path.insert(c.category_path.begin(), p.categories[static_cast<std::size_t>(n)].id);
  }
  c.failure_type = static_cast<FailureType>(s[slot(Builtin::failure_type)]);
  c.magnitude = eval.incident.magnitude;
  c.emotion = eval.incident.emotion;
  c.intensity = eval.incident.intensity;
  for (std::size_t j = 0; j < enum_names<Justice>().size(); ++j) {
    if ((static_cast<std::uint64_t>(s[slot(Builtin::deficits)]) >> j) & 1U) {
      c.deficits.push_back(static_cast<Justice>(j));
    }
  }
  c.tier = eval.incident.tier;
  for (std::uint32_t i = 0; i < p.facts.size(); ++i) {
    if (p.facts[i].source != FactSource::derived || i == p.priority_slot) continue;
    c.derived.push_back({p.facts[i].name, p.facts[i].sensitive
                                              ? FactValue(Symbol{"***"})
                                              : slot_value(p, eval.incident, i, s[i])});
  }
  return c;
}

void add_remedies(const Evaluation& eval, const std::string& locale, Decision& d) {
  const auto& p = eval.policy;
  std::int64_t total = 0, goodwill = 0, restitution = 0;
  for (std::size_t i = 0; i < p.remedies.size(); ++i) {
    const auto& state = eval.remedies[i];
    if (!state.offered) continue;
    const auto& info = p.remedies[i];
    RemedyOffer offer{info.id, std::nullopt, info.covers, info.goodwill,
                      text_in(info.text, locale, p.locales.front()), rule_ids(p, state.rules)};
    if (info.monetary) {
      offer.amount = Money(state.amount, p.currency);
      total = checked::add(total, state.amount);
      if (info.goodwill) {
        goodwill = checked::add(goodwill, state.amount);
      } else {
        restitution = checked::add(restitution, state.amount);
      }
    }
    d.remedies.push_back(std::move(offer));
  }
  d.compensation_total = Money(total, p.currency);
  d.goodwill_total = Money(goodwill, p.currency);
  d.restitution_total = Money(restitution, p.currency);
}

void add_coverage(Decision& d) {
  for (auto dimension : d.classification.deficits) {
    JusticeCoverage coverage{dimension, false, {}};
    for (const auto& offer : d.remedies) {
      if (std::find(offer.covers.begin(), offer.covers.end(), dimension) != offer.covers.end()) {
        coverage.by.push_back(offer.id);
      }
    }
    coverage.covered = !coverage.by.empty();
    if (!coverage.covered) {
      d.warnings.push_back({"coverage.uncovered",
                            fmt::format("the customer indicated a lack of {} justice but no "
                                        "remedy in this decision covers it",
                                        to_string(dimension))});
    }
    d.coverage.push_back(std::move(coverage));
  }
}

void add_owner(const Evaluation& eval, Decision& d) {
  const auto& p = eval.policy;
  const auto& chain = p.escalation_chain;
  const auto goodwill = d.goodwill_total.minor();
  std::size_t owner = chain.size() - 1;
  bool covered = false;
  for (std::size_t i = eval.escalation_floor; i < chain.size(); ++i) {
    const auto& authority = p.roles[chain[i]].authority;
    if (!authority || *authority >= goodwill) {
      owner = i;
      covered = true;
      break;
    }
  }
  for (std::size_t i = 0; i <= owner; ++i) d.escalation_path.push_back(p.roles[chain[i]].id);
  d.owner = p.roles[chain[owner]].id;
  if (const auto& authority = p.roles[chain[owner]].authority) {
    d.owner_authority = Money(*authority, p.currency);
  }
  if (!covered) {
    d.warnings.push_back(
        {"authority.exceeded",
         fmt::format("the goodwill total {} exceeds the authority of the top role '{}'",
                     d.goodwill_total.to_string(), d.owner)});
  }
}

void add_deadlines(const Evaluation& eval, Decision& d) {
  const auto& p = eval.policy;
  const auto& target = p.target_for(d.priority);
  Calendar wall_clock;
  wall_clock.utc_offset_minutes = eval.incident.reported_at.offset_minutes;
  const Calendar& calendar = p.calendar ? *p.calendar : wall_clock;
  const auto start = eval.incident.reported_at;
  d.deadlines = {p.calendar ? p.calendar->id : std::string{},
                 target.first_response,
                 target.resolution,
                 calendar.add(start, target.first_response),
                 calendar.add(start, target.resolution)};
}

}  // namespace

Decision assemble(const Evaluation& eval) {
  const auto& p = eval.policy;
  const auto locale = eval.options.locale.empty() ? p.locales.front() : eval.options.locale;
  Decision d;
  d.incident_id = eval.incident.id;
  d.policy = p.identity;
  d.classification = classify(eval);
  d.priority = eval.slots[p.priority_slot];
  add_deadlines(eval, d);
  add_remedies(eval, locale, d);
  add_coverage(d);
  add_owner(eval, d);
  for (std::size_t i = 0; i < p.departments.size(); ++i) {
    if (eval.departments[i]) d.departments.push_back(p.departments[i].id);
  }
  for (std::size_t i = 0; i < p.steps.size(); ++i) {
    if (!eval.steps[i].offered) continue;
    d.communication.push_back(
        {p.steps[i].id, text_in(p.steps[i].text, locale, p.locales.front()), rule_ids(p, eval.steps[i].rules)});
  }
  for (const auto rule : eval.fired) d.rules_fired.push_back(p.rules[rule].id);
  d.trace = eval.trace;
  return d;
}

}  // namespace redress::detail
