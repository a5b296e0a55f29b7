// The remedies of a decision: how each is offered (outright, as one option of a choice, as
// the fallback of a remedy not available, or contingent on a finding), the choices, the
// policy's goodwill caps and the totals (rules/README.md, "Options, fallbacks and contingent
// remedies" and "Goodwill caps").
#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "engine/evaluation.hpp"

namespace redress::detail {
namespace {

enum class Terms : std::uint8_t { outright, option, contingent };

/// How offered remedy `i` is offered: the strongest of the ways rules offered it.
Terms terms_of(const Evaluation& eval, std::size_t i) {
  const auto& s = eval.s;
  if (!eval.policy.remedy_terms || s.plain.contains(i) || s.fallen_back.contains(i)) {
    return Terms::outright;
  }
  return s.optioned.contains(i) ? Terms::option : Terms::contingent;
}

/// A choice left with fewer than two options (the others offered outright, worth nothing or
/// capped away) is no choice: its option is offered outright.
void settle_options(Evaluation& eval) {
  const auto& p = eval.policy;
  auto& s = eval.s;
  s.group_size.assign(p.option_groups.size(), 0);
  s.offered.for_each([&](std::size_t i) {
    if (terms_of(eval, i) == Terms::option) ++s.group_size[p.remedies[i].option_group];
  });
  s.offered.for_each([&](std::size_t i) {
    if (terms_of(eval, i) == Terms::option && s.group_size[p.remedies[i].option_group] < 2) {
      s.plain.insert(i);
    }
  });
}

enum Total : std::size_t { kAll, kGoodwill, kRestitution };
using Totals = std::array<std::int64_t, 3>;

/// Adds `amount` to `into` (checked), under goodwill or restitution.
void add_to(Totals& into, bool goodwill, std::int64_t amount) {
  into[kAll] = checked::add(into[kAll], amount);
  auto& part = into[goodwill ? kGoodwill : kRestitution];
  part = checked::add(part, amount);
}

/// Every outright monetary remedy once; from each choice, per total, the option that makes it
/// largest (the customer may choose any); contingent remedies not at all.
Totals count(Evaluation& eval) {
  const auto& p = eval.policy;
  auto& s = eval.s;
  Totals totals{};
  s.group_most.assign(p.option_groups.size(), Totals{});
  s.offered.for_each([&](std::size_t i) {
    const auto& info = p.remedies[i];
    if (!info.monetary) return;
    const auto amount = s.amounts[i];
    switch (terms_of(eval, i)) {
      case Terms::outright:
        add_to(totals, info.goodwill, amount);
        break;
      case Terms::option: {
        auto& most = s.group_most[info.option_group];
        most[kAll] = std::max(most[kAll], amount);
        auto& part = most[info.goodwill ? kGoodwill : kRestitution];
        part = std::max(part, amount);
        break;
      }
      case Terms::contingent:
        break;
    }
  });
  for (const auto& most : s.group_most) {
    for (std::size_t t = 0; t < totals.size(); ++t) totals[t] = checked::add(totals[t], most[t]);
  }
  return totals;
}

/// Lowers remedy `i` to `to`, dropping it at zero, and records the reduction.
void reduce(Evaluation& eval, GoodwillCap& cap, std::size_t i, std::int64_t to) {
  auto& s = eval.s;
  const auto& currency = eval.policy.currency;
  const auto from = s.amounts[i];
  cap.reductions.push_back(
      {eval.policy.remedies[i].id, Money(from, currency), Money(to, currency)});
  if (s.capped_from[i] == 0) s.capped_from[i] = from;
  s.amounts[i] = to;
  if (to == 0) s.offered.erase(i);
}

/// Cuts the goodwill the rules reached down to `excess` less, from the end of the catalogue
/// back: an outright remedy by as much as it can give; a choice by lowering its goodwill
/// options to one ceiling, so that any option the customer picks fits. Restitution and
/// contingent remedies are never touched.
void cut_goodwill(Evaluation& eval, GoodwillCap& cap, std::int64_t excess) {
  const auto& p = eval.policy;
  auto& s = eval.s;
  std::vector<bool> group_done(p.option_groups.size(), false);
  for (auto i = p.remedies.size(); i-- > 0 && excess > 0;) {
    const auto& info = p.remedies[i];
    if (!s.offered.contains(i) || !info.goodwill) continue;
    const auto terms = terms_of(eval, i);
    if (terms == Terms::outright) {
      const auto cut = std::min(s.amounts[i], excess);
      reduce(eval, cap, i, s.amounts[i] - cut);
      excess -= cut;
    } else if (terms == Terms::option && !group_done[info.option_group]) {
      group_done[info.option_group] = true;
      const auto most = s.group_most[info.option_group][kGoodwill];
      const auto cut = std::min(most, excess);
      const auto ceiling = most - cut;
      const auto& of = p.option_groups[info.option_group].of;
      for (auto r = of.rbegin(); r != of.rend(); ++r) {
        if (s.offered.contains(*r) && p.remedies[*r].goodwill &&
            terms_of(eval, *r) == Terms::option && s.amounts[*r] > ceiling) {
          reduce(eval, cap, *r, ceiling);
        }
      }
      excess -= cut;
    }
  }
}

/// "per incident 300.00 CNY; per customer 1000.00 CNY over 90 days, 800.00 CNY already given"
std::string limits_text(const GoodwillCap& cap) {
  std::string out;
  if (cap.per_incident) out = "per incident " + cap.per_incident->to_string();
  if (cap.per_customer) {
    out += fmt::format("{}per customer {} over {} days, {} already given", out.empty() ? "" : "; ",
                       cap.per_customer->to_string(), cap.window_days, cap.given.to_string());
  }
  return out;
}

std::string reductions_text(const GoodwillCap& cap) {
  std::vector<std::string> items;
  for (const auto& r : cap.reductions) {
    items.push_back(r.to.minor() == 0 ? fmt::format("{} {} dropped", r.remedy, r.from.to_string())
                                      : fmt::format("{} {} -> {}", r.remedy, r.from.to_string(),
                                                    r.to.to_string()));
  }
  return fmt::format("{}", fmt::join(items, ", "));
}

/// The trace's account of the caps, after the rules' entries.
void trace_caps(Evaluation& eval, const GoodwillCap& cap) {
  auto& s = eval.s;
  auto& entry = next(s.trace, s.trace_used);
  entry.rule = "caps";
  entry.group = {};
  entry.outcome =
      cap.reductions.empty() ? TraceEntry::Outcome::not_matched : TraceEntry::Outcome::fired;
  entry.note = "not a rule: the policy's goodwill caps";
  entry.read.assign(1, NamedValue{"compensation_given", FactValue(cap.given)});
  entry.actions.clear();
  entry.actions.push_back(fmt::format("goodwill requested {}, allowed {} ({})",
                                      cap.requested.to_string(), cap.allowed.to_string(),
                                      limits_text(cap)));
  for (const auto& r : cap.reductions) {
    entry.actions.push_back(
        r.to.minor() == 0
            ? fmt::format("remedy {}: {} dropped", r.remedy, r.from.to_string())
            : fmt::format("remedy {}: {} -> {}", r.remedy, r.from.to_string(), r.to.to_string()));
  }
}

/// Applies the policy's caps to the goodwill the rules reached (`requested`), in `d.cap`.
void apply_caps(Evaluation& eval, Decision& d, std::int64_t requested) {
  const auto& caps = *eval.policy.caps;
  const auto& currency = eval.policy.currency;
  const auto& history = eval.incident.history;
  if (!d.cap) d.cap.emplace();
  auto& cap = *d.cap;
  cap.reductions.clear();
  const std::int64_t given = history.compensation_given ? history.compensation_given->minor() : 0;
  std::int64_t allowed = std::numeric_limits<std::int64_t>::max();
  cap.per_incident.reset();
  cap.per_customer.reset();
  if (caps.per_incident) {
    cap.per_incident = Money(*caps.per_incident, currency);
    allowed = *caps.per_incident;
  }
  if (caps.per_customer) {
    cap.per_customer = Money(*caps.per_customer, currency);
    allowed = std::min(allowed, std::max<std::int64_t>(0, *caps.per_customer - given));
  }
  cap.window_days = caps.window_days;
  cap.given = Money(given, currency);
  cap.given_window_days = history.compensation_window_days;
  cap.allowed = Money(allowed, currency);
  cap.requested = Money(requested, currency);
  if (requested > allowed) cut_goodwill(eval, cap, requested - allowed);
  if (!cap.reductions.empty()) {
    add_warning(eval, d, DecisionWarning::cap_applied,
                fmt::format("goodwill capped at {} ({}): {}", cap.allowed.to_string(),
                            limits_text(cap), reductions_text(cap)));
  }
  if (caps.per_customer && history.compensation_given && cap.given_window_days > 0 &&
      cap.given_window_days != cap.window_days) {
    add_warning(eval, d, DecisionWarning::cap_window,
                fmt::format("the goodwill already given ({}) covers {} days, the per-customer "
                            "cap {} days: the cap counted it as given within its window",
                            cap.given.to_string(), cap.given_window_days, cap.window_days));
  }
  if (eval.options.trace) trace_caps(eval, cap);
}

/// One offer, with its terms.
void fill_offer(const Evaluation& eval, std::size_t i, RemedyOffer& offer) {
  const auto& p = eval.policy;
  const auto& s = eval.s;
  const auto& info = p.remedies[i];
  offer.id = info.id;
  offer.amount.reset();
  offer.covers = info.covers;
  offer.goodwill = info.goodwill;
  offer.text = text_in(info.text, eval.locale);
  offer.rules.clear();
  offer.option = {};
  offer.instead_of = {};
  offer.contingent = {};
  offer.capped_from.reset();
  if (info.monetary) offer.amount = Money(s.amounts[i], p.currency);
  if (p.caps && s.capped_from[i] > 0) offer.capped_from = Money(s.capped_from[i], p.currency);
  if (!p.remedy_terms) return;
  switch (terms_of(eval, i)) {
    case Terms::option:
      offer.option = p.option_groups[info.option_group].id;
      break;
    case Terms::contingent:
      offer.contingent = text_in(p.contingencies[s.contingency[i]].on, eval.locale);
      break;
    case Terms::outright:
      if (s.fallen_back.contains(i) && !s.plain.contains(i)) {
        offer.instead_of = p.remedies[s.instead_of[i]].id;
      }
      break;
  }
}

/// The choices the decision leaves to the customer, in the order the policy first offers them.
void add_options(const Evaluation& eval, Decision& d) {
  const auto& p = eval.policy;
  const auto& s = eval.s;
  d.options.clear();
  if (!p.remedy_terms) return;
  s.option_groups.for_each([&](std::size_t g) {
    if (s.group_size[g] < 2) return;
    auto& choice = d.options.emplace_back();
    choice.id = p.option_groups[g].id;
    for (const auto r : p.option_groups[g].of) {
      if (s.offered.contains(r) && terms_of(eval, r) == Terms::option)
        choice.of.push_back(p.remedies[r].id);
    }
    for (const auto& [group, rule] : s.option_rules) {
      if (group == g) choice.rules.push_back(p.rules[rule].id);
    }
  });
}

}  // namespace

void add_remedies(Evaluation& eval, Decision& d) {
  const auto& p = eval.policy;
  auto& s = eval.s;
  if (p.remedy_terms) settle_options(eval);
  auto totals = count(eval);
  if (p.caps) {
    apply_caps(eval, d, totals[kGoodwill]);
    if (!d.cap->reductions.empty()) {
      if (p.remedy_terms) settle_options(eval);
      totals = count(eval);
    }
  } else {
    d.cap.reset();
  }
  std::size_t used = 0;
  s.offered.for_each([&](std::size_t i) {
    s.position[i] = static_cast<std::uint32_t>(used);
    fill_offer(eval, i, next(d.remedies, used));
  });
  d.remedies.resize(used);
  for (const auto& [remedy, rule] : s.remedy_rules) {
    if (s.offered.contains(remedy))
      d.remedies[s.position[remedy]].rules.push_back(p.rules[rule].id);
  }
  add_options(eval, d);
  d.compensation_total = Money(totals[kAll], p.currency);
  d.goodwill_total = Money(totals[kGoodwill], p.currency);
  d.restitution_total = Money(totals[kRestitution], p.currency);
}

}  // namespace redress::detail
