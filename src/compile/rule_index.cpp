// The rule index: which rules can fire for which incident, decided before any rule runs.
//
// A rule's condition is a tree of `and`s over conjuncts. Conjuncts about the category
// (`category == X`, `category in X`) give the rule's category guard: an incident outside X's
// subtree cannot fire it. Conjuncts comparing a fact no rule sets with a constant
// (`severity >= 3`, `tier == gold`, `emotion in [angry, aggrieved]`) become fact tests, checked
// without running the compiled condition, and a lower bound shared by many rules of a category
// sorts them, so that an incident visits only the rules whose bound it reaches. When the guard
// and the tests are the whole condition, passing them is the condition holding.
#include <algorithm>
#include <map>
#include <optional>

#include "compile/builtin_facts.hpp"
#include "compile/context.hpp"
#include "compile/rule_index.hpp"
#include "redress/expr/ast.hpp"

namespace redress::detail {
namespace {

using Interval = std::pair<std::int32_t, std::int32_t>;
using expr::Node;
using expr::NodeKind;
using expr::Operator;
using expr::TypeKind;

// A table of categories x rules beyond this many entries is not worth its memory.
constexpr std::size_t kMaxIndexEntries = std::size_t{1} << 21;
// A category sorts its rules on a bound only when this many of them have one.
constexpr std::size_t kMinBoundedRules = 8;

bool is_category_fact(const Node& node) {
  return node.kind == NodeKind::fact && node.slot == slot("category");
}

bool is_category_literal(const Node& node) {
  return node.kind == NodeKind::literal && node.type.kind == TypeKind::category;
}

/// The categories a literal (or a list of them) names: the smallest interval holding them all,
/// and whether that interval is exactly the categories named.
std::optional<std::pair<Interval, bool>> categories_named(const Node& node, bool subtree) {
  if (is_category_literal(node)) {
    const auto end = subtree ? node.value_end : node.value + 1;
    return std::pair{
        Interval{static_cast<std::int32_t>(node.value), static_cast<std::int32_t>(end)}, true};
  }
  if (node.kind != NodeKind::list || node.children.empty()) return std::nullopt;
  std::vector<Interval> named;
  for (const auto& item : node.children) {
    const auto one = categories_named(item, subtree);
    if (!one) return std::nullopt;
    named.push_back(one->first);
  }
  // The hull is exact when the intervals, sorted, leave no gap (siblings written side by side).
  std::sort(named.begin(), named.end());
  Interval hull = named.front();
  bool exact = true;
  for (const auto& [first, last] : named) {
    exact = exact && first <= hull.second;
    hull.second = std::max(hull.second, last);
  }
  return std::pair{hull, exact};
}

/// The categories one conjunct admits, and whether the interval says all the conjunct says.
std::optional<std::pair<Interval, bool>> category_conjunct(const Node& node) {
  if (node.kind == NodeKind::binary && node.op == Operator::eq) {
    const auto& a = node.children[0];
    const auto& b = node.children[1];
    if (is_category_fact(a)) return categories_named(b, false);
    if (is_category_fact(b)) return categories_named(a, false);
  }
  if (node.kind == NodeKind::membership && node.op == Operator::in &&
      is_category_fact(node.children[0])) {
    return categories_named(node.children[1], true);
  }
  return std::nullopt;
}

bool is_stable_fact(const CompiledPolicy& p, const Node& node) {
  if (node.kind != NodeKind::fact || node.slot >= p.facts.size()) return false;
  if (p.facts[node.slot].source == FactSource::derived) return false;  // rules change it
  // A fact of several values (cause, failure_type) passes a test when any value does: one
  // slot's test would miss the others, so its conjuncts stay in the condition.
  if (node.values > 1) return false;
  switch (node.type.kind) {
    case TypeKind::boolean:
    case TypeKind::integer:
    case TypeKind::money:
    case TypeKind::enumeration:
    case TypeKind::set:
      return true;
    default:
      return false;
  }
}

bool is_literal(const Node& node) { return node.kind == NodeKind::literal; }

/// `fact op constant` as a range test; nullopt when the comparison is not one.
std::optional<FactTest> range_test(std::uint32_t slot, Operator op, std::int64_t c) {
  constexpr auto lowest = std::numeric_limits<std::int64_t>::min();
  constexpr auto highest = std::numeric_limits<std::int64_t>::max();
  FactTest test;
  test.slot = slot;
  switch (op) {
    case Operator::eq:
      test.lo = test.hi = c;
      return test;
    case Operator::ge:
      test.lo = c;
      return test;
    case Operator::le:
      test.hi = c;
      return test;
    case Operator::gt:
      if (c == highest) return std::nullopt;
      test.lo = c + 1;
      return test;
    case Operator::lt:
      if (c == lowest) return std::nullopt;
      test.hi = c - 1;
      return test;
    default:
      return std::nullopt;
  }
}

/// One conjunct as a fact test, when it is one.
std::optional<FactTest> fact_conjunct(const CompiledPolicy& p, const Node& node) {
  if (is_stable_fact(p, node) && node.type.kind == TypeKind::boolean) {
    return range_test(node.slot, Operator::eq, 1);  // `flag`
  }
  if (node.kind == NodeKind::unary && node.op == Operator::logical_not &&
      is_stable_fact(p, node.children[0]) && node.children[0].type.kind == TypeKind::boolean) {
    return range_test(node.children[0].slot, Operator::eq, 0);  // `not flag`
  }
  if (node.kind == NodeKind::binary && node.children[0].type.kind != TypeKind::set &&
      node.children[1].type.kind != TypeKind::set) {
    const auto& a = node.children[0];
    const auto& b = node.children[1];
    if (is_stable_fact(p, a) && is_literal(b)) return range_test(a.slot, node.op, b.value);
    if (is_literal(a) && is_stable_fact(p, b))
      return range_test(b.slot, expr::mirrored(node.op), a.value);
    return std::nullopt;
  }
  if (node.kind == NodeKind::membership && node.op == Operator::in &&
      is_stable_fact(p, node.children[0]) && node.children[0].type.kind == TypeKind::enumeration &&
      node.children[1].kind == NodeKind::list) {
    FactTest test;
    test.kind = FactTest::Kind::mask;
    test.slot = node.children[0].slot;
    for (const auto& item : node.children[1].children) {
      if (!is_literal(item) || item.value < 0 || item.value >= 64) return std::nullopt;
      test.mask |= std::uint64_t{1} << item.value;
    }
    return test;
  }
  if (node.kind == NodeKind::membership && node.op == Operator::in &&
      is_literal(node.children[0]) && is_stable_fact(p, node.children[1]) &&
      node.children[1].type.kind == TypeKind::set && node.children[0].value >= 0 &&
      node.children[0].value < 64) {  // `outcome in deficits`
    FactTest test;
    test.kind = FactTest::Kind::has;
    test.slot = node.children[1].slot;
    test.mask = std::uint64_t{1} << node.children[0].value;
    return test;
  }
  return std::nullopt;
}

/// What the index knows of one rule's condition.
struct ConditionFacts {
  Interval guard;
  std::vector<FactTest> tests;
  bool complete = true;  ///< the guard and the tests are the whole condition
};

void read_conjuncts(const CompiledPolicy& p, const Node& node, ConditionFacts& out) {
  if (node.kind == NodeKind::binary && node.op == Operator::logical_and) {
    read_conjuncts(p, node.children[0], out);
    read_conjuncts(p, node.children[1], out);
    return;
  }
  if (const auto categories = category_conjunct(node)) {
    // An empty interval (contradictory categories) keeps first >= second: never admitted.
    const auto& [interval, exact] = *categories;
    out.guard = {std::max(out.guard.first, interval.first),
                 std::min(out.guard.second, interval.second)};
    out.complete = out.complete && exact;
    return;
  }
  if (auto test = fact_conjunct(p, node)) {
    out.tests.push_back(*test);
    return;
  }
  out.complete = false;
}

constexpr auto kNoBound = std::numeric_limits<std::int64_t>::min();

/// The highest lower bound a rule's tests put on a fact; kNoBound when none.
std::int64_t lower_bound_on(const RuleIndex& x, const RuleHead& head, std::uint32_t slot) {
  auto bound = kNoBound;
  for (auto t = head.first_test; t < head.first_test + head.tests; ++t) {
    const auto& test = x.fact_tests[t];
    if (test.kind == FactTest::Kind::range && test.slot == slot) bound = std::max(bound, test.lo);
  }
  return bound;
}

/// Per fact, the distinct lower bounds the bucket's rules put on it (with the rules' count).
std::map<std::uint32_t, std::map<std::int64_t, std::size_t>> bounds_by_fact(
    const RuleIndex& x, const CategoryBucket& bucket) {
  std::map<std::uint32_t, std::map<std::int64_t, std::size_t>> out;
  for (const auto& entry : bucket.rules) {
    for (auto t = entry.head.first_test; t < entry.head.first_test + entry.head.tests; ++t) {
      const auto& test = x.fact_tests[t];
      if (test.kind == FactTest::Kind::range && test.lo != kNoBound) ++out[test.slot][test.lo];
    }
  }
  return out;
}

std::size_t rules_bounded(const std::map<std::int64_t, std::size_t>& bounds) {
  std::size_t n = 0;
  for (const auto& [bound, rules] : bounds) n += rules;
  return n;
}

/// Sorts a bucket on the fact most of its rules bound from below, if enough do, in bands by a
/// second bounded fact with few distinct bounds, if there is one.
void sort_by_bound(const RuleIndex& x, CategoryBucket& bucket) {
  constexpr std::size_t kMaxBands = 8;
  const auto bounds = bounds_by_fact(x, bucket);
  std::size_t key_rules = 0, band_rules = 0;
  std::optional<std::uint32_t> key, band;
  for (const auto& [slot, values] : bounds) {
    if (const auto n = rules_bounded(values); n > key_rules) key_rules = n, key = slot;
  }
  if (!key || key_rules < kMinBoundedRules) return;
  for (const auto& [slot, values] : bounds) {
    const auto n = rules_bounded(values);
    if (slot != *key && values.size() <= kMaxBands && n > band_rules) band_rules = n, band = slot;
  }
  if (band_rules < kMinBoundedRules) band.reset();
  bucket.key_slot = *key;
  bucket.band_slot = band.value_or(*key);
  std::map<std::int64_t, BoundBand> bands;
  for (std::uint32_t position = 0; position < bucket.rules.size(); ++position) {
    const auto& head = bucket.rules[position].head;
    const auto bound = lower_bound_on(x, head, *key);
    if (bound == kNoBound) {
      bucket.unbounded.push_back(position);
      continue;
    }
    const auto floor = band ? lower_bound_on(x, head, *band) : kNoBound;
    auto& into = bands[floor];
    into.floor = floor;
    into.by_bound.emplace_back(bound, position);
  }
  for (auto& [floor, into] : bands) {
    std::stable_sort(into.by_bound.begin(), into.by_bound.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    bucket.bands.push_back(std::move(into));
  }
}

/// The rule's actions, packed.
void pack_actions(const CompiledPolicy& p, RuleIndex& x, std::uint32_t r) {
  const auto& actions = p.rules[r].actions;
  for (std::size_t i = 0; i < actions.size(); ++i) {
    const auto& action = actions[i];
    PackedAction packed;
    packed.kind = action.kind;
    packed.monetary = action.kind == ActionInfo::Kind::remedy && p.remedies[action.target].monetary;
    packed.dated = action.effective.has_value();
    packed.terms = action.has_terms();
    packed.index = static_cast<std::uint16_t>(i);
    packed.target = action.target;
    packed.rule = r;
    x.packed_actions.push_back(packed);
  }
}

}  // namespace

void index_rules(CompileContext& ctx) {
  auto& p = ctx.out;
  auto index = std::make_shared<RuleIndex>();
  auto& x = *index;
  const auto all = Interval{0, static_cast<std::int32_t>(p.categories.size())};
  constexpr auto most = std::numeric_limits<std::uint16_t>::max();
  x.category_guard.assign(p.rules.size(), all);
  x.rule_heads.assign(p.rules.size(), {});
  x.fact_tests.clear();
  x.packed_actions.clear();
  std::vector<ConditionFacts> conditions(p.rules.size(), ConditionFacts{all, {}, true});
  for (std::uint32_t r = 0; r < p.rules.size(); ++r) {
    const auto& when = p.rules[r].when;
    auto& facts = conditions[r];
    if (when && when->ast) {
      read_conjuncts(p, *when->ast, facts);
    } else if (when) {
      facts.complete = false;
    }
    if (facts.tests.size() + 1 > most) {
      facts.tests.clear();  // absurdly many: leave them to the condition
      facts.complete = false;
    }
    if (const auto& effective = p.rules[r].effective) {
      // A rule out of force is never visited: its dates are a test on the as-of date's slot.
      FactTest in_force;
      in_force.slot = p.as_of_slot;
      in_force.lo = effective->from;
      in_force.hi = effective->until == std::numeric_limits<std::int64_t>::max()
                        ? effective->until
                        : effective->until - 1;
      facts.tests.push_back(in_force);
    }
    x.category_guard[r] = facts.guard;
  }
  // Rules grouped by guard, in evaluation order within a guard: a bucket's rules then have
  // their tests and actions side by side, and walking it reads memory front to back.
  auto layout = p.evaluation_order;
  std::stable_sort(layout.begin(), layout.end(), [&x](std::uint32_t a, std::uint32_t b) {
    return x.category_guard[a] < x.category_guard[b];
  });
  for (const auto r : layout) {
    const auto& rule = p.rules[r];
    const auto& facts = conditions[r];
    auto& head = x.rule_heads[r];
    head.tests_decide = facts.complete ? 1 : 0;
    head.first_test = static_cast<std::uint32_t>(x.fact_tests.size());
    head.tests = static_cast<std::uint16_t>(facts.tests.size());
    x.fact_tests.insert(x.fact_tests.end(), facts.tests.begin(), facts.tests.end());
    head.group = rule.group;
    head.first_hit =
        rule.group >= 0 && p.groups[static_cast<std::size_t>(rule.group)].hit == HitPolicy::first;
    head.first_action = static_cast<std::uint32_t>(x.packed_actions.size());
    head.actions = static_cast<std::uint32_t>(rule.actions.size());
    pack_actions(p, x, r);
  }
  x.fact_tests.shrink_to_fit();
  x.packed_actions.shrink_to_fit();
  p.index = index;  // the buckets below are optional: without them every guard is checked
  if (p.categories.size() * p.rules.size() > kMaxIndexEntries) return;
  x.rules_by_category.assign(p.categories.size(), {});
  for (std::int32_t c = 0; c < all.second; ++c) {
    auto& bucket = x.rules_by_category[static_cast<std::size_t>(c)];
    for (const auto r : p.evaluation_order) {
      const auto& [first, last] = x.category_guard[r];
      if (first <= c && c < last) bucket.rules.push_back({r, x.rule_heads[r]});
    }
    sort_by_bound(x, bucket);
    bucket.rules.shrink_to_fit();
  }
}

}  // namespace redress::detail
