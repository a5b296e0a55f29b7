// redress decide [--policy FILE] [--json] [--trace] INCIDENT...
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "redress/engine/decide.hpp"
#include "redress/io/decision_writer.hpp"
#include "redress/io/incident_reader.hpp"
#include "redress/io/incident_schema.hpp"
#include "redress/io/load_policy.hpp"

namespace redress::cli {
namespace {

void print_diagnostics(const Diagnostics& diagnostics, std::string_view source) {
  for (const auto& d : diagnostics.items()) std::cerr << render(d, source);
}

CompileResult load(const DecideArgs& args) {
  if (args.policy.empty()) return load_default_policy();
  std::string text;
  std::string error;
  if (!read_input(args.policy, text, error)) {
    CompileResult failed;
    failed.diagnostics.error("policy.io", {args.policy, -1, -1},
                             fmt::format("cannot read policy file '{}': {}", args.policy, error),
                             "check the path and the file's permissions");
    return failed;
  }
  return load_policy(text, args.policy);
}

}  // namespace

int run_decide(const DecideArgs& args) {
  const auto loaded = load(args);
  if (!loaded.policy) {
    print_diagnostics(loaded.diagnostics, loaded.source);
    return loaded.diagnostics.size() == 1 && loaded.diagnostics.items()[0].code == "policy.io"
               ? kUnreadable
               : kPolicyInvalid;
  }
  const auto& policy = *loaded.policy;
  const auto schema = io::incident_schema(policy);
  const DecideOptions options{args.trace, args.locale};
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
