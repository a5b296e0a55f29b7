// Writing DOT text: quoted ids and labels, and the common header of the policy pictures.
#pragma once

#include <string>
#include <string_view>

namespace redress::graph {

/// `text` as a DOT double-quoted string ("\n" in a label stays a line break).
std::string quoted(std::string_view text);

/// `digraph "name" {` with the pictures' common font and node style, and `rankdir`.
std::string dot_header(std::string_view name, std::string_view rankdir);

}  // namespace redress::graph
