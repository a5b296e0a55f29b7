// Turning policy text into a CompiledPolicy: load (YAML), resolve, type-check, build the rule
// and role graphs. A policy with any error-level diagnostic is never returned.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "redress/compile/compiled_policy.hpp"
#include "redress/diag/diagnostic.hpp"
#include "redress/expr/program.hpp"
#include "redress/expr/type.hpp"
#include "redress/policy/spec.hpp"

namespace redress {

/// What compiling a policy gave: a policy, or the diagnostics saying why not.
struct CompileResult {
  std::shared_ptr<const CompiledPolicy> policy;  ///< null when diagnostics has an error
  Diagnostics diagnostics;                       ///< errors, warnings; sorted by location
  std::string file;                              ///< the name the policy was loaded under
  /// The policy's source text, for rendering diagnostics with their source line.
  std::string source;
  std::vector<policy::SourceFile> included;  ///< the files it includes, with their texts

  /// The text of the file a diagnostic points into (the policy's or an included file's), for
  /// render(); empty when it is neither.
  [[nodiscard]] std::string_view source_of(std::string_view diagnostic_file) const {
    if (diagnostic_file == file) return source;
    for (const auto& f : included) {
      if (f.file == diagnostic_file) return f.text;
    }
    return {};
  }
};

/// Compiles a loaded spec (see io/load_policy.hpp for loading from text or files). The spec's
/// taxonomy must already include its base categories. Problems in the policy are returned as
/// diagnostics, never thrown. Thread-safe: calls share no state.
CompileResult compile_policy(const policy::PolicySpec& spec);

/// Compiles an expression against a compiled policy's facts, categories and currency, as its
/// own conditions were compiled (a string literal the policy never mentions equals no value).
/// For tools that analyse a policy: the linter, explanations, properties. Errors go to
/// `diagnostics` without a location; nullopt when there is any. Thread-safe.
std::optional<expr::Program> compile_expression(const CompiledPolicy& policy, std::string_view text,
                                                std::optional<expr::Type> expected,
                                                Diagnostics& diagnostics);

}  // namespace redress
