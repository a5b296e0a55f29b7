// The input space of a policy as its rules see it: the facts an incident or its host supplies
// that the policy reads, and for each the values that can change a decision (each side of each
// constant its conditions compare it with, every value of enums and flags). Counterfactuals,
// properties and the semantic diff all search this space.
#pragma once

#include <cstdint>
#include <vector>

#include "redress/compile/compiled_policy.hpp"
#include "redress/model/incident.hpp"

namespace redress::explain {

/// One fact of the space.
struct Dimension {
  std::uint32_t slot = 0;            ///< the fact's slot
  std::vector<std::int64_t> values;  ///< boundary values as slot values, sorted, distinct
  std::int64_t min = 0;              ///< the smallest value the fact may take (int, money)
  std::int64_t max = 0;              ///< the largest (int, money)
};

/// The facts the policy reads (in conditions or amounts) that an incident or a host supplies,
/// by slot, with their boundary values. String facts are left out. For a set fact, `values`
/// holds the bit of each value of its enum (a change toggles one).
std::vector<Dimension> input_space(const CompiledPolicy& policy);

/// Whether the fact is a number the search may bisect (int or money).
bool is_numeric(const CompiledPolicy& policy, std::uint32_t slot);

/// Sets fact `slot` of `incident` to the slot value `value` (an enum's index, a set's bits,
/// money minor units in the policy's currency, a category's pre-order index). Built-in facts
/// go to their field, host facts to Incident::facts.
void set_fact(const CompiledPolicy& policy, Incident& incident, std::uint32_t slot,
              std::int64_t value);

}  // namespace redress::explain
