// The virtual machine: one switch over a flat instruction vector with a fixed local stack.
// The success path allocates nothing and touches no strings; only errors build messages.
#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <memory>

#include "bytecode.hpp"
#include "error.hpp"

namespace redress::expr {
namespace {

constexpr std::size_t kStackSize = 64;
static_assert(kStackSize == static_cast<std::size_t>(detail::kMaxDepth));

[[noreturn]] void fail(std::string_view message) { throw EvaluationError(std::string(message)); }

bool in_mask_range(std::int64_t bit) { return bit >= 0 && bit < 64; }

}  // namespace

void set_instructions(Program& program, const std::vector<Instr>& code) {
  std::shared_ptr<Instr[]> copy(new Instr[code.size()]);
  std::copy(code.begin(), code.end(), copy.get());
  program.code = std::move(copy);
  program.code_size = static_cast<std::uint32_t>(code.size());
}

std::optional<std::int64_t> Program::constant() const {
  const auto program = instructions(*this);
  if (reads.empty() && program.size() == 1 && program.front().op == Op::push) {
    return program.front().arg;
  }
  return std::nullopt;
}

std::int64_t evaluate(const Program& program, std::span<const std::int64_t> slots) {
  std::int64_t stack[kStackSize];
  std::size_t sp = 0;  // number of values on the stack
  const Instr* const code = program.code.get();
  const std::size_t size = program.code_size;
  for (std::size_t pc = 0; pc < size;) {
    const Instr instr = code[pc++];
    // `a` is the value below the top, `b` the top, for the operators that pop two.
    switch (instr.op) {
      case Op::push:
        if (sp == kStackSize) fail("expression stack overflow");
        stack[sp++] = instr.arg;
        break;
      case Op::load:
        if (sp == kStackSize) fail("expression stack overflow");
        if (static_cast<std::uint64_t>(instr.arg) >= slots.size()) {
          throw EvaluationError(
              fmt::format("fact slot {} is out of range ({} slots)", instr.arg, slots.size()));
        }
        stack[sp++] = slots[static_cast<std::size_t>(instr.arg)];
        break;
      case Op::add: {
        --sp;
        if (__builtin_add_overflow(stack[sp - 1], stack[sp], &stack[sp - 1])) {
          fail("integer overflow in addition");
        }
        break;
      }
      case Op::sub:
        --sp;
        if (__builtin_sub_overflow(stack[sp - 1], stack[sp], &stack[sp - 1])) {
          fail("integer overflow in subtraction");
        }
        break;
      case Op::mul:
        --sp;
        if (__builtin_mul_overflow(stack[sp - 1], stack[sp], &stack[sp - 1])) {
          fail("integer overflow in multiplication");
        }
        break;
      case Op::div: {
        const std::int64_t b = stack[--sp];
        std::int64_t& a = stack[sp - 1];
        if (b == 0) fail(detail::kDivisionByZero);
        if (b == -1 && a == std::numeric_limits<std::int64_t>::min()) {
          fail("integer overflow in division");
        }
        a /= b;  // C++ truncates toward zero
        break;
      }
      case Op::mod: {
        const std::int64_t b = stack[--sp];
        std::int64_t& a = stack[sp - 1];
        if (b == 0) fail(detail::kModuloByZero);
        // INT64_MIN % -1 is 0 mathematically but traps on x86.
        a = b == -1 ? 0 : a % b;
        break;
      }
      case Op::neg: {
        std::int64_t& a = stack[sp - 1];
        if (a == std::numeric_limits<std::int64_t>::min()) fail("integer overflow in negation");
        a = -a;
        break;
      }
      case Op::min:
        --sp;
        if (stack[sp] < stack[sp - 1]) stack[sp - 1] = stack[sp];
        break;
      case Op::max:
        --sp;
        if (stack[sp] > stack[sp - 1]) stack[sp - 1] = stack[sp];
        break;
      case Op::eq:
        --sp;
        stack[sp - 1] = stack[sp - 1] == stack[sp];
        break;
      case Op::ne:
        --sp;
        stack[sp - 1] = stack[sp - 1] != stack[sp];
        break;
      case Op::lt:
        --sp;
        stack[sp - 1] = stack[sp - 1] < stack[sp];
        break;
      case Op::le:
        --sp;
        stack[sp - 1] = stack[sp - 1] <= stack[sp];
        break;
      case Op::gt:
        --sp;
        stack[sp - 1] = stack[sp - 1] > stack[sp];
        break;
      case Op::ge:
        --sp;
        stack[sp - 1] = stack[sp - 1] >= stack[sp];
        break;
      case Op::logical_not:
        stack[sp - 1] = stack[sp - 1] == 0;
        break;
      case Op::jump_if_false_keep:
        if (stack[sp - 1] == 0) {
          pc = static_cast<std::size_t>(instr.arg);
        } else {
          --sp;
        }
        break;
      case Op::jump_if_true_keep:
        if (stack[sp - 1] != 0) {
          pc = static_cast<std::size_t>(instr.arg);
        } else {
          --sp;
        }
        break;
      case Op::in_mask: {
        const std::int64_t v = stack[sp - 1];
        stack[sp - 1] =
            in_mask_range(v)
                ? static_cast<std::int64_t>((static_cast<std::uint64_t>(instr.arg) >> v) & 1U)
                : 0;
        break;
      }
      case Op::set_has: {
        const auto set = static_cast<std::uint64_t>(stack[--sp]);
        const std::int64_t v = stack[sp - 1];
        stack[sp - 1] = in_mask_range(v) ? static_cast<std::int64_t>((set >> v) & 1U) : 0;
        break;
      }
      case Op::set_and_mask:
        stack[sp - 1] = (stack[sp - 1] & instr.arg) != 0;
        break;
      case Op::popcount:
        stack[sp - 1] = __builtin_popcountll(static_cast<std::uint64_t>(stack[sp - 1]));
        break;
      case Op::in_range: {
        const auto range = static_cast<std::uint64_t>(instr.arg);
        const auto lo = static_cast<std::int64_t>(range >> 32);
        const auto hi = static_cast<std::int64_t>(range & 0xffffffffU);
        stack[sp - 1] = lo <= stack[sp - 1] && stack[sp - 1] < hi;
        break;
      }
      default:
        fail("unknown instruction");
    }
  }
  if (sp != 1) fail("malformed program: it must leave exactly one value");
  return stack[0];
}

}  // namespace redress::expr
