// The C ABI: errors, policies and deciding. Every entry point is noexcept and funnels failures
// through guard(), so no exception ever reaches a C caller.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <cstring>

#include "capi/handles.hpp"
#include "redress/engine/decide.hpp"
#include "redress/io/audit.hpp"
#include "redress/io/decision_writer.hpp"
#include "redress/io/diagnostics_writer.hpp"
#include "redress/io/incident_schema.hpp"
#include "redress/io/load_policy.hpp"

// One limit for incidents, whether they come through the C ABI, the CLI or the C++ reader.
static_assert(REDRESS_MAX_INPUT_BYTES == redress::io::kMaxIncidentBytes);

using redress::capi::argument;
using redress::capi::fail;
using redress::capi::guard;

namespace redress::capi {

namespace {

// Handed out when even an error object cannot be allocated; redress_error_free ignores it.
redress_error out_of_memory{REDRESS_E_NO_MEMORY, "out of memory", "[]"};

bool is_incident_problem(const Diagnostics& diagnostics) {
  for (const auto& d : diagnostics.items()) {
    if (d.code.starts_with("incident.")) return true;
  }
  return false;
}

redress_error* make_error(int code, std::string message, const Diagnostics& diagnostics) {
  auto* error = new redress_error{code, std::move(message), "[]"};
  if (!diagnostics.empty()) error->diagnostics_json = io::to_json(diagnostics, -1);
  return error;
}

}  // namespace

int store_error(redress_error** err, int code, std::string message,
                const Diagnostics& diagnostics) noexcept {
  if (!err) return code;
  try {
    *err = make_error(code, std::move(message), diagnostics);
  } catch (...) {
    *err = &out_of_memory;
  }
  return code;
}

namespace {

Timestamp decision_time(const char* decided_at) {
  if (!decided_at) {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return {std::chrono::duration_cast<std::chrono::seconds>(now).count(), 0};
  }
  Timestamp at;
  std::string error;
  const auto text = argument(decided_at, REDRESS_NUL_TERMINATED, "decided_at");
  if (!Timestamp::parse(text, at, error)) {
    fail(REDRESS_E_INVALID_ARGUMENT, fmt::format("decided_at: {}", error));
  }
  return at;
}

}  // namespace

void fail(int code, std::string message, Diagnostics diagnostics) {
  throw Failure{code, std::move(message), std::move(diagnostics)};
}

std::string_view argument(const char* text, std::size_t length, std::string_view what) {
  if (!text) fail(REDRESS_E_INVALID_ARGUMENT, fmt::format("{} is NULL", what));
  if (length == REDRESS_NUL_TERMINATED) {
    // Measure at most one byte past the limit, so an unterminated buffer is not read to its end.
    const void* nul = std::memchr(text, '\0', REDRESS_MAX_INPUT_BYTES + 1);
    length = nul ? static_cast<std::size_t>(static_cast<const char*>(nul) - text)
                 : REDRESS_MAX_INPUT_BYTES + 1;
  }
  if (length > REDRESS_MAX_INPUT_BYTES) {
    fail(REDRESS_E_INVALID_ARGUMENT,
         fmt::format("{} is longer than the limit of {} bytes", what, REDRESS_MAX_INPUT_BYTES));
  }
  return {text, length};
}

int report_current_exception(redress_error** err) noexcept {
  try {
    throw;
  } catch (const Failure& f) {
    return store_error(err, f.code, f.message, f.diagnostics);
  } catch (const DecideError& e) {
    const int code = is_incident_problem(e.diagnostics()) ? REDRESS_E_INCIDENT : REDRESS_E_DECIDE;
    return store_error(err, code, error_summary("cannot decide", e.diagnostics()), e.diagnostics());
  } catch (const std::bad_alloc&) {
    if (err) *err = &out_of_memory;
    return REDRESS_E_NO_MEMORY;
  } catch (const std::exception& e) {
    return store_error(err, REDRESS_E_INTERNAL, fmt::format("internal error: {}", e.what()), {});
  } catch (...) {
    return store_error(err, REDRESS_E_INTERNAL, "internal error: unknown exception", {});
  }
}

std::shared_ptr<const Prepared> prepare(std::shared_ptr<const CompiledPolicy> policy) {
  auto prepared = std::make_shared<Prepared>();
  prepared->schema = io::incident_schema(*policy);
  const auto& id = policy->identity;
  prepared->identity_json =
      nlohmann::ordered_json{{"id", id.id}, {"version", id.version}, {"hash", id.hash}}.dump(
          -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  prepared->policy = std::move(policy);
  return prepared;
}

redress_policy* make_policy(std::shared_ptr<const Prepared> prepared) {
  return new redress_policy{std::move(prepared)};
}

redress_policy* make_policy(std::shared_ptr<const CompiledPolicy> policy) {
  return make_policy(prepare(std::move(policy)));
}

char* copy_out(const std::string& text) {
  auto* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (!out) throw std::bad_alloc();
  std::memcpy(out, text.c_str(), text.size() + 1);
  return out;
}

std::shared_ptr<const CompiledPolicy> compiled_or_fail(CompileResult result,
                                                       std::string_view name) {
  if (!result.policy) {
    const bool unreadable =
        !result.diagnostics.empty() && result.diagnostics.items().front().code == "policy.io";
    fail(unreadable ? REDRESS_E_IO : REDRESS_E_POLICY,
         error_summary(fmt::format("policy '{}' does not compile", name), result.diagnostics),
         result.diagnostics);
  }
  return std::move(result.policy);
}

redress_policy* policy_or_fail(CompileResult result, std::string_view name) {
  return make_policy(compiled_or_fail(std::move(result), name));
}

}  // namespace redress::capi

extern "C" {

const char* redress_version(void) { return REDRESS_VERSION_STRING; }

const char* redress_status_name(int status) {
  switch (status) {
    case REDRESS_OK:
      return "REDRESS_OK";
    case REDRESS_E_INVALID_ARGUMENT:
      return "REDRESS_E_INVALID_ARGUMENT";
    case REDRESS_E_POLICY:
      return "REDRESS_E_POLICY";
    case REDRESS_E_INCIDENT:
      return "REDRESS_E_INCIDENT";
    case REDRESS_E_DECIDE:
      return "REDRESS_E_DECIDE";
    case REDRESS_E_IO:
      return "REDRESS_E_IO";
    case REDRESS_E_NO_MEMORY:
      return "REDRESS_E_NO_MEMORY";
    case REDRESS_E_INTERNAL:
      return "REDRESS_E_INTERNAL";
    default:
      return "REDRESS_E_UNKNOWN";
  }
}

int redress_error_code(const redress_error* error) { return error ? error->code : REDRESS_OK; }

const char* redress_error_message(const redress_error* error) {
  return error ? error->message.c_str() : "";
}

const char* redress_error_diagnostics_json(const redress_error* error) {
  return error ? error->diagnostics_json.c_str() : "[]";
}

void redress_error_free(redress_error* error) {
  if (error != &redress::capi::out_of_memory) delete error;
}

void redress_string_free(char* text) { std::free(text); }

redress_policy* redress_policy_load_file(const char* path, redress_error** err) {
  redress_policy* out = nullptr;
  guard(err, [&] {
    const auto text = argument(path, REDRESS_NUL_TERMINATED, "path");
    if (text.empty()) fail(REDRESS_E_INVALID_ARGUMENT, "path is empty");
    out = redress::capi::policy_or_fail(redress::load_policy_file(std::string(text)), text);
  });
  return out;
}

redress_policy* redress_policy_load_string(const char* yaml, size_t length, const char* name,
                                           redress_error** err) {
  redress_policy* out = nullptr;
  guard(err, [&] {
    const auto text = argument(yaml, length, "policy text");
    const auto file = name ? argument(name, REDRESS_NUL_TERMINATED, "name") : "<policy>";
    out = redress::capi::policy_or_fail(redress::load_policy(text, file), file);
  });
  return out;
}

redress_policy* redress_policy_load_default(redress_error** err) {
  redress_policy* out = nullptr;
  guard(err, [&] {
    out = redress::capi::policy_or_fail(redress::load_default_policy(), "<built-in>/default.yaml");
  });
  return out;
}

void redress_policy_free(redress_policy* policy) { delete policy; }

const char* redress_policy_identity(const redress_policy* policy) {
  return policy ? policy->prepared->identity_json.c_str() : nullptr;
}

int redress_decide(const redress_policy* policy, const char* incident_json, size_t length,
                   unsigned flags, char** decision_json, redress_error** err) {
  if (!decision_json) {
    return redress::capi::store_error(err, REDRESS_E_INVALID_ARGUMENT, "decision_json is NULL", {});
  }
  return redress_decide_audited(policy, incident_json, length, flags, nullptr, decision_json,
                                nullptr, err);
}

int redress_decide_audited(const redress_policy* policy, const char* incident_json, size_t length,
                           unsigned flags, const char* decided_at, char** decision_json,
                           char** audit_json, redress_error** err) {
  if (decision_json) *decision_json = nullptr;
  if (audit_json) *audit_json = nullptr;
  char* decision_out = nullptr;
  char* audit_out = nullptr;
  const int status = guard(err, [&] {
    if (!policy) fail(REDRESS_E_INVALID_ARGUMENT, "policy is NULL");
    if (!decision_json && !audit_json) {
      fail(REDRESS_E_INVALID_ARGUMENT, "decision_json and audit_json are both NULL");
    }
    if ((flags & ~(REDRESS_TRACE | REDRESS_PRETTY)) != 0) {
      fail(REDRESS_E_INVALID_ARGUMENT, fmt::format("unknown flags 0x{:x}", flags));
    }
    const auto text = argument(incident_json, length, "incident_json");
    const auto at = redress::capi::decision_time(decided_at);
    const auto& prepared = *policy->prepared;
    auto read = redress::io::read_incident(text, redress::capi::kIncidentFile, prepared.schema);
    if (!read.incident) {
      fail(REDRESS_E_INCIDENT, redress::error_summary("the incident is invalid", read.diagnostics),
           read.diagnostics);
    }
    redress::DecideOptions options;
    options.trace = (flags & REDRESS_TRACE) != 0;
    options.decided_at = at;  // what a policy with `in_force: decided` decides under
    const auto decision = redress::decide(*prepared.policy, *read.incident, options);
    if (decision_json) {
      decision_out = redress::capi::copy_out(
          redress::io::to_json(decision, {options.trace, (flags & REDRESS_PRETTY) != 0 ? 2 : -1}));
    }
    if (audit_json) {
      audit_out = redress::capi::copy_out(redress::io::audit_record(decision, text, at));
    }
  });
  if (status != REDRESS_OK) {
    std::free(decision_out);
    std::free(audit_out);
    return status;
  }
  if (decision_json) *decision_json = decision_out;
  if (audit_json) *audit_json = audit_out;
  return status;
}

}  // extern "C"
