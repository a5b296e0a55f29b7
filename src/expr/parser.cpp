#include "parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "error.hpp"
#include "lexer.hpp"

namespace redress::expr::detail {
namespace {

constexpr const char* kOperandHint =
    "an operand is a number, an amount such as 500 CNY, a \"string\", true, false, a name, "
    "a function call or an expression in ( )";
constexpr const char* kTooDeepHint =
    "simplify it, or move part of it into a derived fact set by an earlier rule";

bool is_comparison(TokenKind kind) {
  switch (kind) {
    case TokenKind::eq:
    case TokenKind::ne:
    case TokenKind::lt:
    case TokenKind::le:
    case TokenKind::gt:
    case TokenKind::ge:
    case TokenKind::kw_in:
      return true;
    default:
      return false;
  }
}

Operator binary_operator(TokenKind kind) {
  switch (kind) {
    case TokenKind::plus:
      return Operator::add;
    case TokenKind::minus:
      return Operator::sub;
    case TokenKind::star:
      return Operator::mul;
    case TokenKind::slash:
      return Operator::div;
    case TokenKind::percent:
      return Operator::mod;
    case TokenKind::eq:
      return Operator::eq;
    case TokenKind::ne:
      return Operator::ne;
    case TokenKind::lt:
      return Operator::lt;
    case TokenKind::le:
      return Operator::le;
    case TokenKind::gt:
      return Operator::gt;
    case TokenKind::ge:
      return Operator::ge;
    case TokenKind::kw_and:
      return Operator::logical_and;
    case TokenKind::kw_or:
      return Operator::logical_or;
    default:
      return Operator::none;
  }
}

class Parser {
 public:
  Parser(std::string_view source, std::string_view currency)
      : tokens_(lex(source, currency)), currency_(currency) {}

  Syntax run() {
    Syntax root = parse_or();
    if (peek().kind != TokenKind::end) {
      unexpected(peek(), "expected an operator or the end of the expression",
                 peek().kind == TokenKind::rparen
                     ? "remove it, or add the '(' it should close"
                     : "join conditions with 'and' or 'or', and values with an operator");
    }
    return root;
  }

 private:
  const Token& peek(std::size_t ahead = 0) const {
    // The last token is `end` or `invalid`; never look past it.
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  const Token& take() {
    const Token& token = peek();
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return token;
  }

  [[noreturn]] void unexpected(const Token& token, std::string_view expected,
                               std::string hint) const {
    if (token.kind == TokenKind::invalid) throw token.error;
    throw CompileError{"expr.syntax", token.offset,
                       fmt::format("unexpected {} — {}", describe(token), expected),
                       std::move(hint)};
  }

  void expect(TokenKind kind, std::string_view expected, std::string hint) {
    if (peek().kind != kind) unexpected(peek(), expected, std::move(hint));
    take();
  }

  /// Guards the recursion: brackets and prefix operators nest without building tree height
  /// in a way the binary-node check would see before the C++ stack does.
  struct Nesting {
    Nesting(Parser& parser, const Token& token) : parser_(parser) {
      if (++parser_.nesting_ > kMaxDepth) {
        throw CompileError{"expr.too_deep", token.offset,
                           fmt::format("expression nests more than {} levels deep", kMaxDepth),
                           kTooDeepHint};
      }
    }
    ~Nesting() { --parser_.nesting_; }
    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;
    Parser& parser_;
  };

  static Syntax node(SyntaxKind kind, Operator op, const Token& token,
                     std::vector<Syntax> children) {
    Syntax result;
    result.kind = kind;
    result.op = op;
    result.offset = token.offset;
    result.begin = token.offset;
    result.end = token.offset + token.text.size();
    // Every operand after the first is computed while the earlier ones wait on the stack.
    int depth = 1;
    int height = 0;
    for (std::size_t i = 0; i < children.size(); ++i) {
      const Syntax& child = children[i];
      result.begin = std::min(result.begin, child.begin);
      result.end = std::max(result.end, child.end);
      depth = std::max(depth, child.depth + (i > 0 ? 1 : 0));
      height = std::max(height, child.height);
    }
    result.depth = depth;
    result.height = height + 1;
    if (result.depth > kMaxDepth) {
      throw CompileError{"expr.too_deep", token.offset,
                         fmt::format("expression nests more than {} levels deep", kMaxDepth),
                         kTooDeepHint};
    }
    if (result.height > kMaxHeight) {
      throw CompileError{"expr.too_deep", token.offset,
                         fmt::format("expression chains more than {} operators", kMaxHeight),
                         "split it into several rules, or test many values at once with "
                         "x in [a, b, c]"};
    }
    result.children = std::move(children);
    return result;
  }

  Syntax binary(const Token& token, Operator op, Syntax left, Syntax right) {
    std::vector<Syntax> children;
    children.push_back(std::move(left));
    children.push_back(std::move(right));
    return node(SyntaxKind::binary, op, token, std::move(children));
  }

  Syntax parse_or() {
    Syntax left = parse_and();
    while (peek().kind == TokenKind::kw_or) {
      const Token& token = take();
      left = binary(token, Operator::logical_or, std::move(left), parse_and());
    }
    return left;
  }

  Syntax parse_and() {
    Syntax left = parse_not();
    while (peek().kind == TokenKind::kw_and) {
      const Token& token = take();
      left = binary(token, Operator::logical_and, std::move(left), parse_not());
    }
    return left;
  }

  Syntax parse_not() {
    if (peek().kind != TokenKind::kw_not) return parse_comparison();
    const Token& token = take();
    Nesting nesting(*this, token);
    std::vector<Syntax> operand;
    operand.push_back(parse_not());
    return node(SyntaxKind::unary, Operator::logical_not, token, std::move(operand));
  }

  Syntax parse_comparison() {
    Syntax left = parse_additive();
    Syntax result;
    const TokenKind kind = peek().kind;
    if (kind == TokenKind::kw_in ||
        (kind == TokenKind::kw_not && peek(1).kind == TokenKind::kw_in)) {
      const Token& token = take();
      if (kind == TokenKind::kw_not) take();
      const Operator op = kind == TokenKind::kw_in ? Operator::in : Operator::not_in;
      Syntax right = peek().kind == TokenKind::lbracket ? parse_list() : parse_additive();
      result = binary(token, op, std::move(left), std::move(right));
    } else if (is_comparison(kind)) {
      const Token& token = take();
      result = binary(token, binary_operator(kind), std::move(left), parse_additive());
    } else {
      return left;
    }
    if (is_comparison(peek().kind) ||
        (peek().kind == TokenKind::kw_not && peek(1).kind == TokenKind::kw_in)) {
      unexpected(peek(), "comparisons do not chain",
                 "join two comparisons with 'and', e.g. 1 <= intensity and intensity <= 3");
    }
    return result;
  }

  Syntax parse_list() {
    const Token& open = take();
    Nesting nesting(*this, open);
    if (peek().kind == TokenKind::rbracket) {
      throw CompileError{"expr.syntax", open.offset, "an empty list matches nothing",
                         "list at least one value, e.g. [angry, aggrieved]"};
    }
    std::vector<Syntax> items;
    for (;;) {
      items.push_back(parse_or());
      if (peek().kind != TokenKind::comma) break;
      take();
    }
    const Token& close = peek();
    expect(TokenKind::rbracket, "expected ',' or ']'", "close the list with ']'");
    Syntax list = node(SyntaxKind::list, Operator::none, open, std::move(items));
    list.end = close.offset + 1;
    return list;
  }

  Syntax parse_additive() {
    Syntax left = parse_multiplicative();
    while (peek().kind == TokenKind::plus || peek().kind == TokenKind::minus) {
      const Token& token = take();
      left = binary(token, binary_operator(token.kind), std::move(left), parse_multiplicative());
    }
    return left;
  }

  Syntax parse_multiplicative() {
    Syntax left = parse_unary();
    while (peek().kind == TokenKind::star || peek().kind == TokenKind::slash ||
           peek().kind == TokenKind::percent) {
      const Token& token = take();
      left = binary(token, binary_operator(token.kind), std::move(left), parse_unary());
    }
    return left;
  }

  Syntax parse_unary() {
    if (peek().kind != TokenKind::minus) return parse_primary();
    const Token& token = take();
    Nesting nesting(*this, token);
    std::vector<Syntax> operand;
    operand.push_back(parse_unary());
    return node(SyntaxKind::unary, Operator::neg, token, std::move(operand));
  }

  Syntax leaf(SyntaxKind kind, const Token& token) {
    Syntax result = node(kind, Operator::none, token, {});
    result.text = std::string(token.text);
    return result;
  }

  Syntax parse_primary() {
    const Token& token = peek();
    switch (token.kind) {
      case TokenKind::integer: {
        Syntax result = leaf(SyntaxKind::integer, take());
        result.value = token.number;
        return result;
      }
      case TokenKind::kw_true:
      case TokenKind::kw_false: {
        Syntax result = leaf(SyntaxKind::boolean, take());
        result.value = token.kind == TokenKind::kw_true ? 1 : 0;
        return result;
      }
      case TokenKind::string: {
        Syntax result = leaf(SyntaxKind::string, take());
        result.text = token.value;
        return result;
      }
      case TokenKind::money:
        return money(take());
      case TokenKind::name:
        if (peek(1).kind == TokenKind::lparen) return call();
        return leaf(SyntaxKind::name, take());
      case TokenKind::lparen: {
        const Token& open = take();
        Nesting nesting(*this, open);
        Syntax inner = parse_or();
        const Token& close = peek();
        expect(TokenKind::rparen, "expected ')'", "add the ')' that closes the '('");
        inner.begin = open.offset;
        inner.end = close.offset + 1;
        return inner;
      }
      case TokenKind::lbracket:
        unexpected(token, "expected an operand", "a list [...] can only follow 'in' or 'not in'");
      case TokenKind::kw_not:
        unexpected(token, "expected an operand",
                   "'not' applies to a whole condition: write not (a == b), or a != b");
      default:
        unexpected(token, "expected an operand", kOperandHint);
    }
  }

  Syntax money(const Token& token) {
    Money amount;
    std::string error;
    if (!parse_money(token.text, amount, error)) {
      throw CompileError{
          "expr.syntax", token.offset, error,
          fmt::format("write an amount as a number and the currency, e.g. 12.50 {}", currency_)};
    }
    Syntax result = leaf(SyntaxKind::money, token);
    result.value = amount.minor();
    result.currency = amount.currency();
    return result;
  }

  Syntax call() {
    const Token& name = take();
    const Token& open = take();
    Nesting nesting(*this, open);
    std::vector<Syntax> args;
    if (peek().kind != TokenKind::rparen) {
      for (;;) {
        args.push_back(parse_or());
        if (peek().kind != TokenKind::comma) break;
        take();
      }
    }
    const Token& close = peek();
    expect(TokenKind::rparen, "expected ',' or ')'",
           fmt::format("close the argument list of {}() with ')'", name.text));
    Syntax result = node(SyntaxKind::call, Operator::none, name, std::move(args));
    result.text = std::string(name.text);
    result.end = close.offset + 1;
    return result;
  }

  std::vector<Token> tokens_;
  std::string_view currency_;
  std::size_t pos_ = 0;
  int nesting_ = 0;
};

}  // namespace

Syntax parse(std::string_view source, std::string_view currency) {
  return Parser(source, currency).run();
}

}  // namespace redress::expr::detail
