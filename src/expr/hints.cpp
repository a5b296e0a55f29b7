#include "hints.hpp"

#include <fmt/format.h>

#include <utility>

namespace redress::expr::detail {

bool is_number(const Type& type) {
  return type.kind == TypeKind::integer || type.kind == TypeKind::money;
}

std::string join(const std::vector<std::string>& items) {
  return fmt::format("{}", fmt::join(items, ", "));
}

std::string_view Hints::text_of(const Node& node) const {
  return source.substr(node.begin, node.end - node.begin);
}

std::string Hints::currency_hint(const Node* int_side) const {
  const std::string_view amount =
      int_side != nullptr && int_side->kind == NodeKind::literal ? text_of(*int_side) : "500";
  return fmt::format("write the amount with its currency, e.g. {} {}", amount, currency);
}

std::string Hints::bool_hint(const Node& node) const {
  const auto text = text_of(node);
  switch (node.type.kind) {
    case TypeKind::integer:
      return fmt::format("compare it, e.g. {} > 0", text);
    case TypeKind::money:
      return fmt::format("compare it, e.g. {} > 0 {}", text, currency);
    case TypeKind::enumeration:
      if (node.type.enumeration != nullptr && !node.type.enumeration->values.empty()) {
        return fmt::format("compare it, e.g. {} == {}", text,
                           node.type.enumeration->values.front());
      }
      return "compare it with one of its values";
    case TypeKind::set:
      return fmt::format("test it with has({}, value), or with not empty({})", text, text);
    case TypeKind::category:
      return fmt::format("test it with 'in', e.g. {} in <category id>", text);
    case TypeKind::string:
      return fmt::format("compare it, e.g. {} == \"...\"", text);
    case TypeKind::boolean:
      break;
  }
  return "write a condition";
}

std::string Hints::mismatch_hint(const Node& a, const Node& b) const {
  for (const auto& [x, y] : {std::pair{&a, &b}, std::pair{&b, &a}}) {
    if (x->type.kind == TypeKind::money && y->type.kind == TypeKind::integer) {
      return currency_hint(y);
    }
  }
  for (const Node* side : {&a, &b}) {
    if (side->type.kind == TypeKind::enumeration && side->type.enumeration != nullptr) {
      return fmt::format("compare {} with one of its values: {}", side->type.name(),
                         join(side->type.enumeration->values));
    }
  }
  for (const Node* side : {&a, &b}) {
    if (side->type.kind == TypeKind::category) {
      return "compare a category with a category id, e.g. category in core";
    }
    if (side->type.kind == TypeKind::string) return "compare a string with a \"quoted string\"";
  }
  return "both sides must have the same type";
}

CompileError Hints::arithmetic_error(Operator op, std::size_t offset, const Node& left,
                                     const Node& right) const {
  const auto ln = left.type.name();
  const auto rn = right.type.name();
  const TypeKind r = right.type.kind;
  std::string message;
  std::string hint = "arithmetic works on ints and money";
  switch (op) {
    case Operator::add:
    case Operator::sub:
      message = op == Operator::add ? fmt::format("cannot add {} and {}", ln, rn)
                                    : fmt::format("cannot subtract {} from {}", rn, ln);
      if (is_number(left.type) && is_number(right.type)) hint = mismatch_hint(left, right);
      break;
    case Operator::mul:
      message = fmt::format("cannot multiply {} by {}", ln, rn);
      if (left.type.kind == TypeKind::money && r == TypeKind::money) {
        hint = "multiply an amount by an int, e.g. loss * 2";
      }
      break;
    case Operator::div:
      message = fmt::format("cannot divide {} by {}", ln, rn);
      if (r == TypeKind::money) hint = "divide an amount by an int, e.g. loss / 2";
      break;
    default:  // mod
      message = fmt::format("'%' needs two ints, found {} and {}", ln, rn);
      hint = "'%' is the remainder of an int division";
      break;
  }
  return {"expr.type", offset, std::move(message), std::move(hint)};
}

}  // namespace redress::expr::detail
