// Fuzz target: one expression, parsed, type-checked and compiled against the small fact schema
// of the expression tests, then evaluated over two sets of fact values. Invariants: a program
// comes back exactly when there is no error, and then with no diagnostic at all; diagnostics
// point inside the text; a program needs at most 64 stack slots and reads only known slots; a
// constant program evaluates to its constant; evaluation fails only with EvaluationError.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

#include "expr/test_schema.hpp"
#include "fuzz_check.hpp"

namespace {

using redress::fuzz::require;
namespace expr = redress::expr;

std::optional<std::int64_t> run(const expr::Program& program, const expr::test::Slots& slots) {
  try {
    return expr::evaluate(program, slots);
  } catch (const expr::EvaluationError&) {
    return std::nullopt;  // overflow or division by zero: reported, never undefined
  }
}

void check_program(const expr::Program& program, expr::test::TestSchema& schema) {
  require(program.max_stack <= 64, "a program needs at most 64 stack slots");
  for (const auto slot : program.reads) {
    require(slot < expr::test::Slots{}.size(), "a program reads only the schema's slots");
  }
  auto slots = expr::test::defaults(schema);
  const auto value = run(program, slots);
  if (const auto constant = program.constant()) {
    require(value == constant, "a constant program evaluates to its constant");
  }
  // Extreme values: arithmetic must overflow into an EvaluationError, never wrap.
  slots[schema.slot("loss")] = std::numeric_limits<std::int64_t>::max();
  slots[schema.slot("intensity")] = std::numeric_limits<std::int64_t>::min();
  slots[schema.slot("priority")] = 0;
  run(program, slots);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  expr::test::TestSchema schema;
  auto compiled = expr::test::compile_text(text, schema);
  require(compiled.program.has_value() != compiled.diagnostics.has_errors(),
          "a program is returned exactly when there is no error");
  for (const auto offset : compiled.located) {
    require(offset <= text.size(), "a diagnostic points inside the expression");
  }
  if (compiled.program) check_program(*compiled.program, schema);
  // The same text where a condition is expected: a `when`.
  auto condition = expr::test::compile_text(text, schema, expr::Type::boolean());
  require(!condition.program || condition.program->type == expr::Type::boolean(),
          "a condition compiles to a boolean");
  if (condition.program) check_program(*condition.program, schema);
  return 0;
}
