// redress diff OLD NEW [--format text|json]: what changed between two policies, matched by id.
#include <future>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/policy_arg.hpp"
#include "redress/diff/policy_diff.hpp"

namespace redress::cli {

int run_diff(const DiffArgs& args) {
  if (args.semantic) return run_semantic_diff(args);
  // The two policies load at once: for large policies, reading the YAML is most of the time.
  // Each is compiled, so that a diff is never shown for a policy that cannot be used, and the
  // diff reads the spec it was compiled from.
  auto after_loading = std::async(std::launch::async, load_policy_arg_and_spec, args.after);
  const LoadedPolicy before = load_policy_arg_and_spec(args.before);
  const LoadedPolicy after = after_loading.get();
  for (const LoadedPolicy* side : {&before, &after}) {
    if (!side->compiled.policy) return report_policy_failure(side->compiled);
  }
  const auto diff = diff::diff_policies(*before.spec, *after.spec);
  std::cout << (args.format == "json" ? diff::to_json(diff) : diff::to_text(diff));
  return kOk;
}

}  // namespace redress::cli
