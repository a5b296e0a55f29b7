// Code generation: constant folding, instruction shapes, reads, max_stack, and the AST kept
// for later analysis.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "expr/codegen.hpp"
#include "redress/expr/ast.hpp"
#include "unit/expr/test_schema.hpp"

namespace redress::expr {

// For readable failure messages.
std::ostream& operator<<(std::ostream& out, const Instr& instr) {
  return out << '{' << static_cast<int>(instr.op) << ", " << instr.arg << '}';
}

namespace test {
namespace {

std::vector<Instr> code_of(const Program& program) {
  const auto code = instructions(program);
  return {code.begin(), code.end()};
}

Program compiled(std::string_view text, TestSchema& schema,
                 std::optional<Type> expected = std::nullopt) {
  auto result = compile_text(text, schema, expected);
  INFO(text);
  for (const auto& d : result.diagnostics.items()) INFO(d.code << ": " << d.message);
  REQUIRE(result.program.has_value());
  return *result.program;
}

TEST_CASE("constant expressions fold to one push", "[expr][codegen]") {
  TestSchema schema;
  struct Row {
    std::string_view text;
    std::int64_t value;
  };
  const Row rows[] = {
      {"1", 1},
      {"2 + 1", 3},
      {"-3", -3},
      {"500 CNY", 50000},
      {"12.5 CNY", 1250},
      {"-12.50 CNY * 2", -2500},
      {"true and false", 0},
      {"not false", 1},
      {"min(3, 2) * 2", 4},
      {"(7 - 10) / 2", -1},
      {"2 * 3 > 5 or false", 1},
      {"\"web\" == \"web\"", 1},
      {"\"web\" == \"app\"", 0},
  };
  for (const auto& row : rows) {
    CAPTURE(row.text);
    const Program program = compiled(row.text, schema);
    CHECK(program.constant() == row.value);
    CHECK(code_of(program) == std::vector<Instr>{{Op::push, row.value}});
    CHECK(program.reads.empty());
    CHECK(program.max_stack == 1);
  }
}

TEST_CASE("string literals are interned; enum values and categories are constants",
          "[expr][codegen]") {
  TestSchema schema;
  const Program web = compiled("\"web\"", schema);
  REQUIRE(schema.interned.size() == 1);
  CHECK(schema.interned[0] == "web");
  CHECK(web.constant() == 0);
  CHECK(web.type == Type::string());
  CHECK(compiled("\"app\"", schema).constant() == 1);
  CHECK(compiled("\"web\"", schema).constant() == 0);

  // Where the context expects an enum or a category, a bare name is a value.
  const Program angry = compiled("angry", schema, Type::enumeration_of(schema.emotion));
  CHECK(angry.constant() == 1);
  CHECK(angry.type == Type::enumeration_of(schema.emotion));
  CHECK(compiled("core.unavailable", schema, Type::category()).constant() == 2);
  CHECK(compiled("emotion", schema, Type::enumeration_of(schema.emotion)).constant() ==
        std::nullopt);
}

TEST_CASE("only fact-free subtrees are folded", "[expr][codegen]") {
  TestSchema schema;
  const Program program = compiled("intensity + 2 * 3", schema);
  CHECK(code_of(program) == std::vector<Instr>{{Op::load, 1}, {Op::push, 6}, {Op::add, 0}});
  CHECK(program.constant() == std::nullopt);
  CHECK(program.reads == std::vector<std::uint32_t>{1});
  CHECK(program.type == Type::integer());
}

TEST_CASE("and/or compile to keep-jumps to the end of the right operand", "[expr][codegen]") {
  TestSchema schema;
  CHECK(code_of(compiled("safety_critical and intensity > 2", schema)) ==
        std::vector<Instr>{
            {Op::load, 6}, {Op::jump_if_false_keep, 5}, {Op::load, 1}, {Op::push, 2}, {Op::gt, 0}});
  CHECK(code_of(compiled("safety_critical or not safety_critical", schema)) ==
        std::vector<Instr>{
            {Op::load, 6}, {Op::jump_if_true_keep, 4}, {Op::load, 6}, {Op::logical_not, 0}});
}

TEST_CASE("membership picks the cheapest instruction", "[expr][codegen]") {
  TestSchema schema;
  SECTION("enum list: one constant mask") {
    CHECK(code_of(compiled("emotion in [angry, aggrieved]", schema)) ==
          std::vector<Instr>{{Op::load, 0}, {Op::in_mask, (1 << 1) | (1 << 5)}});
    CHECK(code_of(compiled("emotion not in [calm]", schema)) ==
          std::vector<Instr>{{Op::load, 0}, {Op::in_mask, 1}, {Op::logical_not, 0}});
  }
  SECTION("category: an interval test") {
    CHECK(code_of(compiled("category in core.unavailable", schema)) ==
          std::vector<Instr>{{Op::load, 4}, {Op::in_range, (std::int64_t{2} << 32) | 4}});
  }
  SECTION("category list: intervals joined by or") {
    CHECK(code_of(compiled("category in [core.slow, process]", schema)) ==
          std::vector<Instr>{{Op::load, 4},
                             {Op::in_range, (std::int64_t{1} << 32) | 2},
                             {Op::jump_if_true_keep, 5},
                             {Op::load, 4},
                             {Op::in_range, (std::int64_t{5} << 32) | 8}});
  }
  SECTION("int list: equalities joined by or") {
    CHECK(code_of(compiled("priority in [1, 2]", schema)) ==
          std::vector<Instr>{{Op::load, 9},
                             {Op::push, 1},
                             {Op::eq, 0},
                             {Op::jump_if_true_keep, 7},
                             {Op::load, 9},
                             {Op::push, 2},
                             {Op::eq, 0}});
  }
  SECTION("set: a mask for a constant value, set_has otherwise") {
    CHECK(code_of(compiled("interactional in deficits", schema)) ==
          std::vector<Instr>{{Op::load, 3}, {Op::set_and_mask, 4}});
    CHECK(code_of(compiled("has(deficits, dimension)", schema)) ==
          std::vector<Instr>{{Op::load, 12}, {Op::load, 3}, {Op::set_has, 0}});
    CHECK(code_of(compiled("count(deficits)", schema)) ==
          std::vector<Instr>{{Op::load, 3}, {Op::popcount, 0}});
  }
}

TEST_CASE("reads lists each fact slot once, sorted", "[expr][codegen]") {
  TestSchema schema;
  const Program program =
      compiled("loss > 0 CNY and intensity >= 3 or intensity < 2 and emotion in [angry]", schema);
  CHECK(program.reads == std::vector<std::uint32_t>{0, 1, 2});
  CHECK(compiled("1 + 1 == 2", schema).reads.empty());
}

TEST_CASE("max_stack is the deepest the stack gets", "[expr][codegen]") {
  TestSchema schema;
  CHECK(compiled("intensity", schema).max_stack == 1);
  CHECK(compiled("intensity + intensity + intensity", schema).max_stack == 2);
  CHECK(compiled("intensity + intensity * intensity", schema).max_stack == 3);
  CHECK(compiled("intensity + (intensity + (intensity + intensity))", schema).max_stack == 4);
  CHECK(compiled("min(intensity, priority, major)", schema).max_stack == 2);
  CHECK(detail::stack_need({{Op::push, 1}, {Op::push, 2}, {Op::add, 0}}) == 2);
}

TEST_CASE("the checked tree keeps resolved names, types and source positions", "[expr][ast]") {
  TestSchema schema;
  const Program program = compiled("intensity + 1 > 2 and emotion == angry", schema);
  REQUIRE(program.ast);
  const Node& root = *program.ast;
  CHECK(root.kind == NodeKind::binary);
  CHECK(root.op == Operator::logical_and);
  CHECK(root.offset == 18);
  CHECK(root.begin == 0);
  CHECK(root.end == 38);
  REQUIRE(root.children.size() == 2);

  const Node& greater = root.children[0];
  CHECK(greater.op == Operator::gt);
  CHECK(greater.type == Type::boolean());
  const Node& sum = greater.children[0];
  CHECK(sum.op == Operator::add);
  CHECK(sum.type == Type::integer());
  CHECK(sum.children[0].kind == NodeKind::fact);
  CHECK(sum.children[0].text == "intensity");
  CHECK(sum.children[0].slot == 1);
  CHECK(sum.reads_facts());
  CHECK_FALSE(greater.children[1].reads_facts());

  const Node& angry = root.children[1].children[1];
  CHECK(angry.kind == NodeKind::literal);
  CHECK(angry.type == Type::enumeration_of(schema.emotion));
  CHECK(angry.value == 1);
  CHECK(angry.text == "angry");
  CHECK(angry.offset == 33);

  const Program category = compiled("category in [core.slow]", schema);
  const Node& item = category.ast->children[1].children[0];
  CHECK(category.ast->kind == NodeKind::membership);
  CHECK(category.ast->children[1].kind == NodeKind::list);
  CHECK(item.value == 1);
  CHECK(item.value_end == 2);
  CHECK(to_string(Operator::not_in) == "not in");
  CHECK(to_string(Function::has) == "has");
}

TEST_CASE("types have readable names", "[expr]") {
  TestSchema schema;
  CHECK(Type::boolean().name() == "bool");
  CHECK(Type::integer().name() == "int");
  CHECK(Type::money().name() == "money");
  CHECK(Type::category().name() == "category");
  CHECK(Type::string().name() == "string");
  CHECK(Type::enumeration_of(schema.emotion).name() == "Emotion");
  CHECK(Type::set_of(schema.justice).name() == "set of Justice");
  CHECK(schema.justice.index_of("interactional") == 2);
  CHECK(schema.justice.index_of("distributive") == std::nullopt);
}

}  // namespace
}  // namespace test
}  // namespace redress::expr
