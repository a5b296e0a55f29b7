// redress graph POLICY --what rules|roles|taxonomy [--format dot|svg]
#include <iostream>

#include "cli/commands.hpp"
#include "cli/policy_arg.hpp"
#include "redress/graph/policy_graph.hpp"

namespace redress::cli {

int run_graph(const GraphArgs& args) {
  const auto loaded = load_policy_arg(args.policy);
  if (!loaded.policy) return report_policy_failure(loaded);
  const auto& policy = *loaded.policy;
  const std::string dot = args.what == "roles"      ? graph::roles_dot(policy)
                          : args.what == "taxonomy" ? graph::taxonomy_dot(policy)
                                                    : graph::rules_dot(policy);
  if (args.format != "svg") {
    std::cout << dot;
    return kOk;
  }
  const auto svg = graph::to_svg(dot);
  if (!svg.svg) {
    std::cerr << "error: cannot write SVG: " << svg.error << "\n";
    return kUsage;
  }
  std::cout << *svg.svg;
  return kOk;
}

}  // namespace redress::cli
