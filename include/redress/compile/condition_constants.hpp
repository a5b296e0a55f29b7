// The constants a policy's conditions compare each fact with: where a fact's value can change
// what the policy decides. Explanations and property checks search the input space from them.
#pragma once

#include <cstdint>
#include <vector>

#include "redress/compile/compiled_policy.hpp"

namespace redress {

/// Per fact slot (index = slot, as CompiledPolicy::facts), the distinct constants, sorted, that
/// any rule's condition compares the fact with, anywhere in the condition (`loss >= 500 CNY`
/// gives 50000 for `loss`; `category in core` the category's pre-order index; `respect in
/// motives` the value's index for `motives`), together with the bounds of the rule index's fact
/// tests. Comparisons of a fact with another fact or with arithmetic are not read. Thread-safe.
std::vector<std::vector<std::int64_t>> condition_constants(const CompiledPolicy& policy);

}  // namespace redress
