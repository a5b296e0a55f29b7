// Private to redress (the batch command): a fast path for incidents written as one JSON object,
// built on simdjson. It gives an Incident only when it is sure read_incident() would give the
// very same one; for anything else (a syntax error, a wrong value, a backslash escape, a
// duplicate key, YAML) it gives nullopt and the caller asks read_incident(), which either
// accepts the document or says exactly what is wrong with it.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "redress/io/incident_reader.hpp"
#include "redress/model/incident.hpp"

namespace redress::io::detail {

/// One per thread: it owns a JSON parser whose buffers are reused from one document to the next.
class FastIncidentReader {
 public:
  FastIncidentReader();
  ~FastIncidentReader();
  FastIncidentReader(const FastIncidentReader&) = delete;
  FastIncidentReader& operator=(const FastIncidentReader&) = delete;

  /// The incident in `json`, equal to read_incident(json, ..., schema).incident, or nullopt when
  /// the fast path cannot tell (then read_incident() must be asked; it may still succeed).
  std::optional<Incident> read(std::string_view json, const IncidentSchema& schema);

  /// The same into `out`, which is overwritten whole (its strings, lists and fact map keep their
  /// memory, so reading line after line into one Incident does not allocate). Returns false when
  /// the fast path cannot tell; `out` is then unspecified but valid. The reader indexes the
  /// schema's categories on first use: pass the same, unchanged schema from call to call (another
  /// schema object is indexed anew).
  bool read(std::string_view json, const IncidentSchema& schema, Incident& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace redress::io::detail
