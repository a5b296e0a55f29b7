// Recusal: a complaint handled by someone not involved in the matter. The incident names who is
// involved (roles or staff ids); a policy (or a rule) requires an uninvolved owner, and the
// escalation path skips the involved roles.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace redress {

/// A role the owner choice passed over, and why.
struct SkippedRole {
  std::string_view role;    ///< the role's id
  std::string_view reason;  ///< for people, e.g. "involved in the matter"
};

/// Set in a decision whose policy, or a rule that fired, requires an uninvolved owner.
struct Recusal {
  /// "policy" when the policy requires it, else the ids of the rules that did, in order.
  std::vector<std::string_view> required_by;
  std::vector<std::string> involved;  ///< Incident::involved, as given
  /// Involved ids that name no role of the policy (staff ids): the host must not assign the
  /// case to them, whatever role they hold.
  std::vector<std::string> staff;
  std::vector<SkippedRole> skipped;  ///< roles the escalation path passed over, entry first
};

}  // namespace redress
