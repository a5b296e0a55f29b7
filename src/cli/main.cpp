// redress: decide service-recovery incidents with a policy, and check policies.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace {

constexpr const char* kExitCodes =
    "Exit codes: 0 success; 1 invalid input (a malformed incident, or check found errors); "
    "2 bad arguments; 3 the policy did not compile; 4 a file could not be read.";

}  // namespace

int main(int argc, char** argv) {
  using namespace redress::cli;
  CLI::App app{"redress decides how to put things right after a service failure."};
  app.footer(kExitCodes);
  app.require_subcommand(1);

  DecideArgs decide;
  auto* decide_cmd = app.add_subcommand("decide", "Decide incidents (JSON or YAML files, - for stdin)");
  decide_cmd->add_option("--policy", decide.policy, "Policy file (default: the built-in policy)");
  decide_cmd->add_flag("--json", decide.json, "Print JSON (rules/schema/decision.schema.json)");
  decide_cmd->add_flag("--trace", decide.trace, "Include every rule's evaluation");
  decide_cmd->add_option("--locale", decide.locale, "Locale of texts (default: the policy's first)");
  decide_cmd->add_option("incidents", decide.incidents, "Incident files")->required();

  CheckArgs check;
  auto* check_cmd = app.add_subcommand("check", "Validate policies and print diagnostics");
  check_cmd->add_option("policies", check.policies, "Policy files")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kOk : kUsage;
  }
  if (*decide_cmd) return run_decide(decide);
  return run_check(check);
}
