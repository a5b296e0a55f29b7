// The hints of type errors: how to fix an operand, quoting the expression's own text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "error.hpp"
#include "redress/expr/ast.hpp"

namespace redress::expr::detail {

/// True for int and money, the types arithmetic and ordering work on.
bool is_number(const Type& type);

/// "a, b, c".
std::string join(const std::vector<std::string>& items);

/// Builds hints for one expression. Kept apart from the checker so that its recursive frames
/// stay small, and so that the wording lives in one place.
struct Hints {
  std::string_view source;    ///< the expression's text
  std::string_view currency;  ///< the policy's currency code

  /// The source text of `node`.
  [[nodiscard]] std::string_view text_of(const Node& node) const;
  /// "write the amount with its currency, e.g. 500 CNY", quoting an int literal if given.
  [[nodiscard]] std::string currency_hint(const Node* int_side) const;
  /// How to turn a non-bool operand into a condition ("compare it, e.g. intensity > 0").
  [[nodiscard]] std::string bool_hint(const Node& node) const;
  /// How to make two operands of different types comparable.
  [[nodiscard]] std::string mismatch_hint(const Node& a, const Node& b) const;
  /// The error for arithmetic `op` (at `offset`) on operands it does not accept.
  [[nodiscard]] CompileError arithmetic_error(Operator op, std::size_t offset, const Node& left,
                                              const Node& right) const;
};

}  // namespace redress::expr::detail
