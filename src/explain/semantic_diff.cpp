// Walking the union of two policies' boundary values, deciding each incident twice.
#include "redress/explain/semantic_diff.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <optional>
#include <random>

#include "redress/engine/decide.hpp"
#include "redress/engine/fact_values.hpp"
#include "redress/explain/counterfactual.hpp"
#include "redress/explain/input_space.hpp"

namespace redress::explain {
namespace {

/// One value of a fact, as one of the policies encodes it.
struct Setting {
  const CompiledPolicy* policy = nullptr;
  std::uint32_t slot = 0;
  std::int64_t value = 0;
  std::string text;  ///< the value for people (and to tell values apart across policies)
};

/// A fact either policy reads, with the values to try; values[0] is the base's.
struct Axis {
  std::string fact;
  std::vector<Setting> values;
};

std::string text_of(const CompiledPolicy& policy, const Incident& base, std::uint32_t slot,
                    std::int64_t value) {
  const auto v = fact_value(policy, base, slot, value);
  if (const auto* m = boost::variant2::get_if<Money>(&v)) return money_text(*m);
  return to_string(v);
}

void add_axes(const CompiledPolicy& policy, const Incident& base, std::vector<Axis>& axes) {
  const auto slots = fact_values(policy, base);
  for (const auto& d : input_space(policy)) {
    const auto& name = policy.facts[d.slot].name;
    auto it = std::find_if(axes.begin(), axes.end(), [&](const Axis& a) { return a.fact == name; });
    if (it == axes.end()) {
      axes.push_back(
          {name, {{&policy, d.slot, slots[d.slot], text_of(policy, base, d.slot, slots[d.slot])}}});
      it = std::prev(axes.end());
    }
    const bool set = policy.facts[d.slot].type.kind == expr::TypeKind::set;
    for (const auto v : d.values) {
      // A set tries one value more or less than the base's.
      const auto value = set ? slots[d.slot] ^ static_cast<std::int64_t>(std::uint64_t{1} << v) : v;
      auto text = text_of(policy, base, d.slot, value);
      const bool known = std::any_of(it->values.begin(), it->values.end(),
                                     [&](const Setting& s) { return s.text == text; });
      if (!known) it->values.push_back({&policy, d.slot, value, std::move(text)});
    }
  }
}

using Point = std::vector<std::size_t>;  // per axis, the index of its value

/// "owner a -> b; priority 2 -> 1; compensation_total higher; +remedy x; -remedy y", or empty.
std::string difference(const Decision& a, const Decision& b) {
  std::vector<std::string> parts;
  if (a.owner != b.owner) parts.push_back(fmt::format("owner {} -> {}", a.owner, b.owner));
  if (a.priority != b.priority) {
    parts.push_back(fmt::format("priority {} -> {}", a.priority, b.priority));
  }
  const auto total_a = a.compensation_total.minor();
  const auto total_b = b.compensation_total.minor();
  if (total_a != total_b) {
    parts.push_back(fmt::format("compensation_total {}", total_b > total_a ? "higher" : "lower"));
  }
  const auto offers = [](const Decision& d, std::string_view id) {
    return std::any_of(d.remedies.begin(), d.remedies.end(),
                       [&](const RemedyOffer& r) { return r.id == id; });
  };
  for (const auto& r : b.remedies) {
    if (!offers(a, r.id)) parts.push_back(fmt::format("+remedy {}", r.id));
  }
  for (const auto& r : a.remedies) {
    if (!offers(b, r.id)) parts.push_back(fmt::format("-remedy {}", r.id));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

class Walker {
 public:
  Walker(const CompiledPolicy& old_policy, const CompiledPolicy& new_policy, const Incident& base)
      : old_(old_policy), new_(new_policy), base_(base) {
    add_axes(old_policy, base, axes_);
    add_axes(new_policy, base, axes_);
  }

  [[nodiscard]] const std::vector<Axis>& axes() const { return axes_; }

  [[nodiscard]] Incident incident(const Point& p) const {
    Incident out = base_;
    for (std::size_t i = 0; i < axes_.size(); ++i) {
      if (p[i] == 0) continue;
      const auto& s = axes_[i].values[p[i]];
      set_fact(*s.policy, out, s.slot, s.value);
    }
    return out;
  }

  [[nodiscard]] std::string describe(const Point& p) const {
    std::string out;
    for (std::size_t i = 0; i < axes_.size(); ++i) {
      if (p[i] == 0) continue;
      if (!out.empty()) out += ", ";
      out += fmt::format("{} {}", axes_[i].fact, axes_[i].values[p[i]].text);
    }
    return out.empty() ? "the base incident" : out;
  }

  /// Both decisions, or nullopt when either policy refuses the incident.
  std::optional<std::pair<Decision, Decision>> decide_both(const Incident& incident) const {
    try {
      return std::pair{decide(old_, incident), decide(new_, incident)};
    } catch (const DecideError&) {
      return std::nullopt;
    }
  }

 private:
  const CompiledPolicy& old_;
  const CompiledPolicy& new_;
  const Incident& base_;
  std::vector<Axis> axes_;
};

}  // namespace

Incident default_base(const CompiledPolicy& old_policy, const CompiledPolicy& new_policy) {
  Incident base;
  base.id = "semantic-diff";
  std::string error;
  Timestamp::parse("2026-01-05T10:00:00+08:00", base.reported_at, error);
  for (const auto& node : old_policy.categories) {
    if (new_policy.category_index.count(node.id) != 0) {
      base.category = node.id;
      break;
    }
  }
  return base;
}

SemanticDiff semantic_diff(const CompiledPolicy& old_policy, const CompiledPolicy& new_policy,
                           const Incident& base, const DiffOptions& options) {
  SemanticDiff out;
  const Walker walker(old_policy, new_policy, base);
  const auto& axes = walker.axes();
  std::map<std::string, std::size_t> region_of;  // difference -> index in out.regions
  std::vector<Point> examples;
  const auto visit = [&](const Point& p) {
    const auto decided = walker.decide_both(walker.incident(p));
    if (!decided) {
      ++out.undecidable;
      return;
    }
    ++out.checked;
    auto diff = difference(decided->first, decided->second);
    if (diff.empty()) return;
    const auto [it, added] = region_of.emplace(diff, out.regions.size());
    if (added) {
      out.regions.push_back({std::move(diff), 0, {}, {}, {}, {}});
      examples.push_back(p);
    }
    ++out.regions[it->second].incidents;
  };
  // Every combination when there are few enough, else a fixed-seed sample.
  std::uint64_t total = 1;
  bool small = true;
  for (const auto& axis : axes) {
    if (total > options.samples / axis.values.size()) small = false;
    if (!small) break;
    total *= axis.values.size();
  }
  if (small) {
    out.exhaustive = true;
    for (std::uint64_t n = 0; n < total; ++n) {
      Point p(axes.size());
      auto index = n;
      for (std::size_t i = 0; i < axes.size(); ++i) {
        p[i] = index % axes[i].values.size();
        index /= axes[i].values.size();
      }
      visit(p);
    }
  } else {
    out.seed = options.seed;
    std::mt19937_64 rng(options.seed);
    for (std::size_t n = 0; n < options.samples; ++n) {
      Point p(axes.size());
      for (std::size_t i = 0; i < axes.size(); ++i) p[i] = rng() % axes[i].values.size();
      visit(p);
    }
  }
  // Each region's example, shrunk: every fact back to the base's value while the difference
  // stays the same.
  for (std::size_t r = 0; r < out.regions.size(); ++r) {
    auto p = examples[r];
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (p[i] == 0) continue;
      auto q = p;
      q[i] = 0;
      const auto decided = walker.decide_both(walker.incident(q));
      if (decided && difference(decided->first, decided->second) == out.regions[r].difference) {
        p = q;
      }
    }
    auto& region = out.regions[r];
    region.example = walker.incident(p);
    region.example_changes = walker.describe(p);
    auto decided = walker.decide_both(region.example);
    region.old_decision = std::move(decided->first);
    region.new_decision = std::move(decided->second);
  }
  return out;
}

namespace {

std::string summary(const Decision& d) {
  std::vector<std::string_view> remedies;
  for (const auto& r : d.remedies) remedies.push_back(r.id);
  return fmt::format("owner {}, priority {}, compensation_total {}, remedies [{}]", d.owner,
                     d.priority, money_text(d.compensation_total), fmt::join(remedies, ", "));
}

}  // namespace

std::string to_text(const CompiledPolicy& old_policy, const CompiledPolicy& new_policy,
                    const SemanticDiff& diff) {
  std::string out = fmt::format(
      "{} {} -> {} {}: {} incidents decided by both ({}){}, {} region{} decided differently\n",
      old_policy.identity.id, old_policy.identity.version, new_policy.identity.id,
      new_policy.identity.version, diff.checked,
      diff.exhaustive ? "every combination of boundary values"
                      : fmt::format("sampled, seed {}", diff.seed),
      diff.undecidable > 0 ? fmt::format(", {} refused by one of them", diff.undecidable) : "",
      diff.regions.size(), diff.regions.size() == 1 ? "" : "s");
  for (std::size_t r = 0; r < diff.regions.size(); ++r) {
    const auto& region = diff.regions[r];
    out += fmt::format("\n{}. {} ({} incidents)\n  example: {}\n    old: {}\n    new: {}\n", r + 1,
                       region.difference, region.incidents, region.example_changes,
                       summary(region.old_decision), summary(region.new_decision));
  }
  return out;
}

}  // namespace redress::explain
