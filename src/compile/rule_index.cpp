// The rule index: which rules can fire for which category. A condition of the form
// `category in X and ...` (or `category == X and ...`) cannot hold for an incident outside X's
// subtree, so deciding skips such rules without evaluating them.
#include <algorithm>

#include "compile/builtin_facts.hpp"
#include "compile/context.hpp"
#include "redress/expr/ast.hpp"

namespace redress::detail {
namespace {

using Interval = std::pair<std::int32_t, std::int32_t>;

// A table of categories x rules beyond this many entries is not worth its memory.
constexpr std::size_t kMaxIndexEntries = std::size_t{1} << 22;

bool is_category_fact(const expr::Node& node) {
  return node.kind == expr::NodeKind::fact && node.slot == slot(Builtin::category);
}

bool is_category_literal(const expr::Node& node) {
  return node.kind == expr::NodeKind::literal && node.type.kind == expr::TypeKind::category;
}

/// The categories a literal (or a list of them) names: the smallest interval holding them all.
std::optional<Interval> categories_named(const expr::Node& node, bool subtree) {
  if (is_category_literal(node)) {
    const auto end = subtree ? node.value_end : node.value + 1;
    return Interval{static_cast<std::int32_t>(node.value), static_cast<std::int32_t>(end)};
  }
  if (node.kind != expr::NodeKind::list || node.children.empty()) return std::nullopt;
  Interval hull{INT32_MAX, INT32_MIN};
  for (const auto& item : node.children) {
    const auto one = categories_named(item, subtree);
    if (!one) return std::nullopt;
    hull = {std::min(hull.first, one->first), std::max(hull.second, one->second)};
  }
  return hull;
}

/// Sound: the condition can only hold for categories inside the returned interval.
std::optional<Interval> guard_of(const expr::Node& node) {
  using expr::NodeKind;
  using expr::Operator;
  if (node.kind == NodeKind::binary && node.op == Operator::logical_and) {
    const auto left = guard_of(node.children[0]);
    const auto right = guard_of(node.children[1]);
    if (!left) return right;
    if (!right) return left;
    return Interval{std::max(left->first, right->first), std::min(left->second, right->second)};
  }
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

}  // namespace

void index_rules(CompileContext& ctx) {
  auto& p = ctx.out;
  const auto all = Interval{0, static_cast<std::int32_t>(p.categories.size())};
  p.category_guard.assign(p.rules.size(), all);
  for (std::size_t r = 0; r < p.rules.size(); ++r) {
    const auto& when = p.rules[r].when;
    if (!when || !when->ast) continue;
    if (auto guard = guard_of(*when->ast)) {
      // An empty interval (contradictory categories) keeps first >= second: never admitted.
      p.category_guard[r] = *guard;
    }
  }
  if (p.categories.size() * p.rules.size() > kMaxIndexEntries) return;
  p.rules_by_category.assign(p.categories.size(), {});
  for (std::int32_t c = 0; c < all.second; ++c) {
    auto& rules = p.rules_by_category[static_cast<std::size_t>(c)];
    for (const auto r : p.evaluation_order) {
      const auto& [first, last] = p.category_guard[r];
      if (first <= c && c < last) rules.push_back(r);
    }
  }
}

}  // namespace redress::detail
