// Reading an incident from a YAML node that is already parsed (for test suites, whose cases
// embed incidents), keeping the node's line:column locations.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string_view>

#include "redress/io/incident_reader.hpp"

namespace redress::io {

IncidentResult read_incident_node(const YAML::Node& root, std::string_view file,
                                  const IncidentSchema& schema);

}  // namespace redress::io
