// The parse tree: what the text says, before names are resolved and types are checked.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "redress/expr/ast.hpp"
#include "redress/model/money.hpp"

namespace redress::expr::detail {

enum class SyntaxKind : std::uint8_t {
  integer,  ///< `value`
  money,    ///< `value` minor units in `currency`
  boolean,  ///< `value` 0 or 1
  string,   ///< `text` is the unescaped content
  name,     ///< `text`: a fact, an enum value or a category, decided by the checker
  list,     ///< `[a, b]`: children
  unary,    ///< `op`, one child
  binary,   ///< `op`, two children (also `in` / `not in`)
  call,     ///< `text` is the function name, children the arguments
};

struct Syntax {
  SyntaxKind kind = SyntaxKind::integer;
  Operator op = Operator::none;
  std::int64_t value = 0;
  Currency currency;
  std::string text;
  std::size_t offset = 0;  ///< the node's own token (a binary node's operator)
  std::size_t begin = 0;   ///< source span [begin, end)
  std::size_t end = 0;
  /// Stack slots this subtree needs (a leaf needs 1; a right operand one more than alone),
  /// bounded by kMaxDepth. Left-leaning chains such as a + b + c do not deepen it.
  int depth = 1;
  int height = 1;  ///< the tree's height, bounded by kMaxHeight to bound recursion
  std::vector<Syntax> children;
};

}  // namespace redress::expr::detail
