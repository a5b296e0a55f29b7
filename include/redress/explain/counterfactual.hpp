// Counterfactual explanations: the smallest changes to an incident's facts that would change
// one outcome of its decision, each verified by deciding the changed incident.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "redress/compile/compiled_policy.hpp"
#include "redress/explain/outcome.hpp"
#include "redress/model/decision.hpp"
#include "redress/model/fact_value.hpp"
#include "redress/model/incident.hpp"

namespace redress::explain {

/// One fact changed.
struct Change {
  /// How `to` relates to the values that give the same outcome: `is`, exactly this value (an
  /// enum, a flag, a category, a set with one value more or less); `below`, any value just
  /// under `bound` (`to` is the largest such value); `at_least`, `bound` or just above (`to`
  /// is `bound`). Both sides of a bound are decided.
  enum class Relation { is, below, at_least };
  std::string fact;                  ///< the fact's name
  std::uint32_t slot = 0;            ///< its slot in the policy
  FactValue from;                    ///< its value in the incident
  FactValue to;                      ///< the changed value that was decided
  Relation relation = Relation::is;  ///< see above
  FactValue bound;                   ///< for below and at_least
};

/// A change of one or more facts and what it gives.
struct Counterfactual {
  std::vector<Change> changes;  ///< sorted by slot
  std::string value;            ///< the outcome's value in the changed incident's decision
  Incident incident;            ///< the changed incident
  Decision decision;            ///< its decision (the verification)
};

/// Limits of the search.
struct ExplainOptions {
  std::size_t max_facts = 2;  ///< 1: single facts only; 2: pairs when no single fact works
  /// Decisions the search of pairs may make; the pairs are tried in a fixed order, so a limit
  /// gives the same result every time.
  std::size_t max_pair_decisions = 5000;
};

/// The answer.
struct Explanation {
  Outcome outcome;                              ///< what was asked about
  std::string value;                            ///< its value in the incident's decision
  Decision decision;                            ///< the incident's decision
  std::vector<Counterfactual> counterfactuals;  ///< fewest changed facts first, then by slot
  std::size_t decisions = 0;                    ///< incidents decided to find them
};

/// Searches the changes of one fact, then (when none works and options allow) of two, over the
/// values the policy's conditions make matter (redress/compile/condition_constants.hpp): each
/// side of each threshold, every value of enums and flags, one value more or less in a set.
/// Every counterfactual returned was decided. Throws DecideError when the incident itself does
/// not fit the policy. Deterministic.
Explanation explain(const CompiledPolicy& policy, const Incident& incident, const Outcome& outcome,
                    const ExplainOptions& options = {});

/// "owner would be team_lead if loss were below 2,000.00 CNY", one line per counterfactual,
/// after a line saying the outcome's value.
std::string to_text(const CompiledPolicy& policy, const Explanation& explanation);

/// The explanation as JSON (fields in a fixed order; money as "2000.00 CNY"), indented by
/// `indent` spaces, or on one line when `indent` is negative.
std::string to_json(const Explanation& explanation, int indent = 2);

/// Money for people: "2,000.00 CNY" (the thousands grouped).
std::string money_text(const Money& money);

}  // namespace redress::explain
