// Rule coverage of policy test suites: which rules the cases fired, and which they never did.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "redress/compile/compiled_policy.hpp"
#include "redress/testing/suite.hpp"

namespace redress::testing {

/// How often one rule fired across the suites.
struct RuleCoverage {
  std::string rule;         ///< the rule's id
  SourceLocation location;  ///< the rule's id in the policy file
  std::size_t cases = 0;    ///< cases whose decision fired the rule
};

/// Rule coverage of a policy by a set of suites.
struct Coverage {
  std::vector<RuleCoverage> rules;  ///< in the policy's written order
  /// The number of rules fired by at least one case.
  [[nodiscard]] std::size_t fired() const;
  /// Percentage of rules fired by at least one case (100 for a policy without rules).
  [[nodiscard]] double percent() const;
};

/// Counts, for every rule of `policy`, the cases of `suites` that fired it. Only cases that
/// produced a decision count (their decisions carry a trace).
Coverage coverage(const CompiledPolicy& policy, const std::vector<SuiteResult>& suites);

}  // namespace redress::testing
