// Deciding: a compiled policy applied to one incident.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "redress/compile/compiled_policy.hpp"
#include "redress/diag/diagnostic.hpp"
#include "redress/model/decision.hpp"
#include "redress/model/incident.hpp"

/// The redress C++ API: policies, incidents, decisions and the values they are made of.
namespace redress {

/// How decide() works and what it fills in.
struct DecideOptions {
  /// The options given, in member order (so that `{true, "zh"}` reads as it always has).
  DecideOptions(bool trace_rules = false, std::string text_locale = {},
                std::optional<Timestamp> decision_time = {})
      : trace(trace_rules), locale(std::move(text_locale)), decided_at(decision_time) {}

  bool trace = false;  ///< fill Decision::trace with every rule's evaluation
  std::string locale;  ///< texts in this locale; empty: the policy's first locale
  /// When the case is decided, for a policy that decides under what is in force then
  /// (`policy.in_force: decided`): its local date selects the rules, amounts and clocks in
  /// force. An input, never the wall clock, so that replaying a case gives the same decision.
  /// Required by such policies; not read by others.
  std::optional<Timestamp> decided_at;
};

/// Thrown by decide() when the incident does not fit the policy (an unknown category, money in
/// another currency, a host fact missing or of the wrong type), when evaluation overflows, or
/// when a deadline falls outside the years 0001 to 9999. `diagnostics` holds one entry per
/// problem, with codes incident.*, decide.overflow or decide.deadline_out_of_range.
class DecideError : public std::runtime_error {
 public:
  /// An error whose what() is the first diagnostic's message.
  explicit DecideError(Diagnostics diagnostics);
  /// Every problem found, with codes and locations.
  [[nodiscard]] const Diagnostics& diagnostics() const { return diagnostics_; }

 private:
  Diagnostics diagnostics_;
};

/// Applies `policy` to `incident`. Deterministic: the same policy and incident always give the
/// same decision. Thread-safe and re-entrant: `policy` is only read, so any number of threads
/// may decide with one policy at once. Throws DecideError.
Decision decide(const CompiledPolicy& policy, const Incident& incident,
                const DecideOptions& options = {});

/// The same, written into `out`, which is overwritten whole. Reusing one Decision across calls
/// (one per thread) keeps its memory, so that deciding in a loop does not allocate once the
/// decisions stop growing. On a DecideError, `out` is left in an unspecified but valid state.
void decide(const CompiledPolicy& policy, const Incident& incident, Decision& out,
            const DecideOptions& options = {});

}  // namespace redress
