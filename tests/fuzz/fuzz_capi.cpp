// Fuzz target: the C ABI as a C host uses it. The input is an incident (JSON or YAML) decided
// with the built-in default policy or, when it holds a line "#--- incident ---", a policy
// (before that line) loaded with redress_policy_load_string() and the incident after it. Every
// object is freed. Invariants: each call returns a known status; an error object exists exactly
// on failure and has a message and diagnostics JSON; outputs are set exactly on success.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "fuzz_check.hpp"
#include "redress/redress.h"

namespace {

using redress::fuzz::require;

constexpr std::string_view separator = "\n#--- incident ---\n";

void check_status(int status, const redress_error* err) {
  require(std::string_view(redress_status_name(status)) != "REDRESS_E_UNKNOWN",
          "a call returns a known status");
  require(status != REDRESS_E_INTERNAL, "no internal error");
  require((status == REDRESS_OK) == (err == nullptr), "an error object exactly on failure");
  require(redress_error_code(err) == status, "the error object carries the status");
  require(redress_error_message(err) != nullptr, "an error has a message");
  const char* diagnostics = redress_error_diagnostics_json(err);
  require(diagnostics != nullptr && diagnostics[0] == '[', "diagnostics are a JSON array");
}

const redress_policy* default_policy() {
  static const redress_policy* policy = redress_policy_load_default(nullptr);
  return policy;
}

void decide(const redress_policy* policy, std::string_view incident) {
  redress_error* err = nullptr;
  char* decision = nullptr;
  int status = redress_decide(policy, incident.data(), incident.size(),
                              REDRESS_TRACE | REDRESS_PRETTY, &decision, &err);
  check_status(status, err);
  require((status == REDRESS_OK) == (decision != nullptr), "a decision exactly on success");
  redress_string_free(decision);
  redress_error_free(err);

  err = nullptr;
  decision = nullptr;
  char* audit = nullptr;
  status = redress_decide_audited(policy, incident.data(), incident.size(), 0,
                                  "2026-11-25T10:00:00Z", &decision, &audit, &err);
  check_status(status, err);
  require((status == REDRESS_OK) == (decision != nullptr && audit != nullptr),
          "a decision and an audit record exactly on success");
  require(audit == nullptr || std::strchr(audit, '\n') == nullptr, "an audit record is one line");
  redress_string_free(decision);
  redress_string_free(audit);
  redress_error_free(err);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto split = input.find(separator);
  if (split == std::string_view::npos) {
    require(default_policy() != nullptr, "the default policy loads");
    decide(default_policy(), input);
    return 0;
  }
  const auto yaml = input.substr(0, split);
  redress_error* err = nullptr;
  redress_policy* policy = redress_policy_load_string(yaml.data(), yaml.size(), "fuzz.yaml", &err);
  check_status(policy ? REDRESS_OK : redress_error_code(err), err);
  redress_error_free(err);
  if (policy) {
    require(redress_policy_identity(policy) != nullptr, "a policy has an identity");
    decide(policy, input.substr(split + separator.size()));
  }
  redress_policy_free(policy);
  return 0;
}
