// What no rule handles: a branch of the taxonomy no condition mentions
// (lint.unhandled_category), a justice dimension no recommendable remedy covers
// (lint.uncoverable_deficit).
#include <fmt/format.h>

#include <algorithm>

#include "lint/analysis.hpp"
#include "redress/expr/ast.hpp"

namespace redress::linting {
namespace {

/// The subtrees ([begin, end) in pre-order) of the categories conditions name.
void collect_categories(const expr::Node& node, std::vector<Interval>& out) {
  if (node.kind == expr::NodeKind::literal && node.type.kind == expr::TypeKind::category) {
    out.push_back({node.value, node.value_end});
  }
  for (const auto& child : node.children) collect_categories(child, out);
}

/// Subtrees of a pre-order tree nest or are apart: a category is handled when a mentioned one
/// is the category itself, above it or below it, that is when their subtrees overlap.
bool handled(const CategoryNode& node, std::int64_t index, const std::vector<Interval>& named) {
  return std::any_of(named.begin(), named.end(),
                     [&](const Interval& m) { return m.lo < node.end && index < m.hi; });
}

SourceLocation category_location(const CompiledPolicy& policy, const CategoryNode& node) {
  // Categories of the standard taxonomy are declared in a built-in file the user cannot open.
  if (node.location.known() && node.location.file == policy.file) return node.location;
  if (policy.taxonomy_location.known()) return policy.taxonomy_location;
  return policy.location;
}

void check_categories(const Analysis& analysis) {
  const auto& policy = analysis.policy;
  std::vector<Interval> named;
  for (const auto& tree : analysis.conditions) {
    if (tree) collect_categories(*tree, named);
  }
  const auto& nodes = policy.categories;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const auto& node = nodes[i];
    const auto index = static_cast<std::int64_t>(i);
    const bool family = node.parent < 0;
    const bool branch = node.end > index + 1;
    if ((!family && !branch) || handled(node, index, named)) continue;
    // Report only the top-most unhandled category: below it, nothing is handled either.
    if (!family && !handled(nodes[static_cast<std::size_t>(node.parent)], node.parent, named)) {
      continue;
    }
    analysis.report(
        "lint.unhandled_category", Severity::info, category_location(policy, node),
        fmt::format("no rule handles category '{}' or anything under it: no condition names "
                    "it, a category above it or one below it",
                    node.id),
        fmt::format("its incidents get only the rules that ignore the category; add a rule "
                    "with 'when: category in {}' if they need their own handling",
                    node.id));
  }
}

bool covers(const RemedyInfo& remedy, Justice dimension) {
  return std::find(remedy.covers.begin(), remedy.covers.end(), dimension) != remedy.covers.end();
}

/// Some rule that can fire recommends a remedy covering `dimension` (with an amount that can
/// be positive: a monetary remedy worth nothing is not offered).
bool recommendable(const Analysis& analysis, Justice dimension) {
  const auto& policy = analysis.policy;
  for (std::uint32_t r = 0; r < policy.rules.size(); ++r) {
    if (!analysis.can_fire(r)) continue;
    const auto& actions = policy.rules[r].actions;
    for (std::size_t a = 0; a < actions.size(); ++a) {
      if (actions[a].kind != ActionInfo::Kind::remedy) continue;
      const auto& remedy = policy.remedies[actions[a].target];
      if (!covers(remedy, dimension)) continue;
      if (!remedy.monetary || analysis.action_range(r, a).hi > 0) return true;
    }
  }
  return false;
}

void check_deficits(const Analysis& analysis) {
  const auto& policy = analysis.policy;
  for (const auto dimension : {Justice::outcome, Justice::procedural, Justice::interactional}) {
    if (recommendable(analysis, dimension)) continue;
    const auto name = to_string(dimension);
    const auto declared = std::find_if(policy.remedies.begin(), policy.remedies.end(),
                                       [&](const RemedyInfo& r) { return covers(r, dimension); });
    analysis.report(
        "lint.uncoverable_deficit", Severity::warning,
        declared != policy.remedies.end() ? declared->location : policy.location,
        fmt::format("no remedy that a rule can recommend covers the '{}' deficit: a customer "
                    "who names it always leaves it uncovered",
                    name),
        declared != policy.remedies.end()
            ? fmt::format("remedy '{}' covers it: recommend it in a rule that can fire",
                          declared->id)
            : fmt::format("declare a remedy with 'covers: [{}]' and recommend it in a rule", name));
  }
}

}  // namespace

void check_coverage(const Analysis& analysis) {
  check_categories(analysis);
  check_deficits(analysis);
}

}  // namespace redress::linting
