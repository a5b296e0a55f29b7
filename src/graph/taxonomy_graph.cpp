// The taxonomy tree: categories under their parents.
#include <fmt/format.h>

#include "graph/dot_writer.hpp"
#include "redress/graph/policy_graph.hpp"

namespace redress::graph {

std::string taxonomy_dot(const CompiledPolicy& p) {
  std::string out = dot_header(p.identity.id + " taxonomy", "LR");
  out += "  node [shape=box, style=rounded];\n  root [label=\"taxonomy\", shape=plaintext];\n";
  for (std::size_t i = 0; i < p.categories.size(); ++i) {
    const auto& c = p.categories[i];
    const auto dot = c.id.rfind('.');
    const std::string leaf = dot == std::string::npos ? c.id : c.id.substr(dot + 1);
    out +=
        fmt::format("  c{} [label={}, tooltip={}];\n", i,
                    quoted(fmt::format("{}\n({})", leaf, to_string(c.failure_type))), quoted(c.id));
  }
  for (std::size_t i = 0; i < p.categories.size(); ++i) {
    const auto parent = p.categories[i].parent;
    out +=
        parent < 0 ? fmt::format("  root -> c{};\n", i) : fmt::format("  c{} -> c{};\n", parent, i);
  }
  out += "}\n";
  return out;
}

}  // namespace redress::graph
