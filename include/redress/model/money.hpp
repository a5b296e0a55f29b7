// Money: integer minor units with an ISO 4217 currency; every operation is checked.
#pragma once

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace redress {

/// Thrown when money arithmetic would overflow int64 or mixes currencies.
class MoneyError : public std::domain_error {
 public:
  using std::domain_error::domain_error;
};

/// An ISO 4217 currency: three upper-case letters and the number of minor-unit digits.
class Currency {
 public:
  constexpr Currency() = default;

  /// Parses "CNY", "EUR", ... Returns false for anything that is not three letters A-Z.
  /// The minor-unit exponent comes from a built-in table (2 unless the code is known otherwise).
  static bool parse(std::string_view code, Currency& out);

  /// The three-letter code; three NUL characters for an empty currency.
  [[nodiscard]] std::string_view code() const { return {code_.data(), 3}; }
  /// Minor-unit digits: 2 for CNY (fen), 0 for JPY, 3 for KWD.
  [[nodiscard]] int exponent() const { return exponent_; }
  /// True for a default-constructed currency (no code).
  [[nodiscard]] bool empty() const { return code_[0] == '\0'; }

  /// Same code.
  friend bool operator==(const Currency& a, const Currency& b) { return a.code_ == b.code_; }

 private:
  std::array<char, 4> code_{};
  int exponent_ = 2;
};

/// An amount of money: int64 minor units (fen, cents) plus a currency.
/// Arithmetic throws MoneyError on overflow or on a currency mismatch; it never wraps.
class Money {
 public:
  constexpr Money() = default;
  /// `minor` units of `currency` (12.50 CNY is Money(1250, cny)).
  constexpr Money(std::int64_t minor, Currency currency) : minor_(minor), currency_(currency) {}

  /// The amount in minor units; may be negative.
  [[nodiscard]] std::int64_t minor() const { return minor_; }
  /// The currency; empty for a default-constructed Money.
  [[nodiscard]] const Currency& currency() const { return currency_; }

  /// "123.45 CNY" (the exponent decides the number of decimals).
  [[nodiscard]] std::string to_string() const;
  /// Appends to_string()'s text to `out` (no allocation when `out` has room).
  void append_to(std::string& out) const;

  /// The sum; throws MoneyError on overflow or when the currencies differ.
  friend Money operator+(const Money& a, const Money& b);
  /// The difference; throws MoneyError on overflow or when the currencies differ.
  friend Money operator-(const Money& a, const Money& b);
  /// Multiplies by an integer factor; throws MoneyError on overflow.
  friend Money operator*(const Money& a, std::int64_t factor);
  /// Divides by an integer, truncating toward zero; dividing by zero throws MoneyError.
  friend Money operator/(const Money& a, std::int64_t divisor);

  /// Same amount and currency; never throws (different currencies are simply unequal).
  friend bool operator==(const Money& a, const Money& b) = default;
  /// Ordering is only defined within one currency; comparing across currencies throws.
  friend bool operator<(const Money& a, const Money& b);

 private:
  std::int64_t minor_ = 0;
  Currency currency_{};
};

/// Parses a money literal: "<number> <CUR>" such as "500 CNY", "12.50 EUR" or "-3 USD".
/// The number may have at most the currency's exponent of decimals. On failure returns false
/// and sets `error` to a sentence saying what is wrong.
bool parse_money(std::string_view text, Money& out, std::string& error);

/// Overflow-checked int64 arithmetic.
namespace checked {
/// a + b; throws MoneyError instead of overflowing.
std::int64_t add(std::int64_t a, std::int64_t b);
/// a - b; throws MoneyError instead of overflowing.
std::int64_t sub(std::int64_t a, std::int64_t b);
/// a * b; throws MoneyError instead of overflowing.
std::int64_t mul(std::int64_t a, std::int64_t b);
/// a / b truncated toward zero; throws MoneyError when b is 0 or on INT64_MIN / -1.
std::int64_t div(std::int64_t a, std::int64_t b);
}  // namespace checked

}  // namespace redress
