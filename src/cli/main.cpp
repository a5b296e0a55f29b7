// redress: decide service-recovery incidents with a policy, and check policies.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace {

constexpr const char* kExitCodes =
    "Exit codes: 0 success; 1 invalid input (a malformed incident, check found errors, or a "
    "test failed); 2 bad arguments; 3 the policy did not compile; 4 a file could not be read or "
    "the output could not be written; 5 `serve` could not listen.";

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
  decide_cmd->add_option("--as-of", decide.as_of,
                         "Decision time (YYYY-MM-DD or a timestamp) for policies that decide "
                         "under what is in force when decided");
  decide_cmd->add_option("--explain", decide.explain,
                         "Add what would change this outcome (owner, priority, remedy:ID, ...)");
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
  batch_cmd->add_option("--as-of", batch.as_of,
                        "Decision time (YYYY-MM-DD or a timestamp) for policies that decide "
                        "under what is in force when decided");
  batch_cmd->add_option("input", batch.input, "Incidents, one JSON object a line (default: stdin)");
  batch_cmd->add_option("-o,--output", batch.output, "Write the decisions here (default: stdout)");
  batch_cmd->add_option("--group-report", batch.group_report,
                        "Write the members of incident groups decided unlike their group here "
                        "(JSON lines)");

  ReplayArgs replay;
  auto* replay_cmd = app.add_subcommand(
      "replay", "Decide past cases under two policies; write what changed and a summary");
  replay_cmd->add_option("--baseline", replay.baseline, "Policy in force (a file, or default)")
      ->required();
  replay_cmd->add_option("--candidate", replay.candidate, "Policy to try (a file, or default)")
      ->required();
  replay_cmd->add_option("input", replay.input, "Cases, one incident a JSON line (default: stdin)");
  replay_cmd->add_option("-o,--output", replay.output,
                         "Write one line a case here (default: stdout)");
  replay_cmd->add_option("--summary-json", replay.summary_json, "Write the summary as JSON here");
  replay_cmd->add_option("--report", replay.report,
                         "Write a self-contained HTML report (charts, pictures, changed cases)");
  replay_cmd->add_option("--top", replay.top, "Largest cost changes in the summary (default: 10)");
  replay_cmd
      ->add_option("--threads", replay.threads, "Threads deciding (default: the number of cores)")
      ->check(CLI::Range(1U, 1024U));

  DiffArgs diff;
  auto* diff_cmd = app.add_subcommand(
      "diff", "Show what changed between two policies: rules, remedies, roles, SLA, calendars");
  diff_cmd->add_option("old", diff.before, "The policy in force (a file, or default)")->required();
  diff_cmd->add_option("new", diff.after, "The changed policy (a file, or default)")->required();
  diff_cmd->add_option("--format", diff.format, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  diff_cmd->add_flag("--semantic", diff.semantic,
                     "Instead: regions of the input space where the two decide differently");
  diff_cmd->add_option("--samples", diff.samples, "--semantic: incidents to sample (default 5000)");
  diff_cmd->add_option("--seed", diff.seed, "--semantic: seed of the sample (default 1)");

  GraphArgs graph;
  auto* graph_cmd = app.add_subcommand(
      "graph", "Draw a policy: the rule graph, the escalation ladder or the taxonomy");
  graph_cmd->add_option("policy", graph.policy, "Policy file, or default")->required();
  graph_cmd->add_option("--what", graph.what, "rules (default), roles or taxonomy")
      ->check(CLI::IsMember({"rules", "roles", "taxonomy"}));
  graph_cmd->add_option("--format", graph.format, "dot (default), or svg through Graphviz")
      ->check(CLI::IsMember({"dot", "svg"}));

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
  test_cmd->add_option("--report", test.report,
                       "Write the rule coverage as a self-contained HTML page");
  test_cmd->add_option("--filter", test.filter, "Run only cases whose name contains this text");
  test_cmd->add_flag("--coverage", test.coverage, "Report how many cases fired each rule");
  test_cmd
      ->add_option("--min-coverage", test.min_coverage,
                   "Fail when fewer than this percentage of rules fired")
      ->check(CLI::Range(0.0, 100.0));
  test_cmd->add_option("suites", test.suites, "Test suite files")->required();

  ExplainArgs explain;
  auto* explain_cmd = app.add_subcommand(
      "explain", "The smallest changes to an incident that would change one outcome");
  explain_cmd->add_option("--policy", explain.policy, "Policy file (default: the built-in policy)");
  explain_cmd
      ->add_option("--outcome", explain.outcome,
                   "owner, priority, remedy:ID, flag:ID, clock:ID or commitment:ID")
      ->required();
  explain_cmd->add_flag("--json", explain.json, "Print JSON");
  explain_cmd->add_option("incident", explain.incident, "Incident file (- for stdin)")->required();
  ServeArgs serve;
  auto* serve_cmd = add_serve_command(app, serve);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kOk : kUsage;
  }
  if (*batch_cmd) return run_batch(batch);     // reports its own output errors, line by line
  if (*replay_cmd) return run_replay(replay);  // the same
  if (*serve_cmd) return run_serve(serve);
  if (*decide_cmd) return finish_output(run_decide(decide));
  if (*diff_cmd) return finish_output(run_diff(diff));
  if (*explain_cmd) return finish_output(run_explain(explain));
  if (*test_cmd) return finish_output(run_test(test));
  if (*graph_cmd) return finish_output(run_graph(graph));
  return finish_output(run_check(check));
}
