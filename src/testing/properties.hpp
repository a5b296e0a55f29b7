// Running the `properties:` of a suite (redress/testing/properties.hpp).
#pragma once

#include <yaml-cpp/yaml.h>

#include <string_view>
#include <vector>

#include "redress/compile/compiled_policy.hpp"
#include "redress/io/incident_schema.hpp"
#include "redress/testing/properties.hpp"

namespace redress::testing::detail {

/// Checks every property of `list` (the suite's `properties:`) whose name contains `filter`,
/// over incidents made from `base` (the suite's base incident) by changing the facts the
/// policy reads.
std::vector<PropertyResult> run_properties(const YAML::Node& list, const YAML::Node& base,
                                           std::string_view file, const CompiledPolicy& policy,
                                           const io::IncidentSchema& schema,
                                           std::string_view filter);

}  // namespace redress::testing::detail
