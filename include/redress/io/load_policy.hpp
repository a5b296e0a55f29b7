// Loading and compiling a policy in one step: from text, from a file, or the built-in default.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>

#include "redress/compile/compiler.hpp"

namespace redress {

/// Loads and compiles policy YAML text; `file` names it in diagnostics. Its `include:` files are
/// resolved against `include_dir`, or without one against the directory of `file` (a text
/// named "<request>" has none: the working directory). When the policy's taxonomy base is
/// `standard` (the default), the standard taxonomy is added first. Problems in the policy are
/// returned as diagnostics, not thrown. Thread-safe.
CompileResult load_policy(std::string_view text, std::string_view file,
                          const std::optional<std::filesystem::path>& include_dir = {});
/// A policy compiled, and the spec it was compiled from: what load_policy_and_spec() gives.
struct LoadedPolicy {
  CompileResult compiled;  ///< as load_policy() gives it
  /// The spec, with its includes' clocks and the base taxonomy added; null when the text did
  /// not load (`compiled.policy` is null too). Present when it loaded but did not compile.
  std::shared_ptr<const policy::PolicySpec> spec;
};
/// load_policy(), keeping the spec it compiled: one reading of the text for tools that show a
/// policy's contents and must not show one that cannot be used (`redress diff`).
LoadedPolicy load_policy_and_spec(std::string_view text, std::string_view file,
                                  const std::optional<std::filesystem::path>& include_dir = {});
/// Reads and compiles a policy file. A file that cannot be read (missing, a directory, not
/// permitted) gives a `policy.io` error saying why.
CompileResult load_policy_file(const std::filesystem::path& path);
/// The built-in default policy (rules/default.yaml, embedded at build time), compiled anew on
/// every call.
CompileResult load_default_policy();
/// The built-in default policy and its spec, as load_policy_and_spec() gives them.
LoadedPolicy load_default_policy_and_spec();

}  // namespace redress
