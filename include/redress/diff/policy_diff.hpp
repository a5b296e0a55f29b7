// What changed between two versions of a policy, as written: rules, groups, remedies, roles,
// SLA targets, calendars and facts, matched by id (SLA targets by priority).
#pragma once

#include <string>
#include <vector>

#include "redress/policy/spec.hpp"

/// Comparing two policies element by element (redress diff).
namespace redress::diff {

/// One changed property of an element, as written in each policy (a list's items joined by
/// ", ").
struct PropertyChange {
  std::string name;    ///< e.g. "when", "actions", "authority"
  std::string before;  ///< empty when absent
  std::string after;   ///< the same
  /// For a list (covers, holidays, working days, a rule's `after:`): the items only in
  /// `after`, in their order; empty for a property that is no list.
  std::vector<std::string> added;
  /// For a list: the items only in `before`, in their order.
  std::vector<std::string> removed;
};

/// An element added, removed or changed.
struct ElementChange {
  /// What happened to the element.
  enum class Status {
    added,    ///< only in the new policy
    removed,  ///< only in the old policy
    changed,  ///< in both, with different properties
  };
  std::string kind;  ///< rule, group, remedy, role, sla, sla_target, caps, calendar, fact,
                     ///< commitment
  std::string id;    ///< its id (a priority for an SLA target; empty for the sla section)
  Status status = Status::changed;         ///< added, removed or changed
  std::vector<PropertyChange> properties;  ///< for `changed`: what differs, in a fixed order
};

/// The differences between two policies: the policies' identities and every element change,
/// by kind in the order above, then in the order of the element in the old policy (added ones
/// after, in the order of the new policy).
struct PolicyDiff {
  std::string before_id;               ///< the old policy's id
  std::string before_version;          ///< its version
  std::string after_id;                ///< the new policy's id
  std::string after_version;           ///< its version
  std::vector<ElementChange> changes;  ///< in the order above
};

/// Compares `before` with `after`.
PolicyDiff diff_policies(const policy::PolicySpec& before, const policy::PolicySpec& after);

/// For people: one block per change, then a count.
std::string to_text(const PolicyDiff& diff);
/// For machines: {"before":{id,version},"after":{...},"changes":[{kind,id,status,properties:[
/// {name,before,after[,added,removed]}]}],"counts":{added,removed,changed}}, indented by 2.
std::string to_json(const PolicyDiff& diff);

}  // namespace redress::diff
