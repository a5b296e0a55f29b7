// Checking a decision against a case's `expect:` map.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string_view>
#include <vector>

#include "redress/compile/compiled_policy.hpp"
#include "redress/diag/diagnostic.hpp"
#include "redress/model/decision.hpp"
#include "redress/testing/suite.hpp"

namespace redress::testing::detail {

/// The keys `expect:` accepts, for did-you-mean hints.
const std::vector<std::string>& expectation_keys();

/// Compares `decision` with `expect`; reports unknown keys, malformed values and names the
/// policy does not declare (a misspelt remedy must not pass silently) to `problems`.
std::vector<Mismatch> check_expectations(const YAML::Node& expect, const Decision& decision,
                                         const CompiledPolicy& policy, std::string_view file,
                                         Diagnostics& problems);

}  // namespace redress::testing::detail
