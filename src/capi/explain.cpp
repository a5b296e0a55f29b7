// redress_explain(): counterfactual explanations through the C ABI.
#include <cstdlib>

#include "capi/handles.hpp"
#include "redress/explain/counterfactual.hpp"

int redress_explain(const redress_policy* policy, const char* incident_json, size_t length,
                    const char* outcome, char** explanation_json, redress_error** err) {
  using redress::capi::fail;
  if (explanation_json) *explanation_json = nullptr;
  char* out = nullptr;
  const int status = redress::capi::guard(err, [&] {
    if (!policy) fail(REDRESS_E_INVALID_ARGUMENT, "policy is NULL");
    if (!explanation_json) fail(REDRESS_E_INVALID_ARGUMENT, "explanation_json is NULL");
    const auto asked = redress::capi::argument(outcome, REDRESS_NUL_TERMINATED, "outcome");
    const auto text = redress::capi::argument(incident_json, length, "incident_json");
    const auto& prepared = *policy->prepared;
    redress::Diagnostics problems;
    const auto parsed = redress::explain::parse_outcome(*prepared.policy, asked, problems);
    if (!parsed) fail(REDRESS_E_INVALID_ARGUMENT, problems.items().front().message, problems);
    auto read = redress::io::read_incident(text, redress::capi::kIncidentFile, prepared.schema);
    if (!read.incident) {
      fail(REDRESS_E_INCIDENT, redress::error_summary("the incident is invalid", read.diagnostics),
           read.diagnostics);
    }
    out = redress::capi::copy_out(redress::explain::to_json(
        redress::explain::explain(*prepared.policy, *read.incident, *parsed)));
  });
  if (status == REDRESS_OK) *explanation_json = out;
  return status;
}
