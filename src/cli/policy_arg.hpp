// Reading the policy and incident arguments of the commands that analyse a policy.
#pragma once

#include <optional>
#include <string>

#include "redress/compile/compiler.hpp"
#include "redress/io/incident_reader.hpp"
#include "redress/io/incident_schema.hpp"
#include "redress/io/load_policy.hpp"

namespace redress::cli {

/// The policy at `path`, or the built-in default policy for "" and "default".
CompileResult load_policy_arg(const std::string& path);
/// The same, with the spec it was compiled from (one reading of the file).
LoadedPolicy load_policy_arg_and_spec(const std::string& path);
/// Prints why a policy did not load; returns kUnreadable or kPolicyInvalid.
int report_policy_failure(const CompileResult& loaded);
/// The incident at `path` ("-": standard input), or nullopt after printing why (and setting
/// `exit_code`).
std::optional<Incident> read_incident_arg(const CompiledPolicy& policy, const std::string& path,
                                          int& exit_code);

}  // namespace redress::cli
