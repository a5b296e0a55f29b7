// The first error found while compiling an expression. It unwinds the recursive parser, checker
// and code generator straight to compile(), which turns it into a Diagnostic: stopping at the
// first error keeps every rule of the language a single line instead of an error-propagating
// return at every call.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "redress/model/money.hpp"

namespace redress::expr::detail {

/// An error in the expression text; `offset` is where its offending token starts.
struct CompileError {
  std::string code;  ///< expr.syntax, expr.type, expr.unknown_name, expr.currency, expr.too_deep
  std::size_t offset = 0;
  std::string message;
  std::string hint;
};

/// Nesting and stack depth beyond which an expression is refused (see Program::max_stack).
inline constexpr int kMaxDepth = 64;
/// Height beyond which a (flat) chain of operators is refused: checking and code generation
/// recurse over the tree, and this keeps them far from the limits of the C++ stack.
inline constexpr int kMaxHeight = 256;

/// EvaluationError messages that constant folding turns into compile errors.
inline constexpr std::string_view kDivisionByZero = "division by zero";
inline constexpr std::string_view kModuloByZero = "modulo by zero";

/// The currency code for messages; "XXX" (ISO 4217 for "no currency") when there is none.
inline std::string_view currency_code(const Currency& currency) {
  return currency.empty() ? std::string_view("XXX") : currency.code();
}

}  // namespace redress::expr::detail
