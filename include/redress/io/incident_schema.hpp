// What an incident document must look like for a given policy.
#pragma once

#include "redress/compile/compiled_policy.hpp"
#include "redress/io/incident_reader.hpp"

namespace redress::io {

/// The policy's currency and host facts, for read_incident().
IncidentSchema incident_schema(const CompiledPolicy& policy);

}  // namespace redress::io
