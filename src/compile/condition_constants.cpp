#include "redress/compile/condition_constants.hpp"

#include <algorithm>
#include <limits>

#include "compile/rule_index.hpp"
#include "redress/compile/compiler.hpp"
#include "redress/expr/ast.hpp"

namespace redress {
namespace {

using expr::Node;
using expr::NodeKind;

bool is_fact(const Node& node) { return node.kind == NodeKind::fact; }
bool is_literal(const Node& node) { return node.kind == NodeKind::literal; }

void add(std::vector<std::vector<std::int64_t>>& out, std::uint32_t slot, std::int64_t value) {
  if (slot < out.size()) out[slot].push_back(value);
}

/// Every `fact op literal`, `fact in [literals]`, `literal in fact` and `has(fact, literal)`
/// below `node`.
void collect(const Node& node, std::vector<std::vector<std::int64_t>>& out) {
  const auto& c = node.children;
  if (node.kind == NodeKind::binary && c.size() == 2) {
    if (is_fact(c[0]) && is_literal(c[1])) add(out, c[0].slot, c[1].value);
    if (is_literal(c[0]) && is_fact(c[1])) add(out, c[1].slot, c[0].value);
  } else if (node.kind == NodeKind::membership && c.size() == 2) {
    if (is_fact(c[0]) && c[1].kind == NodeKind::list) {
      for (const auto& item : c[1].children) {
        if (is_literal(item)) add(out, c[0].slot, item.value);
      }
    } else if (is_fact(c[0]) && is_literal(c[1])) {
      add(out, c[0].slot, c[1].value);  // `category in core`: the subtree's first node
      if (c[1].value_end > c[1].value) add(out, c[0].slot, c[1].value_end - 1);
    } else if (is_literal(c[0]) && is_fact(c[1])) {
      add(out, c[1].slot, c[0].value);
    }
  } else if (node.kind == NodeKind::call && node.function == expr::Function::has && c.size() == 2 &&
             is_fact(c[0]) && is_literal(c[1])) {
    add(out, c[0].slot, c[1].value);
  }
  for (const auto& child : c) collect(child, out);
}

}  // namespace

std::vector<std::vector<std::int64_t>> condition_constants(const CompiledPolicy& policy) {
  std::vector<std::vector<std::int64_t>> out(policy.facts.size());
  for (const auto& rule : policy.rules) {
    if (!rule.when) continue;
    auto tree = rule.when->ast;
    if (!tree) {
      // The compiler drops the trees; the text compiled before, so it compiles again.
      Diagnostics ignored;
      const auto program =
          compile_expression(policy, rule.when_text, expr::Type::boolean(), ignored);
      if (program) tree = program->ast;
    }
    if (tree) collect(*tree, out);
  }
  if (policy.index) {
    constexpr auto lowest = std::numeric_limits<std::int64_t>::min();
    constexpr auto highest = std::numeric_limits<std::int64_t>::max();
    for (const auto& test : policy.index->fact_tests) {
      if (test.kind != detail::FactTest::Kind::range) continue;
      if (test.lo != lowest) add(out, test.slot, test.lo);
      if (test.hi != highest) add(out, test.slot, test.hi);
    }
  }
  for (auto& values : out) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
  }
  return out;
}

}  // namespace redress
