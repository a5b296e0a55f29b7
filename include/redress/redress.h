/** @file
 * The redress C ABI: load a policy, decide incidents from JSON to JSON, reload policies in a
 * running server, and write audit records. C99; usable from any language with a C FFI.
 *
 * Conventions, for every function:
 *  - Strings are UTF-8. A string argument comes with its length in bytes; pass
 *    REDRESS_NUL_TERMINATED instead to have it measured. Inputs longer than
 *    REDRESS_MAX_INPUT_BYTES are refused with REDRESS_E_INVALID_ARGUMENT.
 *  - `err` may be NULL when the caller does not want details. Otherwise *err is set to NULL on
 *    success and to a new error object on failure, which the caller frees with
 *    redress_error_free().
 *  - Strings returned through `char**` belong to the caller: free them with
 *    redress_string_free(). `const char*` results belong to the object they come from and live
 *    as long as it does.
 *  - No function throws, aborts or crashes on a NULL pointer, an empty string, malformed JSON
 *    or YAML, or an oversized input: each is reported as an error code.
 *  - Incidents follow rules/schema/incident.schema.json (JSON; YAML is accepted too), decisions
 *    rules/schema/decision.schema.json.
 */
#ifndef REDRESS_REDRESS_H
#define REDRESS_REDRESS_H

#include <stddef.h>

/** Marks the exported functions: default visibility, or dllexport when building the DLL. */
#if defined(_WIN32)
#if defined(REDRESS_C_BUILDING)
#define REDRESS_API __declspec(dllexport)
#else
#define REDRESS_API
#endif
#elif defined(__GNUC__)
#define REDRESS_API __attribute__((visibility("default")))
#else
#define REDRESS_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** Status codes. Every fallible function returns one (or NULL with *err carrying one). */
typedef enum redress_status {
  REDRESS_OK = 0,                 /**< success */
  REDRESS_E_INVALID_ARGUMENT = 1, /**< a NULL where a value is needed, unknown flags, too long */
  REDRESS_E_POLICY = 2,           /**< the policy does not compile; see the diagnostics JSON */
  REDRESS_E_INCIDENT = 3,         /**< the incident is malformed or does not fit the policy */
  REDRESS_E_DECIDE = 4,           /**< the decision could not be computed (an amount overflows,
                                       a deadline falls outside the years 0001 to 9999) */
  REDRESS_E_IO = 5,               /**< a file could not be read */
  REDRESS_E_NO_MEMORY = 6,        /**< an allocation failed */
  REDRESS_E_INTERNAL = 7          /**< a bug in redress; the message says what */
} redress_status;

/** Largest input accepted (policy text, incident document, path): 16 MiB. */
#define REDRESS_MAX_INPUT_BYTES ((size_t)16 * 1024 * 1024)
/** Pass as a length to have a NUL-terminated string measured. */
#define REDRESS_NUL_TERMINATED ((size_t)-1)

/** redress_decide() flag: include the trace (why each rule fired or not). */
#define REDRESS_TRACE 1u
/** redress_decide() flag: indent the JSON by two spaces (default: one line). */
#define REDRESS_PRETTY 2u

/** A compiled policy. Immutable: any number of threads may decide with one handle at once. */
typedef struct redress_policy redress_policy;
/** A policy store for hot reload: holds the current policy of a long-lived server. */
typedef struct redress_store redress_store;
/** An error: a status code, a message, and diagnostics as JSON. */
typedef struct redress_error redress_error;

/** The library version, e.g. "0.2.0" (0.2: decisions gained clocks and in_force). Static
 * storage; thread-safe. */
REDRESS_API const char* redress_version(void);

/** The name of a status code, e.g. "REDRESS_E_POLICY"; "REDRESS_E_UNKNOWN" for any other
 *  value. Static storage; thread-safe. */
REDRESS_API const char* redress_status_name(int status);

/* ---- Errors --------------------------------------------------------------------------- */

/** The status code of an error; REDRESS_OK when `error` is NULL. Thread-safe. */
REDRESS_API int redress_error_code(const redress_error* error);
/** What went wrong, in one line; "" when `error` is NULL. Owned by `error`. */
REDRESS_API const char* redress_error_message(const redress_error* error);
/** The diagnostics behind the error as a JSON array of {"code", "severity", "file", "line",
 *  "column", "message", "hint"} (1-based line and column, null when unknown); "[]" when there
 *  are none or `error` is NULL. Owned by `error`. */
REDRESS_API const char* redress_error_diagnostics_json(const redress_error* error);
/** Frees an error; NULL is ignored. */
REDRESS_API void redress_error_free(redress_error* error);

/** Frees a string returned through a `char**` argument; NULL is ignored. */
REDRESS_API void redress_string_free(char* text);

/* ---- Policies ------------------------------------------------------------------------- */

/** Reads and compiles a policy file. Returns NULL on failure: REDRESS_E_IO (unreadable),
 *  REDRESS_E_POLICY (any error diagnostic; all of them are in the diagnostics JSON),
 *  REDRESS_E_INVALID_ARGUMENT (NULL or empty path). Thread-safe. Free with
 *  redress_policy_free(). */
REDRESS_API redress_policy* redress_policy_load_file(const char* path, redress_error** err);

/** Compiles policy YAML text of `length` bytes; `name` (may be NULL) names it in diagnostics.
 *  Errors as for redress_policy_load_file(). Thread-safe. */
REDRESS_API redress_policy* redress_policy_load_string(const char* yaml, size_t length,
                                                       const char* name, redress_error** err);

/** The built-in default policy (rules/default.yaml). Thread-safe. */
REDRESS_API redress_policy* redress_policy_load_default(redress_error** err);

/** Frees a policy handle; NULL is ignored. Must not race with calls using the same handle. */
REDRESS_API void redress_policy_free(redress_policy* policy);

/** The policy's identity as one-line JSON {"id", "version", "hash"}, the hash being
 *  "sha256:<hex>" of its source text; NULL when `policy` is NULL. Owned by `policy`.
 *  Thread-safe. */
REDRESS_API const char* redress_policy_identity(const redress_policy* policy);

/* ---- Deciding ------------------------------------------------------------------------- */

/** Decides one incident (a JSON document of `length` bytes) with `policy`. On success returns
 *  REDRESS_OK and sets *decision_json to the decision (caller frees with redress_string_free).
 *  On failure returns the status, sets *decision_json to NULL and fills *err:
 *  REDRESS_E_INVALID_ARGUMENT (NULL policy, incident or output pointer, unknown flag bits,
 *  input too long), REDRESS_E_INCIDENT (malformed, or does not fit the policy; diagnostics
 *  have line and column), REDRESS_E_DECIDE (an amount overflows, a deadline is out of range).
 *  `flags`: REDRESS_TRACE, REDRESS_PRETTY. Thread-safe: any number of threads may decide with
 *  one policy at once. */
REDRESS_API int redress_decide(const redress_policy* policy, const char* incident_json,
                               size_t length, unsigned flags, char** decision_json,
                               redress_error** err);

/** As redress_decide(), and also sets *audit_json (when `audit_json` is not NULL) to the
 *  decision's audit record: one JSON line {"decision_id", "decided_at", "incident", "policy",
 *  "input_digest", "rules_fired", "outcome"}, with no fact values in it (facts a policy
 *  declares sensitive never appear). `decided_at` is an RFC 3339 timestamp, or NULL for the
 *  current time in UTC; a policy with `in_force: decided` decides under what is in force then
 *  (redress_decide() gives such a policy no decision time: REDRESS_E_DECIDE).
 *  `decision_json` may be NULL when only the audit record is wanted.
 *  On failure both outputs are set to NULL. Thread-safe. */
REDRESS_API int redress_decide_audited(const redress_policy* policy, const char* incident_json,
                                       size_t length, unsigned flags, const char* decided_at,
                                       char** decision_json, char** audit_json,
                                       redress_error** err);

/** Explains one outcome of the decision of an incident (a JSON document of `length` bytes): the
 *  smallest changes to its facts that would change it, each verified by deciding the changed
 *  incident. `outcome` is "owner", "priority", "remedy:ID", "flag:ID" or "clock:ID". On success
 *  returns REDRESS_OK and sets *explanation_json to {"incident_id", "outcome", "value",
 * "decisions", "counterfactuals": [{"changes": [{"fact", "from", "to", "relation", "bound"?}],
 * "value"}]} (caller frees with redress_string_free). On failure sets *explanation_json to NULL and
 *  fills *err: REDRESS_E_INVALID_ARGUMENT (a NULL argument, or an unknown outcome: code
 *  explain.unknown_outcome in the diagnostics), REDRESS_E_INCIDENT, REDRESS_E_DECIDE.
 *  Thread-safe. */
REDRESS_API int redress_explain(const redress_policy* policy, const char* incident_json,
                                size_t length, const char* outcome, char** explanation_json,
                                redress_error** err);

/* ---- Hot reload ----------------------------------------------------------------------- */

/** Opens a store holding the policy in the file at `path`, or the built-in default policy
 *  when `path` is NULL. Returns NULL on failure (errors as for redress_policy_load_file()).
 *  Free with redress_store_free(). */
REDRESS_API redress_store* redress_store_open(const char* path, redress_error** err);

/** Compiles the policy file at `path` off to the side and, if it has no error, swaps it in
 *  atomically. Returns REDRESS_OK when applied. On REDRESS_E_POLICY or REDRESS_E_IO the old
 *  policy stays in force, untouched, and *err holds the diagnostics. Thread-safe: may run
 *  while other threads decide with policies taken from the store; reloads are serialized. */
REDRESS_API int redress_store_reload(redress_store* store, const char* path, redress_error** err);

/** As redress_store_reload(), from policy YAML text; `name` (may be NULL) names it in
 *  diagnostics. */
REDRESS_API int redress_store_reload_string(redress_store* store, const char* yaml, size_t length,
                                            const char* name, redress_error** err);

/** The policy in force, as a new handle the caller frees with redress_policy_free(). It stays
 *  valid and unchanged across later reloads. Never blocks on a reload in progress. Returns NULL
 *  only when `store` is NULL or memory runs out. Thread-safe. */
REDRESS_API redress_policy* redress_store_current(const redress_store* store);

/** Frees a store; NULL is ignored. Handles taken from it stay valid. Must not race with calls
 *  using the same store. */
REDRESS_API void redress_store_free(redress_store* store);

#ifdef __cplusplus
}
#endif

#endif /* REDRESS_REDRESS_H */
