// The bounds of a YAML document (policy or incident), checked on the parser's events before any
// node is built: a deeply nested or huge document gets a located diagnostic instead of yaml-cpp's
// "bad file" (its own guard, at about 500 levels, has no useful position) or an exhausted
// machine (it keeps every node in memory, at a few hundred bytes each).
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <limits>
#include <optional>
#include <string_view>

namespace redress::io::yaml {

/// The most levels of collections (maps and lists) a policy may nest, the top-level map being
/// the first. The shipped policies need 8 (rules/README.md, "Limits").
inline constexpr int kMaxNesting = 64;

/// What a document may hold.
struct Bounds {
  int max_depth = kMaxNesting;  ///< levels of maps and lists, the top-level collection first
  std::size_t max_values = std::numeric_limits<std::size_t>::max();  ///< scalars and collections
};

/// Where the first document of a text goes past its bounds.
struct OutOfBounds {
  enum class Kind { too_deep, too_many_values };
  Kind kind;
  YAML::Mark mark;  ///< the collection that opens one level too many, or the value too many
};

/// Where the first document of `text` first goes past `bounds`, or nullopt when it never does.
/// Aliases are not followed. Throws YAML::Exception on a syntax error met before that point.
std::optional<OutOfBounds> first_out_of_bounds(std::string_view text, const Bounds& bounds);

}  // namespace redress::io::yaml
