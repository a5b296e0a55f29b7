// Where a node of a suite file is, for the suite's diagnostics and mismatches.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

#include "redress/diag/diagnostic.hpp"

namespace redress::testing::detail {

inline SourceLocation where(std::string_view file, const YAML::Node& node) {
  return {std::string(file), node.Mark().line, node.Mark().column};
}

}  // namespace redress::testing::detail
