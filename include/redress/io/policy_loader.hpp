// Loading a policy file (YAML) into a PolicySpec, with a diagnostic for every malformed part.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "redress/diag/diagnostic.hpp"
#include "redress/policy/spec.hpp"

namespace redress::io {

/// What load_policy_spec() found: a spec, or why not.
struct SpecResult {
  std::optional<policy::PolicySpec> spec;  ///< empty when there is any error
  Diagnostics diagnostics;                 ///< errors and warnings, in the order found
};

/// Parses policy YAML. `file` names the source in diagnostics. Checks the document's shape:
/// YAML syntax, known keys (with a did-you-mean hint), value kinds, required keys. Names and
/// expressions are left as text for the compiler. Codes: yaml.syntax, policy.unknown_key,
/// policy.wrong_type, policy.missing_key, policy.bad_value, policy.duplicate_key.
SpecResult load_policy_spec(std::string_view text, std::string_view file);

/// What load_clock_library() found: a library, or why not.
struct LibraryResult {
  std::optional<policy::ClockLibrarySpec> library;  ///< empty when there is any error
  Diagnostics diagnostics;                          ///< errors, in the order found
};

/// Parses a clock library ({library: {id, version, description}, include: [...], clocks: [...]}),
/// a file of clocks that policies include. Its own includes are left as written; load_policy()
/// resolves them.
LibraryResult load_clock_library(std::string_view text, std::string_view file);

/// Parses a taxonomy document ({categories: [{id, type, description}, ...]}), such as the
/// embedded rules/taxonomy.yaml, into category specs in written order. Returns nullopt when
/// there is an error; every problem is appended to `diagnostics`.
std::optional<std::vector<policy::CategorySpec>> load_taxonomy(std::string_view text,
                                                               std::string_view file,
                                                               Diagnostics& diagnostics);

}  // namespace redress::io
