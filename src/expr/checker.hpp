// Name resolution and type checking: turns the parse tree into the checked tree (ast.hpp).
#pragma once

#include <optional>
#include <string_view>

#include "redress/expr/ast.hpp"
#include "redress/expr/compiler.hpp"
#include "syntax.hpp"

namespace redress::expr::detail {

/// Resolves every name of `root` against `schema` and types every node. `source` is the text
/// `root` was parsed from (hints quote parts of it). Throws CompileError (expr.type,
/// expr.unknown_name, expr.currency) on the first error.
Node check(const Syntax& root, std::string_view source, Schema& schema,
           const std::optional<Type>& expected);

}  // namespace redress::expr::detail
