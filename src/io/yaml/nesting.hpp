// The nesting limit of policy and incident documents, checked on the parser's events before any
// node is built: a deeply nested document gets a located diagnostic instead of yaml-cpp's "bad
// file" (its own guard, at about 500 levels, has no useful position).
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string_view>

namespace redress::io::yaml {

/// The most levels of collections (maps and lists) a policy or an incident may nest, the
/// top-level map being the first. The shipped policies need 8, incidents 3 (rules/README.md,
/// "Limits").
inline constexpr int kMaxNesting = 64;

/// Where the first document of `text` first opens a collection deeper than `limit` levels, or
/// nullopt when it never does. Aliases are not followed. Throws YAML::Exception on a syntax
/// error met before that point.
std::optional<YAML::Mark> first_too_deep(std::string_view text, int limit);

}  // namespace redress::io::yaml
