// The facts of an incident as a policy reads them: one int64 per fact slot (the encoding of
// redress/expr/type.hpp), for tools that reason about a policy's input space.
#pragma once

#include <cstdint>
#include <vector>

#include "redress/compile/compiled_policy.hpp"
#include "redress/model/fact_value.hpp"
#include "redress/model/incident.hpp"

namespace redress {

/// The value of every fact slot before any rule runs: the incident's facts, the host facts
/// given or their defaults, derived facts at their defaults. Throws DecideError (as decide()
/// does) when the incident does not fit the policy.
std::vector<std::int64_t> fact_values(const CompiledPolicy& policy, const Incident& incident);

/// A slot's int64 as a typed value (an enum's spelling, money in the policy's currency). A
/// string fact's value is the text literal it names (its id), or else the text in `incident`.
FactValue fact_value(const CompiledPolicy& policy, const Incident& incident, std::uint32_t slot,
                     std::int64_t value);

}  // namespace redress
