// Private to the incident reader: incidents written as YAML, and incidents embedded in test
// suites as YAML nodes.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string_view>

#include "io/incident_parser.hpp"
#include "io/incident_values.hpp"
#include "redress/model/incident.hpp"

namespace redress::io::detail {

/// Reads the YAML document `text` into `out` (reset first), reporting every problem to `checks`.
/// The document's depth and size are checked on the parser's events before it is loaded.
bool read_yaml_incident(std::string_view text, ValueChecks& checks, const SchemaIndex& index,
                        Incident& out);

/// The same from a node already loaded (its marks give the locations).
bool read_yaml_incident(const YAML::Node& root, ValueChecks& checks, const SchemaIndex& index,
                        Incident& out);

}  // namespace redress::io::detail
