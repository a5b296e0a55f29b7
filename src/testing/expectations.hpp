// Checking a decision against a case's `expect:` map.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string_view>
#include <vector>

#include "redress/diag/diagnostic.hpp"
#include "redress/model/decision.hpp"
#include "redress/testing/suite.hpp"

namespace redress::testing::detail {

/// The keys `expect:` accepts, for did-you-mean hints.
const std::vector<std::string>& expectation_keys();

/// Compares `decision` with `expect`; reports unknown keys and malformed values to `problems`.
std::vector<Mismatch> check_expectations(const YAML::Node& expect, const Decision& decision,
                                         std::string_view file, Diagnostics& problems);

}  // namespace redress::testing::detail
