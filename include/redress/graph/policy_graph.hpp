// Pictures of a policy in Graphviz DOT: the rule graph, the escalation ladder and the taxonomy;
// and SVG through Graphviz's `dot` program when it is installed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "redress/compile/compiled_policy.hpp"

/// Pictures of a compiled policy (redress graph, the replay report).
namespace redress::graph {

/// Rules as boxes, clustered by group (labelled with the hit policy); derived facts as ellipses,
/// with an edge from each rule that sets a fact to it and from the fact to each rule that reads
/// it; the remaining ordering edges (`after:`, a group's order) dashed, labelled "order".
std::string rules_dot(const CompiledPolicy& policy);
/// The roles from the entry role up, each with its title and authority; edges to the role it
/// reports to; the entry role drawn bold.
std::string roles_dot(const CompiledPolicy& policy);
/// The taxonomy as a tree: each category under its parent, labelled with its id's last part
/// and its failure type.
std::string taxonomy_dot(const CompiledPolicy& policy);

/// What to_svg() gave: the SVG, or why not.
struct SvgResult {
  std::optional<std::string> svg;  ///< the `<svg>` document, without an XML declaration
  std::string error;               ///< when svg is empty: what went wrong and what to do
};

/// Lays out `dot` with Graphviz (`dot -Tsvg`, found on PATH). Without Graphviz, or when it fails,
/// the error says so (install the Debian package graphviz).
SvgResult to_svg(std::string_view dot);

}  // namespace redress::graph
