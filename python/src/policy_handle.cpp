#include "policy_handle.hpp"

#include <fmt/format.h>

#include "failure.hpp"
#include "redress/engine/decide.hpp"
#include "redress/io/decision_writer.hpp"
#include "redress/io/incident_schema.hpp"

namespace redress::python {
namespace {

bool names_incident(const Diagnostics& diagnostics) {
  for (const auto& d : diagnostics.items()) {
    if (d.code.starts_with("incident.")) return true;
  }
  return false;
}

}  // namespace

std::shared_ptr<PolicyHandle> make_handle(CompileResult result, std::string_view name) {
  if (!result.policy) {
    // The message first: arguments are evaluated in no fixed order.
    auto message =
        error_summary(fmt::format("policy '{}' does not compile", name), result.diagnostics);
    throw Failure(FailureKind::policy, message, std::move(result.diagnostics));
  }
  auto handle = std::make_shared<PolicyHandle>();
  handle->schema = io::incident_schema(*result.policy);
  handle->policy = std::move(result.policy);
  handle->source = std::move(result.source);
  handle->name = std::string(name);
  return handle;
}

std::string decide_json(const PolicyHandle& handle, std::string_view incident, bool trace) {
  auto read = io::read_incident(incident, "<incident>", handle.schema);
  if (!read.incident) {
    auto message = error_summary("cannot read the incident", read.diagnostics);
    throw Failure(FailureKind::incident, message, std::move(read.diagnostics));
  }
  try {
    const auto decision = decide(*handle.policy, *read.incident, DecideOptions(trace));
    return io::to_json(decision, {.trace = trace, .indent = -1});
  } catch (const DecideError& e) {
    // An incident that does not fit the policy is the incident's fault; an overflow is not.
    const auto kind = names_incident(e.diagnostics()) ? FailureKind::incident : FailureKind::decide;
    throw Failure(kind, error_summary("cannot decide", e.diagnostics()), e.diagnostics());
  }
}

}  // namespace redress::python
