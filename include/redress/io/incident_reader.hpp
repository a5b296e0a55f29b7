// Reading incidents from JSON or YAML documents (see rules/schema/incident.schema.json).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "redress/diag/diagnostic.hpp"
#include "redress/model/incident.hpp"
#include "redress/model/money.hpp"

namespace redress::io {

/// A host fact the policy declares, as the reader needs it to type `facts:` values.
struct HostFactInfo {
  /// The value types a host fact can have.
  enum class Kind { boolean, integer, money, string, enumeration, set };
  std::string name;                 ///< the fact's id in the policy
  Kind kind = Kind::string;         ///< what the `facts:` value must be
  std::vector<std::string> values;  ///< allowed values for enumeration and set
};

/// What the reader checks an incident against: the policy's currency and host facts.
struct IncidentSchema {
  Currency currency;                     ///< every amount must be in it
  std::vector<HostFactInfo> host_facts;  ///< the facts a `facts:` map may hold
  /// The taxonomy's category ids; when not empty, `category` must be one of them.
  std::vector<std::string> categories;
};

/// What read_incident() found: an incident, or why not.
struct IncidentResult {
  std::optional<Incident> incident;  ///< empty when there is any error
  Diagnostics diagnostics;           ///< errors and warnings, with line and column
};

/// Reads one incident from a JSON or YAML document (JSON is read as the YAML subset it is, so
/// both give line:column locations). `file` names the source in diagnostics. Money is written
/// "800.00 CNY" or {"minor": 80000, "currency": "CNY"} and must be in the schema's currency.
/// Codes: incident.syntax, incident.missing_field, incident.unknown_field,
/// incident.unknown_value, incident.wrong_type, incident.bad_timestamp, incident.bad_money,
/// incident.currency_mismatch.
IncidentResult read_incident(std::string_view text, std::string_view file,
                             const IncidentSchema& schema);

}  // namespace redress::io
