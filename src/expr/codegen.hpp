// Code generation: the checked tree to a flat stack program, folding constant subtrees.
#pragma once

#include <cstdint>
#include <vector>

#include "bytecode.hpp"
#include "redress/expr/ast.hpp"

namespace redress::expr::detail {

/// Emits the code of `root` into a Program (code, reads, max_stack; not type or ast).
/// Subtrees that read no fact are evaluated now and emitted as one `push`. Throws
/// CompileError: expr.type when a constant overflows or divides by zero, expr.too_deep when
/// the program needs more than kMaxDepth stack slots.
Program generate(const Node& root);

/// The largest number of values `code` has on the stack at once.
std::uint32_t stack_need(const std::vector<Instr>& code);

}  // namespace redress::expr::detail
