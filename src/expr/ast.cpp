#include "redress/expr/ast.hpp"

#include <algorithm>

namespace redress::expr {

bool Node::reads_facts() const {
  return kind == NodeKind::fact ||
         std::any_of(children.begin(), children.end(),
                     [](const Node& child) { return child.reads_facts(); });
}

Operator mirrored(Operator op) {
  switch (op) {
    case Operator::lt:
      return Operator::gt;
    case Operator::le:
      return Operator::ge;
    case Operator::gt:
      return Operator::lt;
    case Operator::ge:
      return Operator::le;
    default:
      return op;
  }
}

std::string_view to_string(Operator op) {
  switch (op) {
    case Operator::none:
      return "";
    case Operator::neg:
      return "-";
    case Operator::logical_not:
      return "not";
    case Operator::add:
      return "+";
    case Operator::sub:
      return "-";
    case Operator::mul:
      return "*";
    case Operator::div:
      return "/";
    case Operator::mod:
      return "%";
    case Operator::eq:
      return "==";
    case Operator::ne:
      return "!=";
    case Operator::lt:
      return "<";
    case Operator::le:
      return "<=";
    case Operator::gt:
      return ">";
    case Operator::ge:
      return ">=";
    case Operator::logical_and:
      return "and";
    case Operator::logical_or:
      return "or";
    case Operator::in:
      return "in";
    case Operator::not_in:
      return "not in";
  }
  return "";
}

std::string_view to_string(Function function) {
  switch (function) {
    case Function::none:
      return "";
    case Function::min:
      return "min";
    case Function::max:
      return "max";
    case Function::count:
      return "count";
    case Function::empty:
      return "empty";
    case Function::has:
      return "has";
  }
  return "";
}

}  // namespace redress::expr
