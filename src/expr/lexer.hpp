// Splits an expression into tokens.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "error.hpp"

namespace redress::expr::detail {

enum class TokenKind : std::uint8_t {
  end,      ///< the end of the text
  invalid,  ///< text that is no token; `error` says why (always the last token)
  integer,
  money,   ///< a number, spaces and a three-letter currency code: "12.50 CNY"
  string,  ///< `value` holds the unescaped content
  name,
  kw_and,
  kw_or,
  kw_not,
  kw_in,
  kw_true,
  kw_false,
  lparen,
  rparen,
  lbracket,
  rbracket,
  comma,
  plus,
  minus,
  star,
  slash,
  percent,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
};

struct Token {
  TokenKind kind = TokenKind::end;
  std::string_view text;  ///< the token as written (a slice of the source)
  std::size_t offset = 0;
  std::int64_t number = 0;  ///< for integer
  std::string value;        ///< for string: the content without quotes and escapes
  CompileError error;       ///< for invalid
};

/// Tokenises `source`. The result always ends with an `end` or an `invalid` token, so that a
/// lexical error is reported when the parser reaches it, in text order with syntax errors.
/// `currency` (the policy's, e.g. "CNY") is only used in hints.
std::vector<Token> lex(std::string_view source, std::string_view currency);

/// How a token is named in messages: "')'", "'and'", "'loss'", "end of expression".
std::string describe(const Token& token);

}  // namespace redress::expr::detail
