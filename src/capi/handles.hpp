// The C ABI's handle types and the helpers every entry point uses to keep exceptions and bad
// arguments from crossing the boundary.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <string_view>

#include "redress/compile/compiled_policy.hpp"
#include "redress/compile/compiler.hpp"
#include "redress/diag/diagnostic.hpp"
#include "redress/engine/policy_store.hpp"
#include "redress/io/incident_reader.hpp"
#include "redress/redress.h"

struct redress_error {
  int code = REDRESS_OK;
  std::string message;
  std::string diagnostics_json = "[]";
};

namespace redress::capi {

/// A compiled policy with what every decide call needs, computed once.
struct Prepared {
  std::shared_ptr<const CompiledPolicy> policy;
  io::IncidentSchema schema;
  std::string identity_json;
};

/// Prepares a compiled policy for the C ABI. Throws std::bad_alloc.
std::shared_ptr<const Prepared> prepare(std::shared_ptr<const CompiledPolicy> policy);

}  // namespace redress::capi

struct redress_policy {
  std::shared_ptr<const redress::capi::Prepared> prepared;
};

/// The C++ store decides which policy is in force; `prepared` mirrors it (updated under
/// `reload_mutex` after every applied reload) so that redress_store_current() takes no lock
/// and allocates nothing beyond the handle.
struct redress_store {
  redress::PolicyStore store;
  redress::detail::SharedSnapshot<const redress::capi::Prepared> prepared;
  std::mutex reload_mutex;
  explicit redress_store(std::shared_ptr<const redress::CompiledPolicy> initial)
      : store(initial), prepared(redress::capi::prepare(std::move(initial))) {}
};

namespace redress::capi {

/// A failure on its way to the caller: thrown inside an entry point, turned into a
/// redress_error by guard().
struct Failure {
  int code;
  std::string message;
  Diagnostics diagnostics;
};

[[noreturn]] void fail(int code, std::string message, Diagnostics diagnostics = {});

/// The bytes of a string argument, checked: not NULL, at most REDRESS_MAX_INPUT_BYTES,
/// measured when `length` is REDRESS_NUL_TERMINATED. Throws Failure.
std::string_view argument(const char* text, std::size_t length, std::string_view what);

/// Sets *err (when err is not NULL) to the error for the exception in flight, and returns its
/// code. Call only from a catch block.
int report_current_exception(redress_error** err) noexcept;

/// Sets *err to NULL when err is not NULL.
inline void clear(redress_error** err) noexcept {
  if (err) *err = nullptr;
}

/// Sets *err (when err is not NULL) to a new error and returns `code`. Never throws.
int store_error(redress_error** err, int code, std::string message,
                const Diagnostics& diagnostics) noexcept;

/// The compiled policy of a compile result, or a Failure (REDRESS_E_IO when the file could
/// not be read, else REDRESS_E_POLICY) carrying every diagnostic.
std::shared_ptr<const CompiledPolicy> compiled_or_fail(CompileResult result, std::string_view name);

/// The file name diagnostics of an incident given through the C ABI carry.
inline constexpr std::string_view kIncidentFile = "<incident>";

/// A handle for a compile result, or a Failure (REDRESS_E_IO when the file could not be read,
/// else REDRESS_E_POLICY) carrying every diagnostic; `name` names the policy in the message.
redress_policy* policy_or_fail(CompileResult result, std::string_view name);

/// A new policy handle for a compiled policy.
redress_policy* make_policy(std::shared_ptr<const CompiledPolicy> policy);
/// A new policy handle sharing prepared data.
redress_policy* make_policy(std::shared_ptr<const Prepared> prepared);

/// A malloc'ed copy the caller frees with redress_string_free(). Throws std::bad_alloc.
char* copy_out(const std::string& text);

/// Runs `body` and returns REDRESS_OK, or reports whatever it threw through `err`.
template <typename Body>
int guard(redress_error** err, Body&& body) noexcept {
  clear(err);
  try {
    body();
    return REDRESS_OK;
  } catch (...) {
    return report_current_exception(err);
  }
}

}  // namespace redress::capi
