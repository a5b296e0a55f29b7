// Counting replayed cases, one accumulator per thread, and merging them into a ReplaySummary.
#include <fmt/format.h>
#include <range/v3/action/sort.hpp>
#include <range/v3/algorithm/sort.hpp>
#include <range/v3/range/conversion.hpp>
#include <range/v3/view/enumerate.hpp>
#include <range/v3/view/filter.hpp>
#include <range/v3/view/iota.hpp>
#include <range/v3/view/join.hpp>
#include <range/v3/view/map.hpp>
#include <range/v3/view/take.hpp>
#include <range/v3/view/transform.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>

#include "redress/replay/summary.hpp"

namespace redress::replay {

struct Accumulator::State {
  struct Totals {
    Currency currency;
    std::int64_t goodwill_before = 0, goodwill_after = 0;
    std::int64_t restitution_before = 0, restitution_after = 0;
  };
  struct Owner {
    std::string_view id;
    std::int64_t level = 0;
    std::uint64_t before = 0, after = 0;
  };
  std::uint64_t unchanged = 0, changed = 0, errors = 0;
  std::array<std::uint64_t, 64> by_field{};
  static constexpr std::size_t kBuckets = std::size(kCostBucketBounds) + 1;
  std::array<std::uint64_t, kBuckets> cost_before{}, cost_after{};
  std::vector<Totals> totals;  // a currency or two: searched linearly
  std::vector<Owner> owners;   // a handful of roles: the same
  std::unordered_map<std::string_view, std::pair<std::uint64_t, std::uint64_t>> rules;
  std::vector<CostChange> top;  // a heap whose front ranks last
};

namespace {

using State = Accumulator::State;

void add_checked(std::int64_t& total, std::int64_t amount) {
  if (__builtin_add_overflow(total, amount, &total)) {
    throw MoneyError("a replay total overflows 64-bit minor units");
  }
}

State::Totals& totals_for(State& s, const Currency& currency) {
  for (auto& t : s.totals) {
    if (t.currency == currency) return t;
  }
  return s.totals.emplace_back(State::Totals{currency});
}

State::Owner& owner_for(State& s, std::string_view id, std::int64_t level) {
  for (auto& o : s.owners) {
    if (o.id == id) return o;
  }
  return s.owners.emplace_back(State::Owner{id, level});
}

std::uint64_t magnitude(std::int64_t delta) {
  return delta < 0 ? ~static_cast<std::uint64_t>(delta) + 1 : static_cast<std::uint64_t>(delta);
}

// The order of the top list: the largest |delta| first, then the earlier line.
bool ranks_before(const CostChange& a, const CostChange& b) {
  const auto ma = magnitude(a.delta()), mb = magnitude(b.delta());
  return ma != mb ? ma > mb : a.line < b.line;
}

// The cost range of an amount: the first bound it does not exceed, in major units.
std::size_t cost_bucket(const Money& amount) {
  std::int64_t unit = 1;
  for (int i = 0; i < amount.currency().exponent(); ++i) unit *= 10;
  std::size_t i = 0;
  for (const auto bound : kCostBucketBounds) {
    // bound * unit cannot overflow: bounds are small and exponents at most 4.
    if (amount.minor() <= bound * unit) return i;
    ++i;
  }
  return i;
}

std::int64_t owner_level(const Decision& d) {
  return d.escalation_path.empty() ? 0 : static_cast<std::int64_t>(d.escalation_path.size()) - 1;
}

}  // namespace

Accumulator::Accumulator(std::size_t top) : state_(std::make_unique<State>()), top_(top) {}
Accumulator::~Accumulator() = default;

void Accumulator::add_error() { ++state_->errors; }

void Accumulator::add(std::uint64_t line, const Decision& before, const Decision& after,
                      FieldSet changed) {
  State& s = *state_;
  if (changed == 0) {
    ++s.unchanged;
  } else {
    ++s.changed;
    for (std::size_t i = 0; i < s.by_field.size(); ++i) {
      if ((changed >> i & 1U) != 0) ++s.by_field[i];
    }
  }
  auto& b = totals_for(s, before.goodwill_total.currency());
  add_checked(b.goodwill_before, before.goodwill_total.minor());
  add_checked(b.restitution_before, before.restitution_total.minor());
  auto& a = totals_for(s, after.goodwill_total.currency());
  add_checked(a.goodwill_after, after.goodwill_total.minor());
  add_checked(a.restitution_after, after.restitution_total.minor());

  ++s.cost_before[cost_bucket(before.compensation_total)];
  ++s.cost_after[cost_bucket(after.compensation_total)];
  ++owner_for(s, before.owner, owner_level(before)).before;
  ++owner_for(s, after.owner, owner_level(after)).after;
  for (auto id : before.rules_fired) ++s.rules[id].first;
  for (auto id : after.rules_fired) ++s.rules[id].second;

  const Money& cost_before = before.compensation_total;
  const Money& cost_after = after.compensation_total;
  if (top_ == 0 || cost_before == cost_after ||
      !(cost_before.currency() == cost_after.currency())) {
    return;
  }
  std::int64_t delta = 0;
  if (__builtin_sub_overflow(cost_after.minor(), cost_before.minor(), &delta)) {
    throw MoneyError("a replay cost change overflows 64-bit minor units");
  }
  CostChange change{line, {}, cost_before, cost_after};
  if (s.top.size() == top_ && !ranks_before(change, s.top.front())) return;
  change.incident = before.incident_id;
  s.top.push_back(std::move(change));
  std::push_heap(s.top.begin(), s.top.end(), ranks_before);
  if (s.top.size() > top_) {
    std::pop_heap(s.top.begin(), s.top.end(), ranks_before);
    s.top.pop_back();
  }
}

ReplaySummary finish(const std::vector<const Accumulator*>& parts, std::size_t top) {
  using namespace ranges;
  ReplaySummary out;
  std::array<std::uint64_t, 64> by_field{};
  std::array<std::uint64_t, State::kBuckets> cost_before{}, cost_after{};
  std::map<std::string, CurrencyTotals> totals;
  std::map<std::string, OwnerCount> owners;
  std::map<std::string, CountChange> rules;
  for (const Accumulator* part : parts) {
    const State& s = part->state();
    out.unchanged += s.unchanged;
    out.changed += s.changed;
    out.errors += s.errors;
    for (std::size_t i = 0; i < by_field.size(); ++i) by_field[i] += s.by_field[i];
    for (std::size_t i = 0; i < State::kBuckets; ++i) {
      cost_before[i] += s.cost_before[i];
      cost_after[i] += s.cost_after[i];
    }
    for (const auto& t : s.totals) {
      const std::string code(t.currency.code());
      auto& into = totals.try_emplace(code, CurrencyTotals{code}).first->second;
      add_checked(into.goodwill_before, t.goodwill_before);
      add_checked(into.goodwill_after, t.goodwill_after);
      add_checked(into.restitution_before, t.restitution_before);
      add_checked(into.restitution_after, t.restitution_after);
    }
    for (const auto& o : s.owners) {
      auto [it, fresh] = owners.try_emplace(std::string(o.id));
      if (fresh) {
        it->second.name = o.id;
        it->second.level = o.level;
      }
      if (o.before > 0) it->second.level = o.level;  // the baseline's level wins
      it->second.before += o.before;
      it->second.after += o.after;
    }
    for (const auto& [id, counts] : s.rules) {
      auto& into = rules.try_emplace(std::string(id), CountChange{std::string(id)}).first->second;
      into.before += counts.first;
      into.after += counts.second;
    }
  }
  out.cases = out.unchanged + out.changed + out.errors;

  out.changed_by_field = compared_fields() | views::enumerate |
                         views::transform([&](const auto& field) {
                           return std::pair{std::string(field.second), by_field[field.first]};
                         }) |
                         to<std::vector>();
  out.cost_histogram = views::iota(std::size_t{0}, State::kBuckets) |
                       views::transform([&](std::size_t i) {
                         const auto bound = i < State::kBuckets - 1 ? kCostBucketBounds[i]
                                                                    : kCostBucketBounds[i - 1];
                         std::string label = i == 0                    ? "0"
                                             : i < State::kBuckets - 1 ? fmt::format("<= {}", bound)
                                                                       : fmt::format("> {}", bound);
                         return CostBucket{std::move(label), cost_before[i], cost_after[i]};
                       }) |
                       to<std::vector>();
  out.totals = totals | views::values | to<std::vector>();
  out.owners = owners | views::values | to<std::vector>() |
               actions::sort([](const OwnerCount& a, const OwnerCount& b) {
                 return a.level != b.level ? a.level < b.level : a.name < b.name;
               });
  out.rules = rules | views::values |
              views::filter([](const CountChange& c) { return c.before != c.after; }) |
              to<std::vector>() | actions::sort([](const CountChange& a, const CountChange& b) {
                const auto ma = magnitude(a.delta()), mb = magnitude(b.delta());
                return ma != mb ? ma > mb : a.name < b.name;
              });
  out.top = parts | views::transform([](const Accumulator* part) -> const std::vector<CostChange>& {
              return part->state().top;
            }) |
            views::join | to<std::vector>() | actions::sort(ranks_before);
  if (out.top.size() > top) out.top.resize(top);
  return out;
}

}  // namespace redress::replay
