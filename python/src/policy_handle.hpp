// A compiled policy as the Python package holds it: the policy, the incident schema read
// against it, and its YAML text (which is how a policy travels to other processes).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "redress/compile/compiled_policy.hpp"
#include "redress/compile/compiler.hpp"
#include "redress/io/incident_reader.hpp"

namespace redress::python {

/// Immutable once made, so one handle is shared by every thread deciding with it.
struct PolicyHandle {
  std::shared_ptr<const CompiledPolicy> policy;
  io::IncidentSchema schema;  ///< io::incident_schema(*policy)
  std::string source;         ///< the YAML text it was compiled from
  std::string name;           ///< the name its diagnostics give as file
};

/// The handle of a compiled policy; throws Failure (policy) when `result` has errors.
std::shared_ptr<PolicyHandle> make_handle(CompileResult result, std::string_view name);

/// Decides one incident (a JSON or YAML document) and returns the decision as one line of JSON,
/// byte for byte what `redress batch` writes for it. Throws Failure (incident or decide).
std::string decide_json(const PolicyHandle& handle, std::string_view incident, bool trace);

/// The counterfactual explanation of `outcome` ("owner", "remedy:ID", ... as `redress explain
/// --outcome`) for one incident, as one line of the JSON `redress explain --json` writes.
/// Throws std::invalid_argument (ValueError) for an unknown outcome, Failure as decide_json.
std::string explain_json(const PolicyHandle& handle, std::string_view incident,
                         std::string_view outcome);

}  // namespace redress::python
