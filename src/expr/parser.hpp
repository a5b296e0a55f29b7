// Builds the parse tree of an expression (precedence climbing by recursive descent).
#pragma once

#include <string_view>

#include "syntax.hpp"

namespace redress::expr::detail {

/// Parses `source`. Throws CompileError (expr.syntax, expr.too_deep) on the first error.
/// `currency` (the policy's) is only used in hints.
Syntax parse(std::string_view source, std::string_view currency);

}  // namespace redress::expr::detail
