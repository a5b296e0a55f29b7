// Errors: every code, with the exact message, the offset handed to `locate`, and the hint.
#include <catch2/catch.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "unit/expr/test_schema.hpp"

namespace redress::expr::test {
namespace {

struct ErrorRow {
  std::string_view text;
  std::string_view code;
  std::size_t offset;
  std::string_view message;
  std::string_view hint;
  std::optional<TypeKind> expected = std::nullopt;
};

constexpr std::string_view kOperandHint =
    "an operand is a number, an amount such as 500 CNY, a \"string\", true, false, a name, a "
    "function call or an expression in ( )";
constexpr std::string_view kEmotionValues =
    "the values of Emotion are calm, angry, anxious, confused, humorous, aggrieved";
constexpr std::string_view kJusticeValues =
    "the values of Justice are outcome, procedural, interactional";

const ErrorRow kErrors[] = {
    // expr.unknown_name, with did-you-mean over facts, enum values and categories
    {"intesity > 3", "expr.unknown_name", 0, "unknown name 'intesity'",
     "did you mean 'intensity'?"},
    {"emotoin == angry", "expr.unknown_name", 0, "unknown name 'emotoin'",
     "did you mean 'emotion'?"},
    {"angry", "expr.unknown_name", 0, "unknown name 'angry'",
     "no fact has this name: declare it under 'facts:', or check the spelling"},
    {"emotion == angyr", "expr.unknown_name", 11, "'angyr' is not a value of Emotion or a fact",
     "did you mean 'angry'?"},
    {"emotion in [angry, aggreived]", "expr.unknown_name", 19,
     "'aggreived' is not a value of Emotion or a fact", "did you mean 'aggrieved'?"},
    {"emotion == zzz", "expr.unknown_name", 11, "'zzz' is not a value of Emotion or a fact",
     kEmotionValues},
    {"has(deficits, angry)", "expr.unknown_name", 14, "'angry' is not a value of Justice or a fact",
     kJusticeValues},
    {"category in core.unavailble", "expr.unknown_name", 12, "unknown category 'core.unavailble'",
     "did you mean 'core.unavailable'?"},
    {"mim(1, 2)", "expr.unknown_name", 0, "unknown function 'mim'", "did you mean 'min'?"},
    {"sum(1, 2)", "expr.unknown_name", 0, "unknown function 'sum'",
     "the functions are min, max, count, empty and has"},
    // expr.currency
    {"loss > 500 EUR", "expr.currency", 7, "500 EUR is in EUR, but the policy's currency is CNY",
     "write amounts in CNY, e.g. 500 CNY"},
    // expr.type: comparisons
    {"loss > 500", "expr.type", 5, "cannot compare money with int",
     "write the amount with its currency, e.g. 500 CNY"},
    {"magnitude < emotion", "expr.type", 10, "cannot compare Magnitude with Emotion",
     "compare Magnitude with one of its values: minor, moderate, major, critical"},
    {"touchpoint == 3", "expr.type", 11, "cannot compare string with int",
     "compare a string with a \"quoted string\""},
    {"category < core", "expr.type", 9, "cannot order category values with '<'",
     "use 'in' to test whether a category lies under another, e.g. category in core"},
    {"\"web\" < touchpoint", "expr.type", 6, "cannot order string values with '<'",
     "'<', '<=', '>' and '>=' compare ints, money and enum values"},
    {"deficits == deficits", "expr.type", 9, "cannot compare sets with '=='",
     "use has(set, value), count(set) or empty(set)"},
    // expr.type: arithmetic and logic
    {"safety_critical + 1", "expr.type", 16, "cannot add bool and int",
     "arithmetic works on ints and money"},
    {"loss - 1", "expr.type", 5, "cannot subtract int from money",
     "write the amount with its currency, e.g. 1 CNY"},
    {"loss * loss", "expr.type", 5, "cannot multiply money by money",
     "multiply an amount by an int, e.g. loss * 2"},
    {"10 / loss", "expr.type", 3, "cannot divide int by money",
     "divide an amount by an int, e.g. loss / 2"},
    {"loss % 2", "expr.type", 5, "'%' needs two ints, found money and int",
     "'%' is the remainder of an int division"},
    {"-safety_critical", "expr.type", 0, "cannot negate bool", "'-' applies to ints and money"},
    {"intensity and true", "expr.type", 0, "'and' needs a bool, found int",
     "compare it, e.g. intensity > 0"},
    {"true or emotion", "expr.type", 8, "'or' needs a bool, found Emotion",
     "compare it, e.g. emotion == calm"},
    {"not loss", "expr.type", 4, "'not' needs a bool, found money",
     "compare it, e.g. loss > 0 CNY"},
    // expr.type: functions
    {"min(1)", "expr.type", 0, "min() needs at least 2 arguments, found 1",
     "write e.g. min(loss, 200 CNY)"},
    {"count(deficits, deficits)", "expr.type", 0, "count() needs 1 argument, found 2",
     "write count(set)"},
    {"has(deficits)", "expr.type", 0, "has() needs 2 arguments, found 1", "write has(set, value)"},
    {"max(safety_critical, true)", "expr.type", 4, "max() needs int or money arguments, found bool",
     "min() and max() take ints or amounts of money"},
    {"min(1, loss)", "expr.type", 7,
     "min() needs all int or all money arguments, found int and money",
     "write the amount with its currency, e.g. 1 CNY"},
    {"count(intensity)", "expr.type", 6, "count() needs a set, found int",
     "pass a set-typed fact, such as deficits or motives"},
    {"has(deficits, emotion)", "expr.type", 14, "has() needs a value of Justice, found Emotion",
     kJusticeValues},
    // expr.type: membership
    {"emotion in deficits", "expr.type", 0,
     "'in' needs a value of Justice on its left, found Emotion", kJusticeValues},
    {"intensity in 3", "expr.type", 13,
     "'in' needs a list, a set or a category on its right, found int",
     "write a list, e.g. intensity in [3]"},
    {"category in intensity", "expr.type", 12,
     "'in' needs a category id on its right, found the fact 'intensity'",
     "write a category id, e.g. category in core"},
    {"emotion in [angry, 2]", "expr.type", 19, "list item must be Emotion, found int",
     "compare Emotion with one of its values: calm, angry, anxious, confused, humorous, "
     "aggrieved"},
    {"category in [core, intensity]", "expr.type", 19,
     "list item must be a category id, found the fact 'intensity'",
     "list category ids, e.g. [core.slow, process]"},
    {"safety_critical in [true]", "expr.type", 0, "cannot look up a bool in a list",
     "compare it with == instead"},
    // expr.type: the type the context expects
    {"intensity + 1", "expr.type", 0, "condition must be bool, found int",
     "compare it, e.g. intensity + 1 > 0", TypeKind::boolean},
    {"deficits", "expr.type", 0, "condition must be bool, found set of Justice",
     "test it with has(deficits, value), or with not empty(deficits)", TypeKind::boolean},
    {"intensity", "expr.type", 0, "expression must be money, found int",
     "write the amount with its currency, e.g. 500 CNY", TypeKind::money},
    // expr.type: constants that cannot be computed
    {"2 * 4611686018427387904", "expr.type", 2, "constant expression overflows",
     "integer overflow in multiplication: values must lie within "
     "-9223372036854775808..9223372036854775807 (money in minor units)"},
    {"intensity + 9223372036854775807 * 2", "expr.type", 32, "constant expression overflows",
     "integer overflow in multiplication: values must lie within "
     "-9223372036854775808..9223372036854775807 (money in minor units)"},
    {"intensity > 1 / 0", "expr.type", 14, "constant expression divides by zero",
     "the divisor is always 0; fix the expression"},
    {"false and 1 % 0 == 1", "expr.type", 12, "constant expression divides by zero",
     "the divisor is always 0; fix the expression"},
    // expr.syntax
    {"", "expr.syntax", 0, "unexpected end of expression — expected an operand", kOperandHint},
    {"emotion == )", "expr.syntax", 11, "unexpected ')' — expected an operand", kOperandHint},
    {"emotion ==", "expr.syntax", 10, "unexpected end of expression — expected an operand",
     kOperandHint},
    {"(intensity > 3", "expr.syntax", 14, "unexpected end of expression — expected ')'",
     "add the ')' that closes the '('"},
    {"intensity > 3)", "expr.syntax", 13,
     "unexpected ')' — expected an operator or the end of the expression",
     "remove it, or add the '(' it should close"},
    {"emotion angry", "expr.syntax", 8,
     "unexpected 'angry' — expected an operator or the end of the expression",
     "join conditions with 'and' or 'or', and values with an operator"},
    {"1 < intensity < 3", "expr.syntax", 14, "unexpected '<' — comparisons do not chain",
     "join two comparisons with 'and', e.g. 1 <= intensity and intensity <= 3"},
    {"intensity == not safety_critical", "expr.syntax", 13,
     "unexpected 'not' — expected an operand",
     "'not' applies to a whole condition: write not (a == b), or a != b"},
    {"[1] == intensity", "expr.syntax", 0, "unexpected '[' — expected an operand",
     "a list [...] can only follow 'in' or 'not in'"},
    {"emotion in []", "expr.syntax", 11, "an empty list matches nothing",
     "list at least one value, e.g. [angry, aggrieved]"},
    {"emotion in [angry", "expr.syntax", 17, "unexpected end of expression — expected ',' or ']'",
     "close the list with ']'"},
    {"min(1, 2", "expr.syntax", 8, "unexpected end of expression — expected ',' or ')'",
     "close the argument list of min() with ')'"},
    {"intensity = 3", "expr.syntax", 10, "'=' is not an operator", "write == to compare"},
    {"safety_critical && true", "expr.syntax", 16, "'&&' is not an operator", "write 'and'"},
    {"!safety_critical", "expr.syntax", 0, "'!' is not an operator",
     "write 'not' to negate a condition"},
    {"intensity @ 2", "expr.syntax", 10, "unexpected character '@'",
     "expressions use names, numbers, amounts such as 500 CNY, \"strings\", ( ), [ ], commas "
     "and the operators + - * / % == != < <= > >="},
    {"touchpoint == \"web", "expr.syntax", 14, "unterminated string",
     "end the string with a closing \""},
    {"\"a\\n\"", "expr.syntax", 2, "unknown escape '\\n' in a string",
     "the only escapes are \\\" and \\\\"},
    {"12.5 > 3", "expr.syntax", 0, "'12.5' needs a currency",
     "only amounts of money have decimals: write 12.5 CNY"},
    {"12.505 CNY > loss", "expr.syntax", 0, "CNY has 3 decimal places; at most 2 are allowed",
     "write an amount as a number and the currency, e.g. 12.50 CNY"},
    {"99999999999999999999 > 1", "expr.syntax", 0, "integer 99999999999999999999 is too large",
     "integers must lie within -9223372036854775808..9223372036854775807"},
};

std::optional<Type> expected_type(std::optional<TypeKind> kind) {
  if (!kind) return std::nullopt;
  return Type{*kind, nullptr};
}

TEST_CASE("errors carry the exact code, message, location and hint", "[expr][diagnostics]") {
  TestSchema schema;
  for (const auto& row : kErrors) {
    CAPTURE(row.text);
    const auto result = compile_text(row.text, schema, expected_type(row.expected));
    CHECK_FALSE(result.program.has_value());
    REQUIRE(result.diagnostics.size() == 1);
    const Diagnostic& d = result.diagnostics.items().front();
    CHECK(d.code == row.code);
    CHECK(d.severity == Severity::error);
    CHECK(d.message == row.message);
    CHECK(d.hint == row.hint);
    CHECK(d.location == SourceLocation{"f", 0, static_cast<std::int32_t>(row.offset)});
    CHECK(result.located == std::vector<std::size_t>{row.offset});
  }
}

TEST_CASE("only the first error of an expression is reported", "[expr][diagnostics]") {
  TestSchema schema;
  const auto result = compile_text("intesity > 3 and emotoin == 1 and loss > 5", schema);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics.items()[0].message == "unknown name 'intesity'");
  // A lexical error after a syntax error does not hide it: errors come in text order.
  const auto later = compile_text("intensity == ) and \"unterminated", schema);
  REQUIRE(later.diagnostics.size() == 1);
  CHECK(later.diagnostics.items()[0].code == "expr.syntax");
  CHECK(later.located == std::vector<std::size_t>{13});
}

std::string repeat(std::string_view text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

TEST_CASE("nesting deeper than 64 levels is expr.too_deep", "[expr][diagnostics]") {
  TestSchema schema;
  SECTION("parentheses") {
    CHECK(compile_text(repeat("(", 64) + "1" + repeat(")", 64), schema).program);
    const auto result = compile_text(repeat("(", 65) + "1" + repeat(")", 65), schema);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics.items()[0].code == "expr.too_deep");
    CHECK(result.diagnostics.items()[0].message == "expression nests more than 64 levels deep");
    CHECK_FALSE(result.diagnostics.items()[0].hint.empty());
    CHECK(result.located == std::vector<std::size_t>{64});
  }
  SECTION("prefix operators") {
    CHECK(compile_text(repeat("not ", 63) + "true", schema).program);
    const auto result = compile_text(repeat("not ", 65) + "true", schema);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics.items()[0].code == "expr.too_deep");
    CHECK(result.located == std::vector<std::size_t>{256});
  }
  SECTION("the height of the tree") {
    // intensity + (intensity + (... + intensity)): each level adds one node.
    const auto nested = [](int levels) {
      return repeat("intensity + (", levels) + "intensity" + repeat(")", levels);
    };
    const auto fits = compile_text(nested(63), schema);
    REQUIRE(fits.program);
    CHECK(fits.program->max_stack == 64);
    CHECK(evaluate(*fits.program, defaults(schema)) == 64 * 3);
    const auto result = compile_text(nested(64), schema);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics.items()[0].code == "expr.too_deep");
    // Reported at the outermost operator, the one whose operands no longer fit.
    CHECK(result.located == std::vector<std::size_t>{10});
  }
  SECTION("long flat chains need no depth, but are bounded") {
    const auto result = compile_text("intensity" + repeat(" + intensity", 255), schema);
    REQUIRE(result.program);
    CHECK(result.program->max_stack == 2);
    CHECK(evaluate(*result.program, defaults(schema)) == 256 * 3);
    const auto chain = compile_text("intensity" + repeat(" + intensity", 256), schema);
    REQUIRE(chain.diagnostics.size() == 1);
    CHECK(chain.diagnostics.items()[0].code == "expr.too_deep");
    CHECK(chain.diagnostics.items()[0].message == "expression chains more than 256 operators");
    CHECK(chain.located == std::vector<std::size_t>{10 + 255 * 12});
  }
}

}  // namespace
}  // namespace redress::expr::test
