// redress diff --semantic OLD NEW
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/policy_arg.hpp"
#include "redress/engine/decide.hpp"
#include "redress/explain/semantic_diff.hpp"

namespace redress::cli {

int run_semantic_diff(const DiffArgs& args) {
  const auto old_policy = load_policy_arg(args.before);
  if (!old_policy.policy) return report_policy_failure(old_policy);
  const auto new_policy = load_policy_arg(args.after);
  if (!new_policy.policy) return report_policy_failure(new_policy);
  if (!(old_policy.policy->currency == new_policy.policy->currency)) {
    std::cerr << fmt::format(
        "redress diff: {} uses {} and {} uses {}: amounts cannot be compared\n", args.before,
        old_policy.policy->currency.code(), args.after, new_policy.policy->currency.code());
    return kUsage;
  }
  explain::DiffOptions options;
  options.samples = args.samples;
  options.seed = args.seed;
  try {
    const auto diff = explain::semantic_diff(
        *old_policy.policy, *new_policy.policy,
        explain::default_base(*old_policy.policy, *new_policy.policy), options);
    std::cout << explain::to_text(*old_policy.policy, *new_policy.policy, diff);
    return diff.regions.empty() ? kOk : kInvalidInput;
  } catch (const DecideError& e) {
    // The base incident does not fit one of them: a host fact it requires has no default.
    for (const auto& d : e.diagnostics().items()) std::cerr << render(d, {});
    std::cerr << "redress diff: give every host fact a default to compare these policies\n";
    return kInvalidInput;
  }
}

}  // namespace redress::cli
