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

  [[nodiscard]] std::string_view code() const { return {code_.data(), 3}; }
  [[nodiscard]] int exponent() const { return exponent_; }
  [[nodiscard]] bool empty() const { return code_[0] == '\0'; }

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
  constexpr Money(std::int64_t minor, Currency currency) : minor_(minor), currency_(currency) {}

  [[nodiscard]] std::int64_t minor() const { return minor_; }
  [[nodiscard]] const Currency& currency() const { return currency_; }

  /// "123.45 CNY" (the exponent decides the number of decimals).
  [[nodiscard]] std::string to_string() const;

  friend Money operator+(const Money& a, const Money& b);
  friend Money operator-(const Money& a, const Money& b);
  /// Multiplies by an integer factor.
  friend Money operator*(const Money& a, std::int64_t factor);
  /// Divides by an integer, truncating toward zero; dividing by zero throws MoneyError.
  friend Money operator/(const Money& a, std::int64_t divisor);

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

namespace checked {
/// int64 arithmetic that throws MoneyError (with `what` in the message) instead of overflowing.
std::int64_t add(std::int64_t a, std::int64_t b);
std::int64_t sub(std::int64_t a, std::int64_t b);
std::int64_t mul(std::int64_t a, std::int64_t b);
std::int64_t div(std::int64_t a, std::int64_t b);
}  // namespace checked

}  // namespace redress
