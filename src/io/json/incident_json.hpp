// Private to the incident reader: incidents written as JSON, read with simdjson's on-demand
// parser. Each value is read where it lies, with its byte position (for line:column); a value
// not needed (an unknown field's) is walked to check its syntax and depth, never built.
#pragma once

#include <memory>
#include <string_view>

#include "io/incident_parser.hpp"
#include "io/incident_values.hpp"
#include "redress/model/incident.hpp"

namespace redress::io::detail {

/// One per thread: it owns a parser whose buffers are reused from one document to the next.
class JsonIncidentReader {
 public:
  JsonIncidentReader();
  ~JsonIncidentReader();
  JsonIncidentReader(const JsonIncidentReader&) = delete;
  JsonIncidentReader& operator=(const JsonIncidentReader&) = delete;

  /// Reads the JSON document `text` into `out` (reset first), reporting every problem to
  /// `checks`, whose positions are offsets into `text`. False when there is any.
  bool read(std::string_view text, ValueChecks& checks, const SchemaIndex& index, Incident& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace redress::io::detail
