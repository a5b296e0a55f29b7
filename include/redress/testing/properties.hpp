// Properties of a policy, checked over its whole input space rather than over listed cases:
// monotonicity (a worse incident never gets less) and invariants (an expression over the
// incident and its decision that holds for every incident). See "Properties" in
// rules/README.md for the suite syntax.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "redress/diag/diagnostic.hpp"
#include "redress/model/decision.hpp"
#include "redress/model/incident.hpp"

namespace redress::testing {

/// Incidents that break a property, made as small as the search could: they differ from the
/// suite's base incident in as few facts as it found.
struct Counterexample {
  Incident incident;              ///< breaks the invariant; for monotonicity, the milder incident
  Decision decision;              ///< its decision
  std::optional<Incident> worse;  ///< for monotonicity: the incident made worse in one fact
  std::optional<Decision> worse_decision;  ///< for monotonicity: its decision
  std::string what;  ///< what broke, for people: "compensation_total fell from ... to ..."
  /// The facts `incident` (and `worse`) change in the suite's base incident, for people:
  /// "loss 1,600.00 CNY, tier vip", or "the base incident".
  std::string changes;
  std::string worse_changes;  ///< for monotonicity
};

/// The outcome of one property.
struct PropertyResult {
  std::string name;         ///< `name:`, or "property at line N"
  std::string kind;         ///< "monotonic" or "invariant"
  SourceLocation location;  ///< of the property in the suite file
  std::size_t checked = 0;  ///< incidents decided
  bool exhaustive = false;  ///< every combination of boundary values was checked
  std::uint64_t seed = 0;   ///< of the sample, when not exhaustive
  std::optional<Counterexample> counterexample;  ///< set when the property failed
  Diagnostics errors;  ///< a malformed property (then nothing was checked)
  /// True when nothing broke the property and it is well formed.
  [[nodiscard]] bool passed() const { return !counterexample && !errors.has_errors(); }
};

/// One line saying how the property was checked, and, when it failed, the counterexample:
/// both incidents (as the facts they change in the suite's base) and both decisions.
std::string describe(const PropertyResult& result);

}  // namespace redress::testing
