// The semantic diff of two policies: the regions of the input space where they decide
// differently, found by deciding incidents at the boundary values of both policies' conditions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "redress/compile/compiled_policy.hpp"
#include "redress/model/decision.hpp"
#include "redress/model/incident.hpp"

namespace redress::explain {

/// Incidents on which the two policies differ in the same way.
struct DiffRegion {
  /// How the decisions differ: "owner team_lead -> executive", "priority 2 -> 1",
  /// "compensation_total higher", "+remedy upgrade", "-remedy gift", joined by "; ".
  std::string difference;
  std::size_t incidents = 0;    ///< incidents checked that fall in it
  Incident example;             ///< one of them, with as few facts changed from the base as found
  std::string example_changes;  ///< those facts, for people: "loss 1,600.00 CNY, tier vip"
  Decision old_decision;        ///< the example's decision by the old policy
  Decision new_decision;        ///< and by the new one
};

/// How the space is walked.
struct DiffOptions {
  std::size_t samples = 5000;  ///< every combination when there are at most this many
  std::uint64_t seed = 1;      ///< of the sample otherwise
};

/// The result.
struct SemanticDiff {
  std::size_t checked = 0;          ///< incidents decided by both policies
  std::size_t undecidable = 0;      ///< incidents one of them refused (a category it lacks)
  bool exhaustive = false;          ///< every combination of boundary values was checked
  std::uint64_t seed = 0;           ///< of the sample, when not exhaustive
  std::vector<DiffRegion> regions;  ///< in the order first found
};

/// Decides incidents made from `base` by setting the facts either policy reads to the boundary
/// values of either policy (rules/README.md, "Semantic diff"), with both policies, and groups
/// those decided differently by how they differ. Both policies must use one currency.
/// Deterministic.
SemanticDiff semantic_diff(const CompiledPolicy& old_policy, const CompiledPolicy& new_policy,
                           const Incident& base, const DiffOptions& options = {});

/// A base incident both policies can decide: the first category they share, defaults elsewhere.
Incident default_base(const CompiledPolicy& old_policy, const CompiledPolicy& new_policy);

/// The diff for people.
std::string to_text(const CompiledPolicy& old_policy, const CompiledPolicy& new_policy,
                    const SemanticDiff& diff);

}  // namespace redress::explain
