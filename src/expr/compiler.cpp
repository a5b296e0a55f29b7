#include "redress/expr/compiler.hpp"

#include <memory>

#include "checker.hpp"
#include "codegen.hpp"
#include "error.hpp"
#include "parser.hpp"
#include "redress/expr/ast.hpp"

namespace redress::expr {

std::optional<Program> compile(std::string_view text, Schema& schema, std::optional<Type> expected,
                               const std::function<SourceLocation(std::size_t)>& locate,
                               Diagnostics& diagnostics) {
  try {
    const detail::Syntax syntax = detail::parse(text, detail::currency_code(schema.currency()));
    auto ast = std::make_shared<const Node>(detail::check(syntax, text, schema, expected));
    Program program = detail::generate(*ast);
    program.type = ast->type;
    // Built by push_back: trim the growth slack, as a policy holds thousands of programs.
    program.reads.shrink_to_fit();
    program.ast = std::move(ast);
    return program;
  } catch (const detail::CompileError& error) {
    diagnostics.error(error.code, locate(error.offset), error.message, error.hint);
    return std::nullopt;
  }
}

}  // namespace redress::expr
