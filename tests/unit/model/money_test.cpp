#include <catch2/catch.hpp>

#include <limits>

#include "redress/model/fact_value.hpp"
#include "redress/model/money.hpp"

using redress::Currency;
using redress::Money;
using redress::MoneyError;

namespace {

Currency currency(std::string_view code) {
  Currency out;
  REQUIRE(Currency::parse(code, out));
  return out;
}

Money money(std::string_view text) {
  Money out;
  std::string error;
  INFO(text);
  REQUIRE(redress::parse_money(text, out, error));
  return out;
}

std::string money_error(std::string_view text) {
  Money out;
  std::string error;
  REQUIRE_FALSE(redress::parse_money(text, out, error));
  return error;
}

}  // namespace

TEST_CASE("Currency::parse takes three capital letters and knows minor units", "[money]") {
  CHECK(currency("CNY").code() == "CNY");
  CHECK(currency("CNY").exponent() == 2);
  CHECK(currency("JPY").exponent() == 0);
  CHECK(currency("KWD").exponent() == 3);
  Currency out;
  CHECK_FALSE(Currency::parse("cny", out));
  CHECK_FALSE(Currency::parse("CN", out));
  CHECK_FALSE(Currency::parse("CNYY", out));
  CHECK(out.empty());
}

TEST_CASE("parse_money reads amounts into minor units", "[money]") {
  CHECK(money("12.50 CNY") == Money(1250, currency("CNY")));
  CHECK(money("12.5 CNY") == Money(1250, currency("CNY")));
  CHECK(money("500 CNY") == Money(50000, currency("CNY")));
  CHECK(money("-3 USD") == Money(-300, currency("USD")));
  CHECK(money("0 EUR") == Money(0, currency("EUR")));
  CHECK(money("800 JPY") == Money(800, currency("JPY")));
  CHECK(money("1.234 KWD") == Money(1234, currency("KWD")));
  CHECK(money("92233720368547758.07 CNY") ==
        Money(std::numeric_limits<std::int64_t>::max(), currency("CNY")));
}

TEST_CASE("parse_money says what is wrong", "[money]") {
  CHECK(money_error("0.5 JPY") == "JPY has 1 decimal places; at most 0 are allowed");
  CHECK(money_error("1.234 CNY") == "CNY has 3 decimal places; at most 2 are allowed");
  CHECK(money_error("500") ==
        "a money amount needs a number and a currency, as in \"500 CNY\" or \"12.50 EUR\"");
  CHECK(money_error("500 cny") ==
        "'cny' is not an ISO 4217 currency code (three capital letters, e.g. CNY)");
  CHECK(money_error("1,000 CNY") == "'1,000' is not a decimal number");
  CHECK(money_error("12. CNY") == "'12.' is not a decimal number");
  CHECK(money_error(".5 CNY") == "'.5' is not a decimal number");
  CHECK(money_error("92233720368547758.08 CNY") ==
        "'92233720368547758.08 CNY' is too large for a 64-bit amount of minor units");
}

TEST_CASE("Money::to_string uses the currency's decimals", "[money]") {
  CHECK(Money(1250, currency("CNY")).to_string() == "12.50 CNY");
  CHECK(Money(5, currency("CNY")).to_string() == "0.05 CNY");
  CHECK(Money(-5, currency("CNY")).to_string() == "-0.05 CNY");
  CHECK(Money(-123456, currency("USD")).to_string() == "-1234.56 USD");
  CHECK(Money(800, currency("JPY")).to_string() == "800 JPY");
  CHECK(Money(-800, currency("JPY")).to_string() == "-800 JPY");
  CHECK(Money(1234, currency("KWD")).to_string() == "1.234 KWD");
  CHECK(Money(std::numeric_limits<std::int64_t>::min(), currency("CNY")).to_string() ==
        "-92233720368547758.08 CNY");
}

TEST_CASE("Money arithmetic is checked", "[money]") {
  const Currency cny = currency("CNY");
  const Money max(std::numeric_limits<std::int64_t>::max(), cny);
  const Money min(std::numeric_limits<std::int64_t>::min(), cny);
  CHECK(Money(100, cny) + Money(250, cny) == Money(350, cny));
  CHECK(Money(100, cny) - Money(250, cny) == Money(-150, cny));
  CHECK(Money(100, cny) * 3 == Money(300, cny));
  CHECK(Money(-7, cny) / 2 == Money(-3, cny));
  CHECK(Money(100, cny) < Money(250, cny));
  CHECK_THROWS_AS(max + Money(1, cny), MoneyError);
  CHECK_THROWS_AS(min - Money(1, cny), MoneyError);
  CHECK_THROWS_AS(max * 2, MoneyError);
  CHECK_THROWS_AS(min / -1, MoneyError);
  CHECK_THROWS_WITH(Money(1, cny) / 0, "division by zero");
  CHECK_THROWS_WITH(Money(1, cny) + Money(1, currency("USD")), "cannot combine CNY with USD");
  CHECK_THROWS_AS(Money(1, cny) < Money(1, currency("USD")), MoneyError);
}

TEST_CASE("to_string(FactValue) prints each kind of fact", "[fact_value]") {
  using redress::FactValue;
  CHECK(redress::to_string(FactValue(true)) == "true");
  CHECK(redress::to_string(FactValue(false)) == "false");
  CHECK(redress::to_string(FactValue(std::int64_t{-42})) == "-42");
  CHECK(redress::to_string(FactValue(Money(1250, currency("CNY")))) == "12.50 CNY");
  CHECK(redress::to_string(FactValue(redress::Symbol{"angry"})) == "angry");
  CHECK(redress::to_string(FactValue(redress::SymbolSet{{"outcome", "procedural"}})) ==
        "[outcome, procedural]");
  CHECK(redress::to_string(FactValue(redress::SymbolSet{})) == "[]");
}
