#include "policy_handle.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "failure.hpp"
#include "redress/engine/decide.hpp"
#include "redress/explain/counterfactual.hpp"
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

Incident read_incident_or_throw(const PolicyHandle& handle, std::string_view incident) {
  auto read = io::read_incident(incident, "<incident>", handle.schema);
  if (!read.incident) {
    auto message = error_summary("cannot read the incident", read.diagnostics);
    throw Failure(FailureKind::incident, message, std::move(read.diagnostics));
  }
  return std::move(*read.incident);
}

[[noreturn]] void throw_decide_failure(const DecideError& e) {
  // An incident that does not fit the policy is the incident's fault; an overflow is not.
  const auto kind = names_incident(e.diagnostics()) ? FailureKind::incident : FailureKind::decide;
  throw Failure(kind, error_summary("cannot decide", e.diagnostics()), e.diagnostics());
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
  const auto read = read_incident_or_throw(handle, incident);
  try {
    const auto decision = decide(*handle.policy, read, DecideOptions(trace));
    return io::to_json(decision, {.trace = trace, .indent = -1});
  } catch (const DecideError& e) {
    throw_decide_failure(e);
  }
}

std::string explain_json(const PolicyHandle& handle, std::string_view incident,
                         std::string_view outcome) {
  Diagnostics problems;
  const auto parsed = explain::parse_outcome(*handle.policy, outcome, problems);
  if (!parsed) {
    const auto& problem = problems.items().front();
    throw std::invalid_argument(fmt::format("{} ({})", problem.message, problem.hint));
  }
  const auto read = read_incident_or_throw(handle, incident);
  try {
    return explain::to_json(explain::explain(*handle.policy, read, *parsed), -1);
  } catch (const DecideError& e) {
    throw_decide_failure(e);
  }
}

}  // namespace redress::python
