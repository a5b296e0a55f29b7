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

#include "compile/builtin_facts.hpp"
#include "compile/context.hpp"
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
  return node.kind == NodeKind::fact && node.slot == slot(Builtin::category);
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
  Interval hull{INT32_MAX, INT32_MIN};
  for (const auto& item : node.children) {
    const auto one = categories_named(item, subtree);
    if (!one) return std::nullopt;
    hull = {std::min(hull.first, one->first.first), std::max(hull.second, one->first.second)};
  }
  return std::pair{hull, node.children.size() == 1};
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
  switch (node.type.kind) {
    case TypeKind::boolean:
    case TypeKind::integer:
    case TypeKind::money:
    case TypeKind::enumeration:
      return true;
    default:
      return false;
  }
}

bool is_literal(const Node& node) { return node.kind == NodeKind::literal; }

Operator mirrored(Operator op) {
  switch (op) {
    case Operator::lt:
      return Operator::gt;
    case Operator::le:
      return Operator::ge;
    case Operator::gt:
      return Operator::lt;
    case Operator::ge:
      return Operator::le;
    default:
      return op;
  }
}

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
  if (node.kind == NodeKind::binary) {
    const auto& a = node.children[0];
    const auto& b = node.children[1];
    if (is_stable_fact(p, a) && is_literal(b)) return range_test(a.slot, node.op, b.value);
    if (is_literal(a) && is_stable_fact(p, b))
      return range_test(b.slot, mirrored(node.op), a.value);
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

/// The fact most of a bucket's rules bound from below, if enough do, sorts the bucket.
void sort_by_bound(const CompiledPolicy& p, CategoryBucket& bucket) {
  std::map<std::uint32_t, std::size_t> bounded;  // slot -> rules with a lower bound on it
  for (const auto& entry : bucket.rules) {
    for (auto t = entry.head.first_test; t < entry.head.first_test + entry.head.tests; ++t) {
      const auto& test = p.fact_tests[t];
      if (test.kind == FactTest::Kind::range &&
          test.lo != std::numeric_limits<std::int64_t>::min()) {
        ++bounded[test.slot];
      }
    }
  }
  const auto best =
      std::max_element(bounded.begin(), bounded.end(),
                       [](const auto& a, const auto& b) { return a.second < b.second; });
  if (best == bounded.end() || best->second < kMinBoundedRules) return;
  bucket.key_slot = best->first;
  for (std::uint32_t position = 0; position < bucket.rules.size(); ++position) {
    const auto& entry = bucket.rules[position];
    auto bound = std::numeric_limits<std::int64_t>::min();
    for (auto t = entry.head.first_test; t < entry.head.first_test + entry.head.tests; ++t) {
      const auto& test = p.fact_tests[t];
      if (test.kind == FactTest::Kind::range && test.slot == bucket.key_slot) {
        bound = std::max(bound, test.lo);
      }
    }
    if (bound == std::numeric_limits<std::int64_t>::min()) {
      bucket.unbounded.push_back(position);
    } else {
      bucket.by_bound.emplace_back(bound, position);
    }
  }
  std::stable_sort(bucket.by_bound.begin(), bucket.by_bound.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
}

/// The rule's actions, packed.
void pack_actions(CompiledPolicy& p, std::uint32_t r) {
  const auto& actions = p.rules[r].actions;
  for (std::size_t i = 0; i < actions.size(); ++i) {
    const auto& action = actions[i];
    PackedAction packed;
    packed.kind = action.kind;
    packed.monetary = action.kind == ActionInfo::Kind::remedy && p.remedies[action.target].monetary;
    packed.index = static_cast<std::uint16_t>(i);
    packed.target = action.target;
    packed.rule = r;
    p.packed_actions.push_back(packed);
  }
}

}  // namespace

void index_rules(CompileContext& ctx) {
  auto& p = ctx.out;
  const auto all = Interval{0, static_cast<std::int32_t>(p.categories.size())};
  constexpr auto most = std::numeric_limits<std::uint16_t>::max();
  p.category_guard.assign(p.rules.size(), all);
  p.rule_heads.assign(p.rules.size(), {});
  p.fact_tests.clear();
  p.packed_actions.clear();
  // In evaluation order, so that walking the rules reads tests and actions front to back.
  for (const auto r : p.evaluation_order) {
    const auto& rule = p.rules[r];
    ConditionFacts facts{all, {}, true};
    if (rule.when && rule.when->ast) {
      read_conjuncts(p, *rule.when->ast, facts);
    } else if (rule.when) {
      facts.complete = false;
    }
    if (facts.tests.size() > most) {
      facts.tests.clear();  // absurdly many: leave them to the condition
      facts.complete = false;
    }
    p.category_guard[r] = facts.guard;
    auto& head = p.rule_heads[r];
    head.tests_decide = facts.complete ? 1 : 0;
    head.first_test = static_cast<std::uint32_t>(p.fact_tests.size());
    head.tests = static_cast<std::uint16_t>(facts.tests.size());
    p.fact_tests.insert(p.fact_tests.end(), facts.tests.begin(), facts.tests.end());
    head.group = rule.group;
    head.first_hit =
        rule.group >= 0 && p.groups[static_cast<std::size_t>(rule.group)].hit == HitPolicy::first;
    head.first_action = static_cast<std::uint32_t>(p.packed_actions.size());
    head.actions = static_cast<std::uint32_t>(rule.actions.size());
    pack_actions(p, r);
  }
  p.fact_tests.shrink_to_fit();
  p.packed_actions.shrink_to_fit();
  if (p.categories.size() * p.rules.size() > kMaxIndexEntries) return;
  p.rules_by_category.assign(p.categories.size(), {});
  for (std::int32_t c = 0; c < all.second; ++c) {
    auto& bucket = p.rules_by_category[static_cast<std::size_t>(c)];
    for (const auto r : p.evaluation_order) {
      const auto& [first, last] = p.category_guard[r];
      if (first <= c && c < last) bucket.rules.push_back({r, p.rule_heads[r]});
    }
    sort_by_bound(p, bucket);
    bucket.rules.shrink_to_fit();
  }
}

}  // namespace redress::detail
