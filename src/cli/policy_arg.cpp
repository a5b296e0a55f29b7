#include "cli/policy_arg.hpp"

#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "redress/io/load_policy.hpp"

namespace redress::cli {

LoadedPolicy load_policy_arg_and_spec(const std::string& path) {
  if (path.empty() || path == "default") {
    return load_default_policy_and_spec();
  }
  std::string text;
  std::string error;
  if (!read_input(path, text, error)) {
    CompileResult failed;
    failed.diagnostics.error("policy.io", {path, -1, -1},
                             fmt::format("cannot read policy file '{}': {}", path, error),
                             "check the path and the file's permissions");
    return {std::move(failed), nullptr};
  }
  return load_policy_and_spec(text, path);
}

CompileResult load_policy_arg(const std::string& path) {
  return load_policy_arg_and_spec(path).compiled;
}

int report_policy_failure(const CompileResult& loaded) {
  for (const auto& d : loaded.diagnostics.items()) {
    std::cerr << render(d, loaded.source_of(d.location.file));
  }
  return loaded.diagnostics.size() == 1 && loaded.diagnostics.items()[0].code == "policy.io"
             ? kUnreadable
             : kPolicyInvalid;
}

std::optional<Incident> read_incident_arg(const CompiledPolicy& policy, const std::string& path,
                                          int& exit_code) {
  std::string text;
  std::string error;
  const auto input = read_input(path, text, io::kMaxIncidentBytes, error);
  if (input != Input::read) {
    std::cerr << fmt::format(
        "{}: error[incident.{}]: {}\n", path, input == Input::too_large ? "too_large" : "io",
        input == Input::too_large ? "the incident is larger than 16 MiB, the most redress reads"
                                  : "cannot read the file: " + error);
    exit_code = input == Input::too_large ? kInvalidInput : kUnreadable;
    return std::nullopt;
  }
  auto read = io::read_incident(text, path == "-" ? "<stdin>" : path, io::incident_schema(policy));
  if (!read.incident) {
    for (const auto& d : read.diagnostics.items()) std::cerr << render(d, text);
    exit_code = kInvalidInput;
    return std::nullopt;
  }
  return std::move(*read.incident);
}

}  // namespace redress::cli
