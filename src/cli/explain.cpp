// redress explain INCIDENT [--policy FILE] --outcome KIND[:ID] [--json]
#include <iostream>

#include "cli/commands.hpp"
#include "cli/policy_arg.hpp"
#include "redress/engine/decide.hpp"
#include "redress/explain/counterfactual.hpp"

namespace redress::cli {

int run_explain(const ExplainArgs& args) {
  const auto loaded = load_policy_arg(args.policy);
  if (!loaded.policy) return report_policy_failure(loaded);
  const auto& policy = *loaded.policy;
  Diagnostics problems;
  const auto outcome = explain::parse_outcome(policy, args.outcome, problems);
  if (!outcome) {
    for (const auto& d : problems.items()) std::cerr << render(d, {});
    return kUsage;
  }
  int exit_code = kOk;
  const auto incident = read_incident_arg(policy, args.incident, exit_code);
  if (!incident) return exit_code;
  try {
    const auto explanation = explain::explain(policy, *incident, *outcome);
    std::cout << (args.json ? explain::to_json(explanation) + "\n"
                            : explain::to_text(policy, explanation));
  } catch (const DecideError& e) {
    for (auto d : e.diagnostics().items()) {
      if (d.location.file.empty()) d.location.file = args.incident;
      std::cerr << render(d, {});
    }
    return kInvalidInput;
  }
  return kOk;
}

}  // namespace redress::cli
