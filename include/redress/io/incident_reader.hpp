// Reading incidents from JSON or YAML documents (see rules/schema/incident.schema.json and the
// field table, redress/model/incident_fields.hpp).
#pragma once

#include <cstddef>
#include <memory>
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

/// The largest incident document read (16 MiB, as REDRESS_MAX_INPUT_BYTES): a longer one is
/// refused with incident.too_large before it is parsed.
inline constexpr std::size_t kMaxIncidentBytes = std::size_t{16} * 1024 * 1024;
/// The deepest nesting of maps and lists in an incident document (the root map is level 1);
/// deeper is refused with incident.too_deep at the map or list that goes past it.
inline constexpr int kMaxIncidentDepth = 32;
/// The most values (scalars, maps and lists) a YAML incident document may hold; more is refused
/// with incident.too_large before the document is loaded.
inline constexpr std::size_t kMaxYamlIncidentValues = 100000;
/// The most errors reported for one incident document; reading stops at the last.
inline constexpr std::size_t kMaxIncidentErrors = 100;

/// Whether `text` is read as JSON: its first byte that is not JSON whitespace (space, tab, CR,
/// LF) is '{'. Anything else is read as YAML.
bool is_json_incident(std::string_view text);

/// Reads incidents one after another, keeping its parser's buffers and the checked schema from
/// one to the next (for hosts that read many, such as `redress batch`). JSON documents are read
/// with simdjson (positions give line:column), YAML documents with yaml-cpp; both go through the
/// same field table, checks and messages. One reader per thread; `schema` must outlive it.
class IncidentReader {
 public:
  /// A reader for the policy's `schema`, refusing documents longer than `max_bytes`.
  explicit IncidentReader(const IncidentSchema& schema, std::size_t max_bytes = kMaxIncidentBytes);
  ~IncidentReader();
  IncidentReader(const IncidentReader&) = delete;
  IncidentReader& operator=(const IncidentReader&) = delete;

  /// Reads `text` into `out`, which is overwritten whole (its strings, lists and facts keep their
  /// memory). Returns true, or false with every problem in `diagnostics` (replaced, in the
  /// order of the field table); `out` is then unspecified but valid. `file` names the source.
  bool read(std::string_view text, std::string_view file, Incident& out, Diagnostics& diagnostics);
  /// The same, into a new incident.
  IncidentResult read(std::string_view text, std::string_view file);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Reads one incident from a JSON or YAML document (see is_json_incident()), as a fresh
/// IncidentReader would. `file` names the source in diagnostics. Money is written "800.00 CNY"
/// or {"minor": 80000, "currency": "CNY"} and must be in the schema's currency.
/// Codes: incident.syntax, incident.missing_field, incident.unknown_field,
/// incident.duplicate_field, incident.unknown_value, incident.wrong_type, incident.out_of_range,
/// incident.bad_timestamp, incident.bad_money, incident.currency_mismatch, incident.too_deep,
/// incident.too_large.
IncidentResult read_incident(std::string_view text, std::string_view file,
                             const IncidentSchema& schema);

}  // namespace redress::io
