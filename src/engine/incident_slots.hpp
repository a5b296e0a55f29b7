// Turning an Incident into the int64 fact slots that compiled expressions read.
#pragma once

#include <cstdint>
#include <vector>

#include "redress/compile/compiled_policy.hpp"
#include "redress/diag/diagnostic.hpp"
#include "redress/model/incident.hpp"

namespace redress::detail {

/// Fills `slots` (resized to the policy's fact count) from the incident and the facts'
/// defaults. Problems (unknown category, other currency, missing or mistyped host fact) are
/// added to `problems`; the slots are then not usable.
void load_slots(const CompiledPolicy& policy, const Incident& incident,
                std::vector<std::int64_t>& slots, Diagnostics& problems);

/// The value of a slot as a FactValue, for traces and the classification echo.
FactValue slot_value(const CompiledPolicy& policy, const Incident& incident, std::uint32_t slot,
                     std::int64_t value);

}  // namespace redress::detail
