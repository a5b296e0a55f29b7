// The warnings a decision can carry: the one table of them. They are part of the decision (a
// host shows them to the case handler), not diagnostics of bad input, so they are not in
// redress/diag/codes.hpp; rules/README.md and schema/decision.schema.json are checked against
// this table by a test.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace redress {

/// What a decision warns about.
enum class DecisionWarning : std::uint8_t {
  authority_exceeded,  ///< the goodwill total is above the top role's authority
  coverage_uncovered,  ///< a justice deficit the customer named that no remedy covers
  sla_after_clock,     ///< the SLA resolves after an attached statutory clock falls due
  recusal_no_owner,    ///< recusal is required but no uninvolved role has the authority
  assignee_involved,   ///< recusal is required but a commitment names an involved role
  cap_applied,         ///< the goodwill caps reduced or dropped goodwill remedies
  cap_window,          ///< the goodwill given covers another window than the per-customer cap's
};

/// A warning's stable code and what it means.
struct DecisionWarningInfo {
  DecisionWarning kind;      ///< the enumerator, in order
  std::string_view code;     ///< stable, e.g. "coverage.uncovered"
  std::string_view meaning;  ///< for people
};

/// Every decision warning, in enumerator order.
inline constexpr DecisionWarningInfo kDecisionWarnings[] = {
    {DecisionWarning::authority_exceeded, "authority.exceeded",
     "the goodwill total exceeds the authority of the top role"},
    {DecisionWarning::coverage_uncovered, "coverage.uncovered",
     "the customer named a justice deficit that no remedy of the decision covers"},
    {DecisionWarning::sla_after_clock, "sla.after_clock",
     "the SLA's resolution deadline falls after an attached clock's due time"},
    {DecisionWarning::recusal_no_owner, "recusal.no_uninvolved_owner",
     "recusal is required but no uninvolved role on the escalation path has the authority"},
    {DecisionWarning::assignee_involved, "commitment.assignee_involved",
     "recusal is required but a commitment is assigned to a role involved in the matter"},
    {DecisionWarning::cap_applied, "cap.applied",
     "the policy's goodwill caps reduced or dropped goodwill remedies (restitution is never "
     "capped)"},
    {DecisionWarning::cap_window, "cap.window",
     "the goodwill already given covers another window than the per-customer cap's"},
};

/// The stable code of a decision warning.
constexpr std::string_view code_of(DecisionWarning warning) {
  return kDecisionWarnings[static_cast<std::size_t>(warning)].code;
}

static_assert([] {
  for (std::size_t i = 0; i < std::size(kDecisionWarnings); ++i) {
    if (static_cast<std::size_t>(kDecisionWarnings[i].kind) != i) return false;
  }
  return true;
}());

}  // namespace redress
