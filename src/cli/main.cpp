// redress: decide service-recovery incidents with a policy, and check policies.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace {

constexpr const char* kExitCodes =
    "Exit codes: 0 success; 1 invalid input (a malformed incident, check found errors, or a "
    "test failed); 2 bad arguments; 3 the policy did not compile; 4 a file could not be read or "
    "the output could not be written.";

}  // namespace

int main(int argc, char** argv) {
  using namespace redress::cli;
  CLI::App app{"redress decides how to put things right after a service failure."};
  app.footer(kExitCodes);
  app.require_subcommand(1);

  DecideArgs decide;
  auto* decide_cmd =
      app.add_subcommand("decide", "Decide incidents (JSON or YAML files, - for stdin)");
  decide_cmd->add_option("--policy", decide.policy, "Policy file (default: the built-in policy)");
  decide_cmd->add_flag("--json", decide.json, "Print JSON (rules/schema/decision.schema.json)");
  decide_cmd->add_flag("--trace", decide.trace, "Include every rule's evaluation");
  decide_cmd->add_option("--locale", decide.locale,
                         "Locale of texts (default: the policy's first)");
  decide_cmd->add_option("incidents", decide.incidents, "Incident files")->required();

  BatchArgs batch;
  auto* batch_cmd = app.add_subcommand(
      "batch", "Decide JSON lines (one incident per line) into JSON lines, in order, in parallel");
  batch_cmd->add_option("--policy", batch.policy, "Policy file (default: the built-in policy)");
  batch_cmd
      ->add_option("--threads", batch.threads, "Threads deciding (default: the number of cores)")
      ->check(CLI::Range(1U, 1024U));
  batch_cmd->add_flag("--trace", batch.trace, "Include every rule's evaluation");
  batch_cmd->add_option("--locale", batch.locale, "Locale of texts (default: the policy's first)");
  batch_cmd->add_option("input", batch.input, "Incidents, one JSON object a line (default: stdin)");
  batch_cmd->add_option("-o,--output", batch.output, "Write the decisions here (default: stdout)");

  CheckArgs check;
  auto* check_cmd =
      app.add_subcommand("check", "Validate and lint policies; print diagnostics and findings");
  check_cmd->add_option("--format", check.format, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  check_cmd->add_option("policies", check.policies, "Policy files")->required();

  TestArgs test;
  auto* test_cmd = app.add_subcommand("test", "Run policy test suites");
  test_cmd->add_option("--policy", test.policy, "Policy file (default: each suite's 'policy:')");
  test_cmd->add_option("--junit", test.junit, "Write JUnit XML to this file");
  test_cmd->add_option("--filter", test.filter, "Run only cases whose name contains this text");
  test_cmd->add_flag("--coverage", test.coverage, "Report how many cases fired each rule");
  test_cmd
      ->add_option("--min-coverage", test.min_coverage,
                   "Fail when fewer than this percentage of rules fired")
      ->check(CLI::Range(0.0, 100.0));
  test_cmd->add_option("suites", test.suites, "Test suite files")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kOk : kUsage;
  }
  if (*batch_cmd) return run_batch(batch);  // reports its own output errors, line by line
  if (*decide_cmd) return finish_output(run_decide(decide));
  if (*test_cmd) return finish_output(run_test(test));
  return finish_output(run_check(check));
}
