// The checked syntax tree of an expression: every name resolved (to a fact, an enum value or a
// category) and every node typed. Program::ast keeps it so that later stages (a linter, a
// policy explainer) can analyse conditions without re-parsing them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "redress/expr/type.hpp"

namespace redress::expr {

/// What a Node is.
enum class NodeKind : std::uint8_t {
  literal,     ///< a constant: `value` (int, bool, money minor units, string id, enum index,
               ///< or a category's pre-order index with `value_end`)
  fact,        ///< a fact read from `slot`; `text` is its name
  unary,       ///< `op` is neg or logical_not; one child
  binary,      ///< arithmetic, comparison, `and`, `or`; two children
  membership,  ///< `in` / `not in`: child 0 is the value tested, child 1 a list, a set-typed
               ///< fact or a category literal
  list,        ///< the items of `[...]`; only as child 1 of a membership
  call,        ///< a built-in function (`function`); the children are the arguments
};

/// Unary and binary operators, and membership (`in`, `not_in`).
enum class Operator : std::uint8_t {
  none,
  neg,
  logical_not,
  add,
  sub,
  mul,
  div,
  mod,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  logical_and,
  logical_or,
  in,
  not_in,
};

/// The built-in functions.
enum class Function : std::uint8_t { none, min, max, count, empty, has };

/// One node of the checked tree. Children are held by value; the tree is immutable once built.
struct Node {
  NodeKind kind = NodeKind::literal;   ///< what the node is
  Type type;                           ///< the checked type of its value
  Operator op = Operator::none;        ///< for unary, binary and membership
  Function function = Function::none;  ///< for call
  std::int64_t value = 0;              ///< for literal
  std::int64_t value_end = 0;          ///< for a category literal: the end of its subtree
  std::uint32_t slot = 0;              ///< for fact
  /// For fact: the slots of its values, from `slot` (FactRef::values). With more than 1, a
  /// comparison or `in` holds when it holds for any value; `!=` and `not in` when it holds for
  /// none (they are the negations of `==` and `in`).
  std::uint8_t values = 1;
  /// The name as written (fact, enum value, category id, function), the content of a string
  /// literal, or the spelling of another literal.
  std::string text;
  /// The node's own token (a binary node's operator): a 0-based byte offset into the
  /// expression text, as are begin and end.
  std::size_t offset = 0;
  std::size_t begin = 0;       ///< the node's source span is [begin, end)
  std::size_t end = 0;         ///< one past the span's last byte
  std::vector<Node> children;  ///< operands or arguments, left to right

  /// True when this node or a descendant reads a fact; false for a compile-time constant.
  [[nodiscard]] bool reads_facts() const;
};

/// The operator as written: "-", "not", "+", "==", "in", "not in", ...
std::string_view to_string(Operator op);

/// The comparison with its operands swapped: `3 < x` is `x > 3`. Other operators are returned
/// as they are.
Operator mirrored(Operator op);

/// The function's name: "min", "max", "count", "empty", "has".
std::string_view to_string(Function function);

}  // namespace redress::expr
