// A compiled expression: a flat stack program over int64 fact slots. Evaluating it does no
// string work, no hashing and no allocation.
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

/// A stack machine instruction. Values are int64; booleans are 0 and 1.
enum class Op : std::uint8_t {
  push,  ///< push arg
  load,  ///< push slots[arg]
  add,
  sub,
  mul,
  div,
  mod,
  neg,  ///< checked int64 arithmetic; div/mod truncate toward zero
  min,
  max,  ///< pop 2, push 1
  eq,
  ne,
  lt,
  le,
  gt,
  ge,                  ///< pop 2, push 0/1
  logical_not,         ///< pop 1, push !v
  jump_if_false_keep,  ///< if top == 0: jump to arg, keeping the 0; else pop (for `and`)
  jump_if_true_keep,   ///< if top != 0: jump to arg, keeping the 1; else pop (for `or`)
  in_mask,             ///< pop v, push ((arg >> v) & 1): enum value in a constant set of values
  set_has,             ///< pop set, pop v, push ((set >> v) & 1)
  set_and_mask,        ///< pop set, push (set & arg) != 0
  popcount,            ///< pop set, push number of bits
  in_range,            ///< pop v, push lo <= v < hi with lo = arg >> 32, hi = arg & 0xffffffff
};

/// One instruction.
struct Instr {
  Op op;                 ///< what to do
  std::int64_t arg = 0;  ///< operand: constant, slot, jump target or mask (see Op)
};

struct Node;  // the checked syntax tree (expr/ast.hpp), kept for analysis by later stages

/// An immutable compiled expression. Cheap to copy (the tree is shared).
struct Program {
  std::vector<Instr> code;           ///< run from index 0 to the end
  Type type;                         ///< the type of the result
  std::vector<std::uint32_t> reads;  ///< fact slots the expression reads, sorted, unique
  std::uint32_t max_stack = 0;       ///< the deepest stack the code needs (at most 64)
  std::shared_ptr<const Node> ast;   ///< the checked tree; set by compile()

  /// The value when the expression reads no fact (folded at compile time), else nullopt.
  [[nodiscard]] std::optional<std::int64_t> constant() const;
};

/// Runs `program` over the fact slots (indexed by slot) and returns the result. Allocates
/// nothing on success; re-entrant. Throws EvaluationError on overflow or division by zero.
std::int64_t evaluate(const Program& program, std::span<const std::int64_t> slots);

}  // namespace redress::expr
