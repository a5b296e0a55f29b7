// The search of counterfactuals: one fact at a time over its boundary values (a number's
// boundary then found exactly by bisection), then pairs of facts when no single fact works.
#include "redress/explain/counterfactual.hpp"

#include "redress/engine/decide.hpp"
#include "redress/engine/fact_values.hpp"
#include "redress/explain/input_space.hpp"

namespace redress::explain {
namespace {

/// Decides changed copies of one incident and compares their outcome with the original's.
class Prober {
 public:
  Prober(const CompiledPolicy& policy, const Incident& incident, const Outcome& outcome,
         std::string original)
      : policy_(policy), incident_(incident), outcome_(outcome), original_(std::move(original)) {}

  /// The outcome's value when the facts are changed as `changes` says (slot, value); empty when
  /// it is the original's or the changed incident does not fit the policy.
  std::string probe(const std::vector<std::pair<std::uint32_t, std::int64_t>>& changes) {
    scratch_ = incident_;
    for (const auto& [slot, value] : changes) set_fact(policy_, scratch_, slot, value);
    ++decisions_;
    try {
      decide(policy_, scratch_, decision_);
    } catch (const DecideError&) {
      return {};
    }
    auto value = outcome_.value(decision_);
    return value == original_ ? std::string{} : value;
  }

  /// The counterfactual of the last probe.
  Counterfactual last(std::vector<Change> changes, std::string value) const {
    return Counterfactual{std::move(changes), std::move(value), scratch_, decision_};
  }

  [[nodiscard]] std::size_t decisions() const { return decisions_; }

 private:
  const CompiledPolicy& policy_;
  const Incident& incident_;
  const Outcome& outcome_;
  std::string original_;
  Incident scratch_;
  Decision decision_;
  std::size_t decisions_ = 0;
};

// How far above its value a number is searched: 2^40 times it.
constexpr int kDoublings = 40;

struct Search {
  const CompiledPolicy& policy;
  const Incident& incident;
  const std::vector<std::int64_t>& base;
  Prober& prober;
  Explanation& out;

  Change change(std::uint32_t slot, std::int64_t to) const {
    Change c;
    c.fact = policy.facts[slot].name;
    c.slot = slot;
    c.from = fact_value(policy, incident, slot, base[slot]);
    c.to = fact_value(policy, incident, slot, to);
    return c;
  }

  /// The changed value a boundary value stands for: a set toggles one value.
  std::int64_t changed(const Dimension& d, std::int64_t candidate) const {
    if (policy.facts[d.slot].type.kind == expr::TypeKind::set) {
      return base[d.slot] ^ static_cast<std::int64_t>(std::uint64_t{1} << candidate);
    }
    return candidate;
  }

  /// The boundary values above `current`, then doublings of it: amounts computed from a fact
  /// (half the loss against an authority) have boundaries no condition names.
  static std::vector<std::int64_t> upward(const Dimension& d, std::int64_t current) {
    std::vector<std::int64_t> out;
    for (const auto v : d.values) {
      if (v > current) out.push_back(v);
    }
    auto v = std::max<std::int64_t>(current, 1);
    for (int k = 0; k < kDoublings && v <= d.max / 2; ++k) {
      v *= 2;
      if (out.empty() || v > out.back()) out.push_back(v);
    }
    return out;
  }

  void single(const Dimension& d) {
    const auto current = base[d.slot];
    if (!is_numeric(policy, d.slot)) {
      for (const auto candidate : d.values) {
        const auto to = changed(d, candidate);
        if (to == current) continue;
        auto value = prober.probe({{d.slot, to}});
        if (!value.empty()) out.counterfactuals.push_back(prober.last({change(d.slot, to)}, value));
      }
      return;
    }
    // Below: the nearest boundary value that changes the outcome, then the exact boundary
    // between it and the current value.
    for (auto it = d.values.rbegin(); it != d.values.rend(); ++it) {
      if (*it >= current) continue;
      if (prober.probe({{d.slot, *it}}).empty()) continue;
      auto lo = *it;      // changes it
      auto hi = current;  // does not
      while (hi - lo > 1) {
        const auto mid = lo + (hi - lo) / 2;
        (prober.probe({{d.slot, mid}}).empty() ? hi : lo) = mid;
      }
      auto value = prober.probe({{d.slot, lo}});
      auto c = change(d.slot, lo);
      c.relation = Change::Relation::below;
      c.bound = fact_value(policy, incident, d.slot, hi);
      out.counterfactuals.push_back(prober.last({std::move(c)}, value));
      break;
    }
    for (const auto candidate : upward(d, current)) {
      if (prober.probe({{d.slot, candidate}}).empty()) continue;
      auto lo = current;    // does not change it
      auto hi = candidate;  // does
      while (hi - lo > 1) {
        const auto mid = lo + (hi - lo) / 2;
        (prober.probe({{d.slot, mid}}).empty() ? lo : hi) = mid;
      }
      auto value = prober.probe({{d.slot, hi}});
      auto c = change(d.slot, hi);
      c.relation = Change::Relation::at_least;
      c.bound = c.to;
      out.counterfactuals.push_back(prober.last({std::move(c)}, value));
      break;
    }
  }

  void pairs(const std::vector<Dimension>& space, std::size_t budget) {
    const auto start = prober.decisions();
    for (std::size_t i = 0; i < space.size(); ++i) {
      for (std::size_t j = i + 1; j < space.size(); ++j) {
        for (const auto a : space[i].values) {
          const auto to_a = changed(space[i], a);
          if (to_a == base[space[i].slot]) continue;
          for (const auto b : space[j].values) {
            const auto to_b = changed(space[j], b);
            if (to_b == base[space[j].slot]) continue;
            if (prober.decisions() - start >= budget) return;
            auto value = prober.probe({{space[i].slot, to_a}, {space[j].slot, to_b}});
            if (value.empty()) continue;
            out.counterfactuals.push_back(prober.last(
                {change(space[i].slot, to_a), change(space[j].slot, to_b)}, std::move(value)));
          }
        }
      }
    }
  }
};

}  // namespace

Explanation explain(const CompiledPolicy& policy, const Incident& incident, const Outcome& outcome,
                    const ExplainOptions& options) {
  Explanation out;
  out.outcome = outcome;
  out.decision = decide(policy, incident);
  out.value = outcome.value(out.decision);
  const auto base = fact_values(policy, incident);
  const auto space = input_space(policy);
  Prober prober(policy, incident, outcome, out.value);
  Search search{policy, incident, base, prober, out};
  for (const auto& d : space) search.single(d);
  if (out.counterfactuals.empty() && options.max_facts >= 2) {
    search.pairs(space, options.max_pair_decisions);
  }
  out.decisions = prober.decisions() + 1;
  return out;
}

}  // namespace redress::explain
