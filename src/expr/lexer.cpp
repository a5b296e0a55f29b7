#include "lexer.hpp"

#include <fmt/format.h>

#include <charconv>

namespace redress::expr::detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || is_upper(c) || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || is_digit(c) || c == '.'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

TokenKind keyword_or_name(std::string_view word) {
  if (word == "and") return TokenKind::kw_and;
  if (word == "or") return TokenKind::kw_or;
  if (word == "not") return TokenKind::kw_not;
  if (word == "in") return TokenKind::kw_in;
  if (word == "true") return TokenKind::kw_true;
  if (word == "false") return TokenKind::kw_false;
  return TokenKind::name;
}

class Lexer {
 public:
  Lexer(std::string_view source, std::string_view currency) : src_(source), currency_(currency) {}

  std::vector<Token> run() {
    std::vector<Token> tokens;
    for (;;) {
      while (pos_ < src_.size() && is_space(src_[pos_])) ++pos_;
      Token token = next();
      const bool last = token.kind == TokenKind::end || token.kind == TokenKind::invalid;
      tokens.push_back(std::move(token));
      if (last) return tokens;
    }
  }

 private:
  Token make(TokenKind kind, std::size_t start, std::size_t length) {
    Token token;
    token.kind = kind;
    token.offset = start;
    token.text = src_.substr(start, length);
    pos_ = start + length;
    return token;
  }

  Token invalid(std::size_t start, std::size_t length, std::string message, std::string hint) {
    Token token = make(TokenKind::invalid, start, length);
    token.error = {"expr.syntax", start, std::move(message), std::move(hint)};
    return token;
  }

  Token next() {
    const std::size_t start = pos_;
    if (start == src_.size()) return make(TokenKind::end, start, 0);
    const char c = src_[start];
    if (is_digit(c)) return number(start);
    if (is_name_start(c)) {
      std::size_t end = start + 1;
      while (end < src_.size() && is_name_char(src_[end])) ++end;
      return make(keyword_or_name(src_.substr(start, end - start)), start, end - start);
    }
    if (c == '"') return string(start);
    const char d = start + 1 < src_.size() ? src_[start + 1] : '\0';
    switch (c) {
      case '(':
        return make(TokenKind::lparen, start, 1);
      case ')':
        return make(TokenKind::rparen, start, 1);
      case '[':
        return make(TokenKind::lbracket, start, 1);
      case ']':
        return make(TokenKind::rbracket, start, 1);
      case ',':
        return make(TokenKind::comma, start, 1);
      case '+':
        return make(TokenKind::plus, start, 1);
      case '-':
        return make(TokenKind::minus, start, 1);
      case '*':
        return make(TokenKind::star, start, 1);
      case '/':
        return make(TokenKind::slash, start, 1);
      case '%':
        return make(TokenKind::percent, start, 1);
      case '<':
        return d == '=' ? make(TokenKind::le, start, 2) : make(TokenKind::lt, start, 1);
      case '>':
        return d == '=' ? make(TokenKind::ge, start, 2) : make(TokenKind::gt, start, 1);
      case '=':
        if (d == '=') return make(TokenKind::eq, start, 2);
        return invalid(start, 1, "'=' is not an operator", "write == to compare");
      case '!':
        if (d == '=') return make(TokenKind::ne, start, 2);
        return invalid(start, 1, "'!' is not an operator", "write 'not' to negate a condition");
      case '&':
        return invalid(start, d == '&' ? 2 : 1,
                       fmt::format("'{}' is not an operator", d == '&' ? "&&" : "&"),
                       "write 'and'");
      case '|':
        return invalid(start, d == '|' ? 2 : 1,
                       fmt::format("'{}' is not an operator", d == '|' ? "||" : "|"), "write 'or'");
      default:
        break;
    }
    // Show a whole UTF-8 sequence rather than one byte of it.
    std::size_t length = 1;
    if (static_cast<unsigned char>(c) >= 0x80) {
      while (start + length < src_.size() &&
             (static_cast<unsigned char>(src_[start + length]) & 0xC0) == 0x80) {
        ++length;
      }
    }
    return invalid(start, length,
                   fmt::format("unexpected character '{}'", src_.substr(start, length)),
                   "expressions use names, numbers, amounts such as 500 CNY, \"strings\", "
                   "( ), [ ], commas and the operators + - * / % == != < <= > >=");
  }

  Token number(std::size_t start) {
    std::size_t end = start;
    while (end < src_.size() && is_digit(src_[end])) ++end;
    const std::size_t digits_end = end;
    bool decimal = false;
    if (end + 1 < src_.size() && src_[end] == '.' && is_digit(src_[end + 1])) {
      decimal = true;
      ++end;
      while (end < src_.size() && is_digit(src_[end])) ++end;
    }
    // A money literal: the number, spaces, then exactly three capital letters.
    std::size_t code = end;
    while (code < src_.size() && (src_[code] == ' ' || src_[code] == '\t')) ++code;
    if (code > end && code + 3 <= src_.size() && is_upper(src_[code]) && is_upper(src_[code + 1]) &&
        is_upper(src_[code + 2]) && (code + 3 == src_.size() || !is_name_char(src_[code + 3]))) {
      return make(TokenKind::money, start, code + 3 - start);
    }
    if (decimal) {
      const auto text = src_.substr(start, end - start);
      return invalid(
          start, end - start, fmt::format("'{}' needs a currency", text),
          fmt::format("only amounts of money have decimals: write {} {}", text, currency_));
    }
    Token token = make(TokenKind::integer, start, digits_end - start);
    const auto [ptr, ec] =
        std::from_chars(src_.data() + start, src_.data() + digits_end, token.number);
    if (ec != std::errc()) {
      return invalid(start, digits_end - start, fmt::format("integer {} is too large", token.text),
                     "integers must lie within -9223372036854775808..9223372036854775807");
    }
    return token;
  }

  Token string(std::size_t start) {
    std::string value;
    std::size_t i = start + 1;
    while (i < src_.size() && src_[i] != '"') {
      if (src_[i] == '\\') {
        const char e = i + 1 < src_.size() ? src_[i + 1] : '\0';
        if (e != '"' && e != '\\') {
          return invalid(i, e == '\0' ? 1 : 2,
                         e == '\0' ? std::string("unterminated string")
                                   : fmt::format("unknown escape '\\{}' in a string", e),
                         "the only escapes are \\\" and \\\\");
        }
        value += e;
        i += 2;
        continue;
      }
      value += src_[i++];
    }
    if (i == src_.size()) {
      return invalid(start, src_.size() - start, "unterminated string",
                     "end the string with a closing \"");
    }
    Token token = make(TokenKind::string, start, i + 1 - start);
    token.value = std::move(value);
    return token;
  }

  std::string_view src_;
  std::string_view currency_;
  std::size_t pos_ = 0;
};

}  // namespace

std::vector<Token> lex(std::string_view source, std::string_view currency) {
  return Lexer(source, currency).run();
}

std::string describe(const Token& token) {
  if (token.kind == TokenKind::end) return "end of expression";
  return fmt::format("'{}'", token.text);
}

}  // namespace redress::expr::detail
