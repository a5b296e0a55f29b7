#include "redress/io/incident_line_reader.hpp"

#include "io/json/incident_json_fast.hpp"

namespace redress::io {

struct IncidentLineReader::Fast {
  detail::FastIncidentReader reader;
};

IncidentLineReader::IncidentLineReader(const IncidentSchema& schema)
    : schema_(schema), fast_(std::make_unique<Fast>()) {}

IncidentLineReader::~IncidentLineReader() = default;

bool IncidentLineReader::read(std::string_view document, std::string_view file, Incident& out) {
  if (fast_->reader.read(document, schema_, out)) return true;
  // Not on the fast path: the full reader decides, with diagnostics.
  auto read = read_incident(document, file, schema_);
  diagnostics_ = std::move(read.diagnostics);
  if (!read.incident) return false;
  out = std::move(*read.incident);
  return true;
}

}  // namespace redress::io
