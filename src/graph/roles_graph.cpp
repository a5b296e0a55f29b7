// The escalation ladder: who reports to whom, with the authority of each role.
#include <fmt/format.h>

#include <algorithm>

#include "graph/dot_writer.hpp"
#include "redress/graph/policy_graph.hpp"

namespace redress::graph {

std::string roles_dot(const CompiledPolicy& p) {
  std::string out = dot_header(p.identity.id + " roles", "BT");
  out += "  node [shape=box];\n";
  const auto entry = p.escalation_chain.empty() ? -1 : static_cast<int>(p.escalation_chain[0]);
  for (std::size_t i = 0; i < p.roles.size(); ++i) {
    const auto& role = p.roles[i];
    const std::string authority =
        role.authority ? Money(*role.authority, p.currency).to_string() : "unlimited";
    out += fmt::format("  role{} [label={}{}];\n", i,
                       quoted(fmt::format("{}\n{}\nauthority {}", role.id, role.title, authority)),
                       static_cast<int>(i) == entry ? ", style=bold, penwidth=2" : "");
  }
  for (std::size_t i = 0; i < p.roles.size(); ++i) {
    if (p.roles[i].reports_to >= 0) {
      out += fmt::format("  role{} -> role{} [label=\"reports to\"];\n", i, p.roles[i].reports_to);
    }
  }
  out += "}\n";
  return out;
}

}  // namespace redress::graph
