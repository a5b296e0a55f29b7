#include "checker.hpp"

#include <fmt/format.h>

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "diag/suggest.hpp"
#include "error.hpp"
#include "hints.hpp"

// The checker recurses over the tree; keeping each case out of line keeps the frames on that
// recursion small (inlined together, with sanitizers, one level took over 10 KB of stack).
#define REDRESS_NOINLINE __attribute__((noinline))

namespace redress::expr::detail {
namespace {

constexpr std::array<std::pair<std::string_view, Function>, 5> kFunctions = {{
    {"min", Function::min},
    {"max", Function::max},
    {"count", Function::count},
    {"empty", Function::empty},
    {"has", Function::has},
}};

bool is_ordering(Operator op) {
  return op == Operator::lt || op == Operator::le || op == Operator::gt || op == Operator::ge;
}

class Checker {
 public:
  Checker(std::string_view source, Schema& schema)
      : schema_(schema), currency_(currency_code(schema.currency())), hints_{source, currency_} {}

  Node run(const Syntax& root, const std::optional<Type>& expected) {
    Node node = check(root, expected ? &*expected : nullptr);
    if (expected && !(node.type == *expected)) {
      if (expected->kind == TypeKind::boolean) {
        fail("expr.type", node.begin,
             fmt::format("condition must be bool, found {}", node.type.name()),
             hints_.bool_hint(node));
      }
      fail("expr.type", node.begin,
           fmt::format("expression must be {}, found {}", expected->name(), node.type.name()),
           expected->kind == TypeKind::money && node.type.kind == TypeKind::integer
               ? hints_.currency_hint(&node)
               : fmt::format("write an expression of type {}", expected->name()));
    }
    return node;
  }

 private:
  [[noreturn]] static void fail(std::string code, std::size_t offset, std::string message,
                                std::string hint) {
    throw CompileError{std::move(code), offset, std::move(message), std::move(hint)};
  }

  static Node make(NodeKind kind, Type type, const Syntax& syntax) {
    Node node;
    node.kind = kind;
    node.type = type;
    node.op = syntax.op;
    node.text = syntax.text;
    node.offset = syntax.offset;
    node.begin = syntax.begin;
    node.end = syntax.end;
    return node;
  }

  /// `want` is the type a bare name should be a value of (an enum, a set's enum, a category),
  /// or null where only facts make sense.
  Node check(const Syntax& syntax, const Type* want) {
    switch (syntax.kind) {
      case SyntaxKind::integer:
        return literal(Type::integer(), syntax);
      case SyntaxKind::boolean:
        return literal(Type::boolean(), syntax);
      case SyntaxKind::money:
        if (!(syntax.currency == schema_.currency())) {
          fail("expr.currency", syntax.offset,
               fmt::format("{} is in {}, but the policy's currency is {}", syntax.text,
                           currency_code(syntax.currency), currency_),
               fmt::format("write amounts in {}, e.g. 500 {}", currency_, currency_));
        }
        return literal(Type::money(), syntax);
      case SyntaxKind::string: {
        Node node = literal(Type::string(), syntax);
        node.value = schema_.intern(syntax.text);
        return node;
      }
      case SyntaxKind::name:
        return resolve_name(syntax, want);
      case SyntaxKind::unary:
        return check_unary(syntax);
      case SyntaxKind::binary:
        return check_binary(syntax);
      case SyntaxKind::call:
        return check_call(syntax);
      case SyntaxKind::list:
        break;  // the parser only builds lists as the right side of `in`
    }
    fail("expr.syntax", syntax.offset, "a list [...] can only follow 'in' or 'not in'",
         "write x in [a, b]");
  }

  static Node literal(Type type, const Syntax& syntax) {
    Node node = make(NodeKind::literal, type, syntax);
    node.value = syntax.value;
    return node;
  }

  REDRESS_NOINLINE Node resolve_name(const Syntax& syntax, const Type* want) {
    const bool enum_wanted = want != nullptr && want->enumeration != nullptr &&
                             (want->kind == TypeKind::enumeration || want->kind == TypeKind::set);
    if (enum_wanted) {
      if (const auto index = want->enumeration->index_of(syntax.text)) {
        Node node = make(NodeKind::literal, Type::enumeration_of(*want->enumeration), syntax);
        node.value = *index;
        return node;
      }
    }
    const bool category_wanted = want != nullptr && want->kind == TypeKind::category;
    if (category_wanted) {
      if (const auto category = schema_.category(syntax.text)) {
        Node node = make(NodeKind::literal, Type::category(), syntax);
        node.value = category->begin;
        node.value_end = category->end;
        return node;
      }
    }
    if (const auto fact = schema_.fact(syntax.text)) {
      Node node = make(NodeKind::fact, fact->type, syntax);
      node.slot = fact->slot;
      node.values = fact->values;
      return node;
    }

    // Unknown: suggest the closest name of the kind expected, then the closest fact.
    const std::vector<std::string> facts = schema_.fact_names();
    std::vector<std::string> categories;
    std::vector<std::string_view> candidates;
    if (enum_wanted) {
      for (const auto& value : want->enumeration->values) candidates.push_back(value);
    }
    if (category_wanted) {
      categories = schema_.category_names();
      for (const auto& id : categories) candidates.push_back(id);
    }
    for (const auto& name : facts) candidates.push_back(name);
    std::string message = fmt::format("unknown name '{}'", syntax.text);
    std::string hint = "no fact has this name: declare it under 'facts:', or check the spelling";
    if (enum_wanted) {
      message =
          fmt::format("'{}' is not a value of {} or a fact", syntax.text, want->enumeration->name);
      hint = fmt::format("the values of {} are {}", want->enumeration->name,
                         join(want->enumeration->values));
    } else if (category_wanted) {
      message = fmt::format("unknown category '{}'", syntax.text);
      hint = "category ids are declared by the taxonomy (taxonomy: base, add)";
    }
    if (const auto suggestion = redress::detail::closest(syntax.text, candidates)) {
      hint = fmt::format("did you mean '{}'?", *suggestion);
    }
    fail("expr.unknown_name", syntax.offset, std::move(message), std::move(hint));
  }

  /// `what` is the operator that needs the bool: "not", "and" or "or".
  REDRESS_NOINLINE void require_bool(const Node& operand, std::string_view what) const {
    if (operand.type.kind != TypeKind::boolean) {
      fail("expr.type", operand.begin,
           fmt::format("'{}' needs a bool, found {}", what, operand.type.name()),
           hints_.bool_hint(operand));
    }
  }

  REDRESS_NOINLINE Node check_unary(const Syntax& syntax) {
    Node operand = check(syntax.children[0], nullptr);
    Node node = make(NodeKind::unary, operand.type, syntax);
    if (syntax.op == Operator::logical_not) {
      require_bool(operand, "not");
    } else if (!is_number(operand.type)) {
      fail("expr.type", syntax.offset, fmt::format("cannot negate {}", operand.type.name()),
           "'-' applies to ints and money");
    }
    node.children.push_back(std::move(operand));
    return node;
  }

  /// Checks both operands of a comparison or `in`. A bare name is checked after the other
  /// side, so that it can be read as a value of the other side's enum (or as a category).
  std::pair<Node, Node> check_pair(const Syntax& syntax, bool right_first_if_both_facts) {
    const Syntax& left = syntax.children[0];
    const Syntax& right = syntax.children[1];
    const bool left_name = left.kind == SyntaxKind::name;
    const bool right_name = right.kind == SyntaxKind::name;
    bool right_first = left_name && !right_name;
    if (left_name && right_name) {
      const bool left_fact = schema_.fact(left.text).has_value();
      const bool right_fact = schema_.fact(right.text).has_value();
      right_first = right_fact && (!left_fact || right_first_if_both_facts);
    }
    if (right_first) {
      Node r = check(right, nullptr);
      Node l = check(left, &r.type);
      return {std::move(l), std::move(r)};
    }
    Node l = check(left, nullptr);
    Node r = check(right, &l.type);
    return {std::move(l), std::move(r)};
  }

  static Node with_children(Node node, Node left, Node right) {
    node.children.push_back(std::move(left));
    node.children.push_back(std::move(right));
    return node;
  }

  REDRESS_NOINLINE Node check_binary(const Syntax& syntax) {
    switch (syntax.op) {
      case Operator::logical_and:
      case Operator::logical_or: {
        const auto what = to_string(syntax.op);
        Node left = check(syntax.children[0], nullptr);
        require_bool(left, what);
        Node right = check(syntax.children[1], nullptr);
        require_bool(right, what);
        return with_children(make(NodeKind::binary, Type::boolean(), syntax), std::move(left),
                             std::move(right));
      }
      case Operator::in:
      case Operator::not_in:
        return check_membership(syntax);
      case Operator::eq:
      case Operator::ne:
      case Operator::lt:
      case Operator::le:
      case Operator::gt:
      case Operator::ge:
        return check_comparison(syntax);
      default:
        return check_arithmetic(syntax);
    }
  }

  REDRESS_NOINLINE Node check_comparison(const Syntax& syntax) {
    auto [left, right] = check_pair(syntax, false);
    const Type& type = left.type;
    if (!(type == right.type)) {
      fail("expr.type", syntax.offset,
           fmt::format("cannot compare {} with {}", type.name(), right.type.name()),
           hints_.mismatch_hint(left, right));
    }
    if (type.kind == TypeKind::set) {
      fail("expr.type", syntax.offset,
           fmt::format("cannot compare sets with '{}'", to_string(syntax.op)),
           "use has(set, value), count(set) or empty(set)");
    }
    if (is_ordering(syntax.op) && !is_number(type) && type.kind != TypeKind::enumeration) {
      fail("expr.type", syntax.offset,
           fmt::format("cannot order {} values with '{}'", type.name(), to_string(syntax.op)),
           type.kind == TypeKind::category
               ? "use 'in' to test whether a category lies under another, e.g. category in core"
               : "'<', '<=', '>' and '>=' compare ints, money and enum values");
    }
    return with_children(make(NodeKind::binary, Type::boolean(), syntax), std::move(left),
                         std::move(right));
  }

  static std::optional<Type> arithmetic_result(Operator op, TypeKind l, TypeKind r) {
    const bool ints = l == TypeKind::integer && r == TypeKind::integer;
    const bool monies = l == TypeKind::money && r == TypeKind::money;
    const bool scaled = (l == TypeKind::money && r == TypeKind::integer);
    switch (op) {
      case Operator::add:
      case Operator::sub:
        if (ints) return Type::integer();
        if (monies) return Type::money();
        break;
      case Operator::mul:
        if (ints) return Type::integer();
        if (scaled || (l == TypeKind::integer && r == TypeKind::money)) return Type::money();
        break;
      case Operator::div:
        if (ints) return Type::integer();
        if (scaled) return Type::money();
        break;
      default:  // mod
        if (ints) return Type::integer();
        break;
    }
    return std::nullopt;
  }

  REDRESS_NOINLINE Node check_arithmetic(const Syntax& syntax) {
    Node node = make(NodeKind::binary, Type::integer(), syntax);
    node.children.reserve(2);
    node.children.push_back(check(syntax.children[0], nullptr));
    node.children.push_back(check(syntax.children[1], nullptr));
    const Node& left = node.children[0];
    const Node& right = node.children[1];
    const auto result = arithmetic_result(syntax.op, left.type.kind, right.type.kind);
    if (!result) throw hints_.arithmetic_error(syntax.op, syntax.offset, left, right);
    node.type = *result;
    return node;
  }

  REDRESS_NOINLINE Node check_membership(const Syntax& syntax) {
    Node node = make(NodeKind::membership, Type::boolean(), syntax);
    const Syntax& right = syntax.children[1];
    if (right.kind == SyntaxKind::list) {
      Node value = check(syntax.children[0], nullptr);
      return with_children(std::move(node), std::move(value), check_list(right, value));
    }
    auto [value, container] = check_pair(syntax, true);
    const Type& type = container.type;
    if (type.kind == TypeKind::set) {
      if (!(value.type == Type::enumeration_of(*type.enumeration))) {
        fail("expr.type", value.begin,
             fmt::format("'{}' needs a value of {} on its left, found {}", to_string(syntax.op),
                         type.enumeration->name, value.type.name()),
             fmt::format("the values of {} are {}", type.enumeration->name,
                         join(type.enumeration->values)));
      }
    } else if (value.type.kind == TypeKind::category) {
      if (container.kind != NodeKind::literal || type.kind != TypeKind::category) {
        fail("expr.type", container.begin,
             fmt::format("'{}' needs a category id on its right, found {}", to_string(syntax.op),
                         container.kind == NodeKind::fact
                             ? fmt::format("the fact '{}'", container.text)
                             : type.name()),
             fmt::format("write a category id, e.g. {} in core", hints_.text_of(value)));
      }
    } else {
      fail("expr.type", container.begin,
           fmt::format("'{}' needs a list, a set or a category on its right, found {}",
                       to_string(syntax.op), type.name()),
           fmt::format("write a list, e.g. {} {} [{}]", hints_.text_of(value), to_string(syntax.op),
                       hints_.text_of(container)));
    }
    return with_children(std::move(node), std::move(value), std::move(container));
  }

  REDRESS_NOINLINE Node check_list(const Syntax& list, const Node& value) {
    const Type& type = value.type;
    if (type.kind == TypeKind::boolean || type.kind == TypeKind::set) {
      fail("expr.type", value.begin, fmt::format("cannot look up a {} in a list", type.name()),
           type.kind == TypeKind::set ? "test each value with has(set, value)"
                                      : "compare it with == instead");
    }
    Node node = make(NodeKind::list, type, list);
    for (const Syntax& syntax : list.children) {
      Node item = check(syntax, &type);
      if (type.kind == TypeKind::category && item.kind != NodeKind::literal) {
        fail("expr.type", item.begin,
             fmt::format("list item must be a category id, found {}",
                         item.kind == NodeKind::fact ? fmt::format("the fact '{}'", item.text)
                                                     : item.type.name()),
             "list category ids, e.g. [core.slow, process]");
      }
      if (!(item.type == type)) {
        fail("expr.type", item.begin,
             fmt::format("list item must be {}, found {}", type.name(), item.type.name()),
             hints_.mismatch_hint(value, item));
      }
      node.children.push_back(std::move(item));
    }
    return node;
  }

  REDRESS_NOINLINE Node check_call(const Syntax& syntax) {
    Function function = Function::none;
    for (const auto& [name, f] : kFunctions) {
      if (name == syntax.text) function = f;
    }
    if (function == Function::none) {
      std::vector<std::string_view> names;
      for (const auto& entry : kFunctions) names.push_back(entry.first);
      const auto suggestion = redress::detail::closest(syntax.text, names);
      fail("expr.unknown_name", syntax.offset, fmt::format("unknown function '{}'", syntax.text),
           suggestion ? fmt::format("did you mean '{}'?", *suggestion)
                      : std::string("the functions are min, max, count, empty and has"));
    }
    const std::size_t arity = syntax.children.size();
    const bool variadic = function == Function::min || function == Function::max;
    const std::size_t wanted = function == Function::has ? 2 : variadic ? 2 : 1;
    if (variadic ? arity < wanted : arity != wanted) {
      fail("expr.type", syntax.offset,
           fmt::format("{}() needs {}{} argument{}, found {}", syntax.text,
                       variadic ? "at least " : "", wanted, wanted == 1 ? "" : "s", arity),
           variadic ? fmt::format("write e.g. {}(loss, 200 {})", syntax.text, currency_)
           : function == Function::has ? std::string("write has(set, value)")
                                       : fmt::format("write {}(set)", syntax.text));
    }
    Node node = make(NodeKind::call, Type::boolean(), syntax);
    node.function = function;
    if (variadic) {
      for (const Syntax& arg : syntax.children) node.children.push_back(check(arg, nullptr));
      const Node& first = node.children.front();
      if (!is_number(first.type)) {
        fail("expr.type", first.begin,
             fmt::format("{}() needs int or money arguments, found {}", syntax.text,
                         first.type.name()),
             "min() and max() take ints or amounts of money");
      }
      for (const Node& arg : node.children) {
        if (!(arg.type == first.type)) {
          fail("expr.type", arg.begin,
               fmt::format("{}() needs all int or all money arguments, found {} and {}",
                           syntax.text, first.type.name(), arg.type.name()),
               hints_.mismatch_hint(first, arg));
        }
      }
      node.type = first.type;
      return node;
    }
    Node set = check(syntax.children[0], nullptr);
    if (set.type.kind != TypeKind::set) {
      fail("expr.type", set.begin,
           fmt::format("{}() needs a set, found {}", syntax.text, set.type.name()),
           "pass a set-typed fact, such as deficits or motives");
    }
    if (function == Function::count) node.type = Type::integer();
    if (function == Function::has) {
      Node value = check(syntax.children[1], &set.type);
      const Type element = Type::enumeration_of(*set.type.enumeration);
      if (!(value.type == element)) {
        fail("expr.type", value.begin,
             fmt::format("has() needs a value of {}, found {}", element.name(), value.type.name()),
             fmt::format("the values of {} are {}", element.name(),
                         join(set.type.enumeration->values)));
      }
      node.children.push_back(std::move(set));
      node.children.push_back(std::move(value));
      return node;
    }
    node.children.push_back(std::move(set));
    return node;
  }

  Schema& schema_;
  std::string currency_;
  Hints hints_;
};

}  // namespace

#undef REDRESS_NOINLINE

Node check(const Syntax& root, std::string_view source, Schema& schema,
           const std::optional<Type>& expected) {
  return Checker(source, schema).run(root, expected);
}

}  // namespace redress::expr::detail
