// Reading incidents line after line (JSON lines): plain JSON by a fast path, anything else by
// read_incident(), with the same result either way.
#pragma once

#include <memory>
#include <string_view>

#include "redress/diag/diagnostic.hpp"
#include "redress/io/incident_reader.hpp"
#include "redress/model/incident.hpp"

namespace redress::io {

/// Reads one incident after another into a reused Incident. One per thread: it owns a JSON
/// parser whose buffers are reused from line to line. A line written as plain JSON that the
/// schema accepts is read by a fast path (simdjson); anything else (YAML, escapes, any mistake)
/// by read_incident(), so the incident and the diagnostics are always read_incident()'s.
class IncidentLineReader {
 public:
  /// Reads incidents against `schema`, which must outlive the reader and stay unchanged.
  explicit IncidentLineReader(const IncidentSchema& schema);
  ~IncidentLineReader();
  IncidentLineReader(const IncidentLineReader&) = delete;
  IncidentLineReader& operator=(const IncidentLineReader&) = delete;

  /// Reads the incident in `document` (one JSON or YAML document) into `out`, which is
  /// overwritten whole and keeps its memory. Returns false when `document` is not an incident
  /// the schema accepts: diagnostics() then says why, located in `document` (line 1 is its
  /// first line) and naming `file`, as read_incident(document, file, schema) does.
  bool read(std::string_view document, std::string_view file, Incident& out);

  /// Why the last read() returned false.
  [[nodiscard]] const Diagnostics& diagnostics() const { return diagnostics_; }

 private:
  struct Fast;
  const IncidentSchema& schema_;
  std::unique_ptr<Fast> fast_;
  Diagnostics diagnostics_;
};

}  // namespace redress::io
