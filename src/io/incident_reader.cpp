#include "redress/io/incident_reader.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "io/incident_node.hpp"
#include "io/incident_parser.hpp"
#include "io/json/incident_json.hpp"
#include "io/yaml/incident_yaml.hpp"

namespace redress::io {

namespace detail {

void reset_incident(Incident& in) {
  static const Incident defaults;
  for_each_incident_field([&](auto field) {
    using T = typename IncidentField<field>::type;
    constexpr FieldKind kind = kIncidentFields[field].kind;
    if constexpr (kind == FieldKind::group || kind == FieldKind::host_facts) {
      // a group's fields are reset one by one; the facts are trimmed by the parser
    } else if constexpr (std::is_same_v<T, std::string> || redress::detail::fields::kIsEnumSet<T>) {
      const auto& initial = IncidentField<field>::of(defaults);
      IncidentField<field>::of(in).assign(initial.begin(), initial.end());
    } else {
      IncidentField<field>::of(in) = IncidentField<field>::of(defaults);
    }
  });
}

}  // namespace detail

bool is_json_incident(std::string_view text) {
  const auto first = std::find_if(text.begin(), text.end(), [](char c) {
    return c != ' ' && c != '\t' && c != '\n' && c != '\r';
  });
  return first != text.end() && *first == '{';
}

struct IncidentReader::Impl {
  Impl(const IncidentSchema& schema, std::size_t max) : index(schema), max_bytes(max) {}
  detail::SchemaIndex index;
  std::size_t max_bytes;
  detail::ValueCache cache;
  detail::JsonIncidentReader json;
};

IncidentReader::IncidentReader(const IncidentSchema& schema, std::size_t max_bytes)
    : impl_(std::make_unique<Impl>(schema, max_bytes)) {}
IncidentReader::~IncidentReader() = default;

bool IncidentReader::read(std::string_view text, std::string_view file, Incident& out,
                          Diagnostics& diagnostics) {
  Impl& m = *impl_;
  if (text.size() > m.max_bytes) {
    diagnostics = Diagnostics{};
    diagnostics.error("incident.too_large", {std::string(file), 0, 0},
                      fmt::format("the incident is {} bytes, more than the limit of {}",
                                  text.size(), m.max_bytes),
                      "an incident is a few hundred bytes of fields; keep bulk data out of it");
    return false;
  }
  const bool json = is_json_incident(text);
  detail::ValueChecks checks(file, json ? text : std::string_view{}, m.index.schema.currency,
                             m.cache);
  const bool ok = json ? m.json.read(text, checks, m.index, out)
                       : detail::read_yaml_incident(text, checks, m.index, out);
  diagnostics = checks.take();
  return ok;
}

IncidentResult IncidentReader::read(std::string_view text, std::string_view file) {
  IncidentResult result;
  Incident incident;
  if (read(text, file, incident, result.diagnostics)) result.incident = std::move(incident);
  return result;
}

IncidentResult read_incident(std::string_view text, std::string_view file,
                             const IncidentSchema& schema) {
  return IncidentReader(schema).read(text, file);
}

IncidentResult read_incident_node(const YAML::Node& root, std::string_view file,
                                  const IncidentSchema& schema) {
  const detail::SchemaIndex index(schema);
  detail::ValueCache cache;
  detail::ValueChecks checks(file, {}, schema.currency, cache);
  IncidentResult result;
  Incident incident;
  if (detail::read_yaml_incident(root, checks, index, incident)) {
    result.incident = std::move(incident);
  }
  result.diagnostics = checks.take();
  return result;
}

}  // namespace redress::io
