// redress decide [--policy FILE] [--json] [--trace] [--explain OUTCOME] INCIDENT...
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/policy_arg.hpp"
#include "redress/engine/decide.hpp"
#include "redress/explain/counterfactual.hpp"
#include "redress/io/decision_writer.hpp"
#include "redress/io/incident_reader.hpp"
#include "redress/io/incident_schema.hpp"

namespace redress::cli {
namespace {

void print_diagnostics(const Diagnostics& diagnostics, std::string_view source) {
  for (const auto& d : diagnostics.items()) std::cerr << render(d, source);
}

}  // namespace

int run_decide(const DecideArgs& args) {
  const auto loaded = load_policy_arg(args.policy);
  if (!loaded.policy) return report_policy_failure(loaded);
  const auto parsed = decide_options(args.trace, args.locale, args.as_of);
  if (!parsed) return kUsage;
  const DecideOptions& options = *parsed;
  const auto& policy = *loaded.policy;
  std::optional<explain::Outcome> outcome;
  if (!args.explain.empty()) {
    if (args.json) {
      std::cerr << "error: --explain adds a section to the text decision; for JSON, use redress "
                   "explain --json\n";
      return kUsage;
    }
    Diagnostics problems;
    outcome = explain::parse_outcome(policy, args.explain, problems);
    if (!outcome) {
      print_diagnostics(problems, {});
      return kUsage;
    }
  }
  const auto schema = io::incident_schema(policy);
  const io::WriteOptions write{args.trace, 2};
  int exit_code = kOk;
  std::vector<std::string> outputs;
  for (const auto& path : args.incidents) {
    std::string text;
    std::string error;
    const auto input = read_input(path, text, io::kMaxIncidentBytes, error);
    if (input == Input::unreadable) {
      std::cerr << fmt::format("{}: error[incident.io]: cannot read the file: {}\n", path, error);
      exit_code = kUnreadable;
      continue;
    }
    if (input == Input::too_large) {
      Diagnostics refused;
      refused.error("incident.too_large", {path, -1, -1},
                    fmt::format("the incident is larger than {} bytes (16 MiB), the most redress "
                                "reads",
                                io::kMaxIncidentBytes),
                    "an incident is a few hundred bytes of fields; keep bulk data out of it");
      print_diagnostics(refused, {});
      if (exit_code == kOk) exit_code = kInvalidInput;
      continue;
    }
    const auto read = io::read_incident(text, path == "-" ? "<stdin>" : path, schema);
    if (!read.incident) {
      print_diagnostics(read.diagnostics, text);
      if (exit_code == kOk) exit_code = kInvalidInput;
      continue;
    }
    try {
      const auto decision = decide(policy, *read.incident, options);
      outputs.push_back(args.json ? io::to_json(decision, write) : io::to_text(decision, write));
      if (outcome) {  // the optional section: what would change that outcome
        outputs.back() +=
            "\nWhat would change it:\n" +
            explain::to_text(policy, explain::explain(policy, *read.incident, *outcome));
      }
    } catch (const DecideError& e) {
      for (auto d : e.diagnostics().items()) {
        if (d.location.file.empty()) d.location.file = path;
        std::cerr << render(d, {});
      }
      if (exit_code == kOk) exit_code = kInvalidInput;
    }
  }
  if (args.json && args.incidents.size() > 1) {
    // Several incidents make one JSON array, so the output stays one valid document.
    std::cout << "[\n";
    for (std::size_t i = 0; i < outputs.size(); ++i) {
      std::cout << outputs[i] << (i + 1 < outputs.size() ? ",\n" : "\n");
    }
    std::cout << "]\n";
  } else {
    for (std::size_t i = 0; i < outputs.size(); ++i) {
      if (i > 0) std::cout << "\n";
      std::cout << outputs[i] << (args.json ? "\n" : "");
    }
  }
  return exit_code;
}

}  // namespace redress::cli
