// Values: every operator, precedence, short-circuit, membership, sets, and runtime errors.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

#include "expr/bytecode.hpp"
#include "redress/expr/program.hpp"
#include "unit/expr/test_schema.hpp"

namespace redress::expr::test {
namespace {

constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

std::int64_t run(std::string_view text, TestSchema& schema, const Slots& slots) {
  auto compiled = compile_text(text, schema);
  INFO(text);
  for (const auto& d : compiled.diagnostics.items()) INFO(d.code << ": " << d.message);
  REQUIRE(compiled.program.has_value());
  REQUIRE(compiled.diagnostics.empty());
  return evaluate(*compiled.program, slots);
}

struct Row {
  std::string_view text;
  std::int64_t value;
};

// With the defaults: emotion angry, intensity 3, loss 120.00 CNY, deficits {outcome,
// interactional}, category core.unavailable.out_of_stock, touchpoint "hotel.check_in",
// safety_critical false, magnitude major, tier vip, priority 2, major (the int fact) 7.
constexpr Row kRows[] = {
    // precedence and associativity
    {"1 + 2 * 3", 7},
    {"(1 + 2) * 3", 9},
    {"10 - 4 - 3", 3},
    {"100 / 10 / 5", 2},
    {"2 * 3 % 4", 2},
    {"-2 * 3", -6},
    {"- -5", 5},
    {"intensity + intensity * intensity", 12},
    {"(intensity + intensity) * intensity", 18},
    {"true or false and false", 1},
    {"(true or false) and false", 0},
    {"not true or true", 1},
    {"not intensity == 3", 0},
    {"not not safety_critical", 0},
    {"intensity > 2 and intensity < 4", 1},
    {"intensity + 1 == 4", 1},
    // integer arithmetic, truncating toward zero
    {"intensity * -7 / 2", -10},
    {"intensity * 7 / -2", -10},
    {"(0 - intensity * 7) % 4", -1},
    {"intensity * 7 % -4", 1},
    {"-7 / 2", -3},
    {"-7 % 2", -1},
    {"intensity - 5", -2},
    {"-intensity", -3},
    // comparisons
    {"intensity == 3", 1},
    {"intensity != 3", 0},
    {"intensity < 3", 0},
    {"intensity <= 3", 1},
    {"intensity > 3", 0},
    {"intensity >= 3", 1},
    {"safety_critical == false", 1},
    {"safety_critical != true", 1},
    // money
    {"loss", 12000},
    {"loss == 120 CNY", 1},
    {"loss > 119.99 CNY", 1},
    {"loss >= 120.01 CNY", 0},
    {"loss + 0.50 CNY", 12050},
    {"loss - 20 CNY", 10000},
    {"loss * 2", 24000},
    {"2 * loss", 24000},
    {"loss / 7", 1714},
    {"loss / -7", -1714},
    {"-loss", -12000},
    {"compensation_given - loss", -12000},
    // functions
    {"min(intensity, 2)", 2},
    {"max(intensity, 2, 5)", 5},
    {"min(5, intensity, 4)", 3},
    {"min(loss / 2, 200 CNY)", 6000},
    {"max(loss, 200 CNY)", 20000},
    {"max(priority - 1, 1)", 1},
    {"count(deficits)", 2},
    {"empty(deficits)", 0},
    {"not empty(deficits)", 1},
    {"has(deficits, interactional)", 1},
    {"has(deficits, procedural)", 0},
    {"has(deficits, dimension)", 0},
    // enums: equality and declaration order; a name is an enum value before it is a fact
    {"emotion == angry", 1},
    {"angry == emotion", 1},
    {"emotion != calm", 1},
    {"magnitude >= major", 1},
    {"magnitude > major", 0},
    {"magnitude < critical", 1},
    {"critical > magnitude", 1},
    {"tier >= premium", 1},
    {"tier < standard", 0},
    {"major > 6", 1},
    {"major + 1", 8},
    // membership in lists
    {"emotion in [angry, aggrieved]", 1},
    {"emotion in [calm]", 0},
    {"emotion not in [calm, anxious]", 1},
    {"emotion not in [angry]", 0},
    {"intensity in [1, 2, 3]", 1},
    {"intensity in [4, 5]", 0},
    {"intensity not in [3]", 0},
    {"intensity + 1 in [priority + 2, 9]", 1},
    {"loss in [5 CNY, 120 CNY]", 1},
    {"touchpoint in [\"web\", \"hotel.check_in\"]", 1},
    {"touchpoint in [\"web\"]", 0},
    {"touchpoint == \"hotel.check_in\"", 1},
    {"touchpoint != \"web\"", 1},
    {"\"a\" == \"a\"", 1},
    {"\"a\\\"b\" == \"a\\\"b\"", 1},
    {"category in [core.slow, core.unavailable]", 1},
    {"category in [process, core.broken]", 0},
    {"category not in [process]", 1},
    // categories: `in` takes the subtree, == the exact node
    {"category in core", 1},
    {"category in core.unavailable", 1},
    {"category in core.unavailable.out_of_stock", 1},
    {"category in core.slow", 0},
    {"category in process", 0},
    {"category not in process", 1},
    {"category == core.unavailable.out_of_stock", 1},
    {"category == core.unavailable", 0},
    {"category != core.unavailable", 1},
    // sets
    {"outcome in deficits", 1},
    {"procedural in deficits", 0},
    {"procedural not in deficits", 1},
    {"dimension in deficits", 0},
    // bools
    {"safety_critical", 0},
    {"safety_critical or intensity >= 3", 1},
    {"true", 1},
    {"false", 0},
};

TEST_CASE("expressions evaluate to the expected values", "[expr]") {
  TestSchema schema;
  const Slots slots = defaults(schema);
  for (const auto& row : kRows) {
    CAPTURE(row.text);
    CHECK(run(row.text, schema, slots) == row.value);
  }
}

TEST_CASE("enum membership holds exactly for the listed values", "[expr]") {
  TestSchema schema;
  Slots slots = defaults(schema);
  const auto program = compile_text("emotion in [calm, humorous, aggrieved]", schema).program;
  REQUIRE(program);
  const std::int64_t expected[] = {1, 0, 0, 0, 1, 1};
  for (std::int64_t e = 0; e < 6; ++e) {
    slots[schema.slot("emotion")] = e;
    CHECK(evaluate(*program, slots) == expected[e]);
  }
}

TEST_CASE("category membership covers the whole subtree and nothing else", "[expr]") {
  TestSchema schema;
  Slots slots = defaults(schema);
  const auto single = compile_text("category in core.unavailable", schema).program;
  const auto list = compile_text("category in [core.slow, process]", schema).program;
  const auto negated = compile_text("category not in [core.slow, process]", schema).program;
  REQUIRE(single);
  REQUIRE(list);
  REQUIRE(negated);
  // Pre-order: 0 core, 1 core.slow, 2 core.unavailable, 3 .out_of_stock, 4 core.broken,
  // 5 process, 6 process.billing, 7 process.rude.
  const std::int64_t in_single[] = {0, 0, 1, 1, 0, 0, 0, 0};
  const std::int64_t in_list[] = {0, 1, 0, 0, 0, 1, 1, 1};
  for (std::int64_t c = 0; c < 8; ++c) {
    CAPTURE(c);
    slots[schema.slot("category")] = c;
    CHECK(evaluate(*single, slots) == in_single[c]);
    CHECK(evaluate(*list, slots) == in_list[c]);
    CHECK(evaluate(*negated, slots) == 1 - in_list[c]);
  }
}

TEST_CASE("set tests read every bit of the set", "[expr]") {
  TestSchema schema;
  Slots slots = defaults(schema);
  const auto constant_value = compile_text("has(deficits, procedural)", schema).program;
  const auto fact_value = compile_text("dimension in deficits", schema).program;
  const auto counted = compile_text("count(deficits)", schema).program;
  const auto none = compile_text("empty(deficits)", schema).program;
  REQUIRE(constant_value);
  REQUIRE(fact_value);
  REQUIRE(counted);
  REQUIRE(none);
  for (std::int64_t set = 0; set < 8; ++set) {
    CAPTURE(set);
    slots[schema.slot("deficits")] = set;
    CHECK(evaluate(*constant_value, slots) == ((set >> 1) & 1));
    CHECK(evaluate(*counted, slots) == __builtin_popcountll(static_cast<std::uint64_t>(set)));
    CHECK(evaluate(*none, slots) == (set == 0 ? 1 : 0));
    for (std::int64_t d = 0; d < 3; ++d) {
      slots[schema.slot("dimension")] = d;
      CHECK(evaluate(*fact_value, slots) == ((set >> d) & 1));
    }
  }
}

TEST_CASE("and/or short-circuit: the right side is not evaluated", "[expr]") {
  TestSchema schema;
  Slots slots = defaults(schema);
  slots[schema.slot("intensity")] = 0;
  CHECK(run("intensity == 0 or 10 / intensity > 1", schema, slots) == 1);
  CHECK(run("intensity != 0 and 10 / intensity > 1", schema, slots) == 0);
  CHECK_THROWS_AS(run("10 / intensity > 1", schema, slots), EvaluationError);
  // ... and the right side decides when the left does not.
  slots[schema.slot("intensity")] = 5;
  CHECK(run("intensity == 0 or 10 / intensity > 1", schema, slots) == 1);
  CHECK(run("intensity == 0 or 10 / intensity > 2", schema, slots) == 0);
  CHECK(run("intensity != 0 and 10 / intensity > 1", schema, slots) == 1);
}

TEST_CASE("overflow and division by zero throw EvaluationError", "[expr]") {
  TestSchema schema;
  Slots slots = defaults(schema);  // intensity 3, loss 12000
  CHECK_THROWS_WITH(run("intensity * 9223372036854775807", schema, slots),
                    "integer overflow in multiplication");
  CHECK_THROWS_WITH(run("intensity + 9223372036854775807", schema, slots),
                    "integer overflow in addition");
  CHECK_THROWS_WITH(run("-intensity - 9223372036854775807", schema, slots),
                    "integer overflow in subtraction");
  CHECK_THROWS_WITH(run("loss * 1000000000000000", schema, slots),
                    "integer overflow in multiplication");
  CHECK_THROWS_WITH(run("10 / (intensity - 3)", schema, slots), "division by zero");
  CHECK_THROWS_WITH(run("loss / (intensity - 3)", schema, slots), "division by zero");
  CHECK_THROWS_WITH(run("10 % (intensity - 3)", schema, slots), "modulo by zero");

  slots[schema.slot("intensity")] = kMin;
  CHECK_THROWS_WITH(run("-intensity", schema, slots), "integer overflow in negation");
  CHECK_THROWS_WITH(run("intensity / -1", schema, slots), "integer overflow in division");
  CHECK_THROWS_WITH(run("intensity - 1", schema, slots), "integer overflow in subtraction");
  CHECK(run("intensity % -1", schema, slots) == 0);
  CHECK(run("intensity / 1", schema, slots) == kMin);
  CHECK(run("min(intensity, 0)", schema, slots) == kMin);

  slots[schema.slot("intensity")] = kMax;
  CHECK(run("intensity - 1 + 1", schema, slots) == kMax);
  CHECK_THROWS_WITH(run("intensity + 1 - 1", schema, slots), "integer overflow in addition");
}

TEST_CASE("evaluate refuses malformed programs instead of reading out of bounds", "[expr]") {
  Program program;
  set_instructions(program, {{Op::load, 5}});
  program.max_stack = 1;
  const std::int64_t slots[2] = {1, 2};
  CHECK_THROWS_AS(evaluate(program, slots), EvaluationError);
  set_instructions(program, {{Op::push, 1}, {Op::push, 2}});
  CHECK_THROWS_AS(evaluate(program, slots), EvaluationError);
  set_instructions(program, std::vector<Instr>(65, Instr{Op::push, 1}));
  CHECK_THROWS_AS(evaluate(program, slots), EvaluationError);
}

}  // namespace
}  // namespace redress::expr::test
