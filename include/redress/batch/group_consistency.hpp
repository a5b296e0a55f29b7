// Incident groups decided alike. The members of an incident group (Incident::group: every
// customer one failure hit) that agree on the facts of the failure should get one remedy: the
// same remedies, amounts, priority and owner. GroupConsistency collects a batch's decisions and
// finds the members decided otherwise (rules/README.md, "Incident groups").
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "redress/compile/compiled_policy.hpp"
#include "redress/model/decision.hpp"
#include "redress/model/incident.hpp"

namespace redress::batch {

/// The first compared part of two decisions that differs, in the order remedies (the ids
/// offered), each remedy's amount, priority, owner.
struct GroupDifference {
  std::string field;      ///< "remedies", "remedies.ID.amount", "priority" or "owner"
  std::string reference;  ///< its value in the reference member's decision, as JSON
  std::string member;     ///< its value in the member's decision, as JSON
};

/// A member decided unlike its reference: the member of its group with the same shared facts
/// that comes first in the input.
struct GroupInconsistency {
  std::string group;                  ///< the group's id
  std::string incident;               ///< the member's incident id
  std::uint64_t line = 0;             ///< the member's input line
  std::string reference_incident;     ///< the reference's incident id
  std::uint64_t reference_line = 0;   ///< the reference's input line
  GroupDifference difference;         ///< the first difference
  std::vector<std::string> customer;  ///< customer facts the rules read in which the two differ
};

/// Collects decided members of incident groups, from any number of threads at once, and finds
/// the inconsistent ones.
///
/// Two members of a group are compared when their shared facts are equal: every fact the
/// policy's rules read (in conditions or amounts) other than the facts of the customer (the
/// fields the incident table marks Describes::customer: emotion, motives, deficits, customer.*,
/// threatened, history.*), as the engine reads them, and the date the decision was made under
/// when the policy is dated. Host facts count as shared. Members are bucketed by a hash of the
/// group id and those values; within a bucket every member is compared with the first in input
/// order, so the work is linear in the members.
class GroupConsistency {
 public:
  /// Members are read with `policy`, which must outlive this object and every decision added.
  explicit GroupConsistency(const CompiledPolicy& policy);
  ~GroupConsistency();
  GroupConsistency(const GroupConsistency&) = delete;
  GroupConsistency& operator=(const GroupConsistency&) = delete;

  /// Adds the decision of `incident`, read from input line `line`; an incident without a group
  /// is ignored. Thread-safe. Throws DecideError when the incident does not fit the policy
  /// (as deciding it would have).
  void add(const Incident& incident, const Decision& decision, std::uint64_t line);

  /// Every member decided unlike its reference, ordered by group id, then by line.
  [[nodiscard]] std::vector<GroupInconsistency> inconsistencies() const;
  [[nodiscard]] std::uint64_t groups() const;   ///< distinct group ids added
  [[nodiscard]] std::uint64_t members() const;  ///< incidents with a group added

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Appends one JSON line per inconsistency, each with its newline:
///   {"group":G,"incident":ID,"line":N,"reference":{"incident":ID,"line":N},
///    "difference":{"field":F,"reference":V,"member":V},"customer_facts":[...]}
void append_group_report(std::string& out, const std::vector<GroupInconsistency>& found);

}  // namespace redress::batch
