// The bytecode of a Program: private to the expression layer, so that the instruction set can
// change without changing the public API.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "redress/expr/program.hpp"

namespace redress::expr {

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

  friend bool operator==(const Instr&, const Instr&) = default;
};

/// The instructions of `program`.
inline std::span<const Instr> instructions(const Program& program) {
  return {program.code.get(), program.code_size};
}

/// Stores `code` as the program's bytecode, exactly sized (a policy holds thousands of them).
void set_instructions(Program& program, const std::vector<Instr>& code);

}  // namespace redress::expr
