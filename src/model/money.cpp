#include "redress/model/money.hpp"

#include <fmt/format.h>

#include <charconv>
#include <limits>

namespace redress {
namespace {

int exponent_for(std::string_view code) {
  // ISO 4217 currencies whose minor unit is not 1/100.
  static constexpr std::pair<std::string_view, int> kExceptions[] = {
      {"BHD", 3}, {"BIF", 0}, {"CLP", 0}, {"DJF", 0}, {"GNF", 0}, {"IQD", 3},
      {"ISK", 0}, {"JOD", 3}, {"JPY", 0}, {"KMF", 0}, {"KRW", 0}, {"KWD", 3},
      {"LYD", 3}, {"OMR", 3}, {"PYG", 0}, {"RWF", 0}, {"TND", 3}, {"UGX", 0},
      {"VND", 0}, {"VUV", 0}, {"XAF", 0}, {"XOF", 0}, {"XPF", 0}};
  for (const auto& [c, e] : kExceptions) {
    if (c == code) return e;
  }
  return 2;
}

void require_same_currency(const Money& a, const Money& b) {
  if (!(a.currency() == b.currency())) {
    throw MoneyError(
        fmt::format("cannot combine {} with {}", a.currency().code(), b.currency().code()));
  }
}

}  // namespace

bool Currency::parse(std::string_view code, Currency& out) {
  if (code.size() != 3) return false;
  for (char c : code) {
    if (c < 'A' || c > 'Z') return false;
  }
  Currency result;
  for (std::size_t i = 0; i < 3; ++i) result.code_[i] = code[i];
  result.exponent_ = exponent_for(code);
  out = result;
  return true;
}

namespace checked {
std::int64_t add(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (__builtin_add_overflow(a, b, &r)) throw MoneyError("integer overflow in addition");
  return r;
}
std::int64_t sub(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (__builtin_sub_overflow(a, b, &r)) throw MoneyError("integer overflow in subtraction");
  return r;
}
std::int64_t mul(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) throw MoneyError("integer overflow in multiplication");
  return r;
}
std::int64_t div(std::int64_t a, std::int64_t b) {
  if (b == 0) throw MoneyError("division by zero");
  if (a == std::numeric_limits<std::int64_t>::min() && b == -1) {
    throw MoneyError("integer overflow in division");
  }
  return a / b;  // C++ truncates toward zero.
}
}  // namespace checked

Money operator+(const Money& a, const Money& b) {
  require_same_currency(a, b);
  return Money(checked::add(a.minor_, b.minor_), a.currency_);
}
Money operator-(const Money& a, const Money& b) {
  require_same_currency(a, b);
  return Money(checked::sub(a.minor_, b.minor_), a.currency_);
}
Money operator*(const Money& a, std::int64_t factor) {
  return Money(checked::mul(a.minor_, factor), a.currency_);
}
Money operator/(const Money& a, std::int64_t divisor) {
  return Money(checked::div(a.minor_, divisor), a.currency_);
}
bool operator<(const Money& a, const Money& b) {
  require_same_currency(a, b);
  return a.minor_ < b.minor_;
}

std::string Money::to_string() const {
  std::string out;
  append_to(out);
  return out;
}

void Money::append_to(std::string& out) const {
  const int exp = currency_.exponent();
  std::uint64_t scale = 1;
  for (int i = 0; i < exp; ++i) scale *= 10;
  // Work on the unsigned magnitude so that INT64_MIN prints correctly.
  const bool negative = minor_ < 0;
  const std::uint64_t magnitude = negative ? std::uint64_t{0} - static_cast<std::uint64_t>(minor_)
                                           : static_cast<std::uint64_t>(minor_);
  char digits[24];
  if (negative) out += '-';
  out.append(digits, std::to_chars(digits, digits + sizeof digits, magnitude / scale).ptr);
  if (exp > 0) {
    out += '.';
    const auto frac = std::to_chars(digits, digits + sizeof digits, magnitude % scale).ptr;
    out.append(static_cast<std::size_t>(exp) - static_cast<std::size_t>(frac - digits), '0');
    out.append(digits, frac);
  }
  out += ' ';
  out += currency_.code();
}

bool parse_money(std::string_view text, Money& out, std::string& error) {
  const auto space = text.rfind(' ');
  if (space == std::string_view::npos) {
    error = "a money amount needs a number and a currency, as in \"500 CNY\" or \"12.50 EUR\"";
    return false;
  }
  std::string_view number = text.substr(0, space);
  std::string_view code = text.substr(space + 1);
  while (!number.empty() && number.back() == ' ') number.remove_suffix(1);
  Currency currency;
  if (!Currency::parse(code, currency)) {
    error = fmt::format("'{}' is not an ISO 4217 currency code (three capital letters, e.g. CNY)",
                        code);
    return false;
  }
  const bool negative = !number.empty() && number.front() == '-';
  if (negative) number.remove_prefix(1);
  const auto dot = number.find('.');
  std::string_view whole = number.substr(0, dot);
  std::string_view frac =
      dot == std::string_view::npos ? std::string_view{} : number.substr(dot + 1);
  const auto all_digits = [](std::string_view s) {
    for (char c : s) {
      if (c < '0' || c > '9') return false;
    }
    return true;
  };
  if (whole.empty() || !all_digits(whole) || !all_digits(frac) ||
      (dot != std::string_view::npos && frac.empty())) {
    error = fmt::format("'{}' is not a decimal number", text.substr(0, space));
    return false;
  }
  if (static_cast<int>(frac.size()) > currency.exponent()) {
    error = fmt::format("{} has {} decimal places; at most {} are allowed", currency.code(),
                        frac.size(), currency.exponent());
    return false;
  }
  try {
    std::int64_t minor = 0;
    for (char c : whole) minor = checked::add(checked::mul(minor, 10), c - '0');
    for (int i = 0; i < currency.exponent(); ++i) {
      const int digit =
          i < static_cast<int>(frac.size()) ? frac[static_cast<std::size_t>(i)] - '0' : 0;
      minor = checked::add(checked::mul(minor, 10), digit);
    }
    out = Money(negative ? -minor : minor, currency);
  } catch (const MoneyError&) {
    error = fmt::format("'{}' is too large for a 64-bit amount of minor units", text);
    return false;
  }
  return true;
}

}  // namespace redress
