// Loading and compiling a policy in one step: from text, from a file, or the built-in default.
#pragma once

#include <filesystem>
#include <string_view>

#include "redress/compile/compiler.hpp"

namespace redress {

/// Loads and compiles policy YAML text; `file` names it in diagnostics. When the policy's
/// taxonomy base is `standard` (the default), the standard taxonomy is added first. Problems in
/// the policy are returned as diagnostics, not thrown. Thread-safe.
CompileResult load_policy(std::string_view text, std::string_view file);
/// Reads and compiles a policy file. A file that cannot be read (missing, a directory, not
/// permitted) gives a `policy.io` error saying why.
CompileResult load_policy_file(const std::filesystem::path& path);
/// The built-in default policy (rules/default.yaml, embedded at build time), compiled anew on
/// every call.
CompileResult load_default_policy();

}  // namespace redress
