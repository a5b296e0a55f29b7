// A compiled expression: a flat stack program over int64 fact slots, its bytecode opaque.
// Evaluating it does no string work, no hashing and no allocation.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <vector>

#include "redress/expr/type.hpp"

namespace redress::expr {

/// Thrown by evaluate() on integer or money overflow and on division by zero (and on a
/// malformed program: a stack overflow or a slot out of range).
class EvaluationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Instr;  // one bytecode instruction, private to the expression layer (src/expr/bytecode.hpp)
struct Node;   // the checked syntax tree (expr/ast.hpp), kept for analysis by later stages

/// An immutable compiled expression. Cheap to copy (the tree is shared).
struct Program {
  std::shared_ptr<const Instr[]> code;  ///< the bytecode, opaque here; run from 0 to code_size
  std::uint32_t code_size = 0;          ///< the number of instructions
  Type type;                            ///< the type of the result
  std::vector<std::uint32_t> reads;     ///< fact slots the expression reads, sorted, unique
  std::uint32_t max_stack = 0;          ///< the deepest stack the code needs (at most 64)
  std::shared_ptr<const Node> ast;      ///< the checked tree; set by compile()

  /// The value when the expression reads no fact (folded at compile time), else nullopt.
  [[nodiscard]] std::optional<std::int64_t> constant() const;
};

/// Runs `program` over the fact slots (indexed by slot) and returns the result. Allocates
/// nothing on success; re-entrant. Throws EvaluationError on overflow or division by zero.
std::int64_t evaluate(const Program& program, std::span<const std::int64_t> slots);

}  // namespace redress::expr
