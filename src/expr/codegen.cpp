#include "codegen.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

#include "error.hpp"

namespace redress::expr::detail {
namespace {

Op binary_op(Operator op) {
  switch (op) {
    case Operator::add:
      return Op::add;
    case Operator::sub:
      return Op::sub;
    case Operator::mul:
      return Op::mul;
    case Operator::div:
      return Op::div;
    case Operator::mod:
      return Op::mod;
    case Operator::eq:
      return Op::eq;
    case Operator::ne:
      return Op::ne;
    case Operator::lt:
      return Op::lt;
    case Operator::le:
      return Op::le;
    case Operator::gt:
      return Op::gt;
    case Operator::ge:
      return Op::ge;
    default:
      throw std::logic_error("expr: not a binary arithmetic or comparison operator");
  }
}

/// in_range's argument: the interval [begin, end) packed as begin << 32 | end.
std::int64_t pack_range(const Node& category) {
  constexpr std::int64_t kLimit = std::numeric_limits<std::uint32_t>::max();
  if (category.value < 0 || category.value > category.value_end || category.value_end > kLimit) {
    throw std::out_of_range(fmt::format("expr: category '{}' has an invalid interval [{}, {})",
                                        category.text, category.value, category.value_end));
  }
  return static_cast<std::int64_t>((static_cast<std::uint64_t>(category.value) << 32) |
                                   static_cast<std::uint64_t>(category.value_end));
}

bool fits_mask(std::int64_t index) { return index >= 0 && index < 64; }

void check_stack(const std::vector<Instr>& code, const Node& root) {
  if (stack_need(code) > static_cast<std::uint32_t>(kMaxDepth)) {
    throw CompileError{"expr.too_deep", root.offset,
                       fmt::format("expression needs more than {} stack slots", kMaxDepth),
                       "simplify it, or move part of it into a derived fact set by an earlier "
                       "rule"};
  }
}

class Generator {
 public:
  void emit(const Node& node) {
    if (node.kind != NodeKind::literal && !node.reads_facts()) {
      fold(node);
    } else {
      emit_unfolded(node);
    }
  }

  std::vector<Instr>& code() { return code_; }
  std::vector<std::uint32_t>& reads() { return reads_; }

 private:
  void push(Op op, std::int64_t arg = 0) { code_.push_back({op, arg}); }

  /// Emits a jump whose target is patched later; returns its index.
  std::size_t jump(Op op) {
    push(op, -1);
    return code_.size() - 1;
  }
  void land(const std::vector<std::size_t>& jumps) {
    for (const auto at : jumps) code_[at].arg = static_cast<std::int64_t>(code_.size());
  }

  /// Evaluates a fact-free subtree now. Its own constant subtrees are folded first, so an
  /// overflow is reported at the smallest subtree that overflows.
  void fold(const Node& node) {
    Generator inner;
    inner.emit_unfolded(node);
    check_stack(inner.code_, node);
    Program program;
    set_instructions(program, inner.code_);
    program.max_stack = stack_need(inner.code_);
    try {
      push(Op::push, evaluate(program, {}));
    } catch (const EvaluationError& error) {
      const std::string_view what = error.what();
      const bool by_zero = what == kDivisionByZero || what == kModuloByZero;
      throw CompileError{
          "expr.type", node.offset,
          by_zero ? "constant expression divides by zero" : "constant expression overflows",
          by_zero ? "the divisor is always 0; fix the expression"
                  : fmt::format("{}: values must lie within -9223372036854775808"
                                "..9223372036854775807 (money in minor units)",
                                what)};
    }
  }

  void emit_unfolded(const Node& node) {
    switch (node.kind) {
      case NodeKind::literal:
        push(Op::push, node.value);
        return;
      case NodeKind::fact:
        push(Op::load, node.slot);
        reads_.push_back(node.slot);
        return;
      case NodeKind::unary:
        emit(node.children[0]);
        push(node.op == Operator::neg ? Op::neg : Op::logical_not);
        return;
      case NodeKind::binary:
        if (emit_any_value(node)) return;
        if (node.op == Operator::logical_and || node.op == Operator::logical_or) {
          emit(node.children[0]);
          const auto at = jump(node.op == Operator::logical_and ? Op::jump_if_false_keep
                                                                : Op::jump_if_true_keep);
          emit(node.children[1]);
          land({at});
          return;
        }
        emit(node.children[0]);
        emit(node.children[1]);
        push(binary_op(node.op));
        return;
      case NodeKind::membership:
        if (emit_any_value(node)) return;
        emit_membership(node.children[0], node.children[1]);
        if (node.op == Operator::not_in) push(Op::logical_not);
        return;
      case NodeKind::call:
        emit_call(node);
        return;
      case NodeKind::list:
        break;
    }
    throw std::logic_error("expr: a list outside a membership test");
  }

  /// A comparison or membership test of a fact of several values (Node::values): the test of
  /// each value in turn, leaving at the first that holds; `!=` and `not in` negate `==` and
  /// `in`. False when the node tests no such fact (the caller emits it as usual).
  bool emit_any_value(const Node& node) {
    const auto several = [](const Node& n) { return n.kind == NodeKind::fact && n.values > 1; };
    const bool comparison = node.kind == NodeKind::binary && node.op != Operator::logical_and &&
                            node.op != Operator::logical_or;
    if (!comparison && node.kind != NodeKind::membership) return false;
    const std::size_t side = several(node.children[0]) ? 0 : 1;
    if (!several(node.children[side]) || (side == 1 && node.kind == NodeKind::membership)) {
      return false;
    }
    Node one = node;
    const bool negated = node.op == Operator::ne || node.op == Operator::not_in;
    if (node.op == Operator::ne) one.op = Operator::eq;
    if (node.op == Operator::not_in) one.op = Operator::in;
    const Node& fact = node.children[side];
    std::vector<std::size_t> exits;
    for (std::uint32_t k = 0; k < fact.values; ++k) {
      one.children[side].slot = fact.slot + k;
      one.children[side].values = 1;
      emit_unfolded(one);  // the other side may be a fact of several values too
      if (k + 1 < fact.values) exits.push_back(jump(Op::jump_if_true_keep));
    }
    land(exits);
    if (negated) push(Op::logical_not);
    return true;
  }

  void emit_set_has(const Node& set, const Node& value) {
    if (value.kind == NodeKind::literal && fits_mask(value.value)) {
      emit(set);
      push(Op::set_and_mask, static_cast<std::int64_t>(std::uint64_t{1} << value.value));
    } else {
      emit(value);
      emit(set);
      push(Op::set_has);
    }
  }

  void emit_membership(const Node& value, const Node& container) {
    if (container.kind != NodeKind::list) {
      if (container.type.kind == TypeKind::set) {
        emit_set_has(container, value);
      } else {  // a category literal: its whole subtree
        emit(value);
        push(Op::in_range, pack_range(container));
      }
      return;
    }
    const auto& items = container.children;
    if (value.type.kind == TypeKind::enumeration &&
        std::all_of(items.begin(), items.end(), [](const Node& item) {
          return item.kind == NodeKind::literal && fits_mask(item.value);
        })) {
      std::uint64_t mask = 0;
      for (const auto& item : items) mask |= std::uint64_t{1} << item.value;
      emit(value);
      push(Op::in_mask, static_cast<std::int64_t>(mask));
      return;
    }
    // One test per item, leaving at the first that holds (the value is pure, so re-reading
    // it is cheaper than any stack juggling).
    std::vector<std::size_t> exits;
    for (std::size_t i = 0; i < items.size(); ++i) {
      emit(value);
      if (value.type.kind == TypeKind::category) {
        push(Op::in_range, pack_range(items[i]));
      } else {
        emit(items[i]);
        push(Op::eq);
      }
      if (i + 1 < items.size()) exits.push_back(jump(Op::jump_if_true_keep));
    }
    land(exits);
  }

  void emit_call(const Node& node) {
    const auto& args = node.children;
    switch (node.function) {
      case Function::min:
      case Function::max:
        emit(args[0]);
        for (std::size_t i = 1; i < args.size(); ++i) {
          emit(args[i]);
          push(node.function == Function::min ? Op::min : Op::max);
        }
        return;
      case Function::count:
        emit(args[0]);
        push(Op::popcount);
        return;
      case Function::empty:
        emit(args[0]);
        push(Op::push, 0);
        push(Op::eq);
        return;
      case Function::has:
        emit_set_has(args[0], args[1]);
        return;
      case Function::none:
        break;
    }
    throw std::logic_error("expr: a call without a function");
  }

  std::vector<Instr> code_;
  std::vector<std::uint32_t> reads_;  ///< with repeats, in emission order
};

}  // namespace

std::uint32_t stack_need(const std::vector<Instr>& code) {
  std::int64_t depth = 0;
  std::int64_t most = 0;
  for (const auto& instr : code) {
    switch (instr.op) {
      case Op::push:
      case Op::load:
        ++depth;
        break;
      case Op::neg:
      case Op::logical_not:
      case Op::in_mask:
      case Op::set_and_mask:
      case Op::popcount:
      case Op::in_range:
        break;
      default:  // binary operators pop two and push one; the keep-jumps pop when they fall
                // through, and keep at their target the depth the fall-through path reaches
        --depth;
        break;
    }
    most = std::max(most, depth);
  }
  return static_cast<std::uint32_t>(most);
}

Program generate(const Node& root) {
  Generator generator;
  generator.emit(root);
  check_stack(generator.code(), root);
  Program program;
  set_instructions(program, generator.code());
  program.max_stack = stack_need(generator.code());
  auto& reads = generator.reads();
  std::sort(reads.begin(), reads.end());
  reads.erase(std::unique(reads.begin(), reads.end()), reads.end());
  program.reads = std::move(reads);
  return program;
}

}  // namespace redress::expr::detail
