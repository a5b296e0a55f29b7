// Writing decisions: JSON (rules/schema/decision.schema.json) and a readable text form.
#pragma once

#include <cstddef>
#include <string>

#include "redress/model/decision.hpp"

/// Reading and writing documents: policies, incidents, decisions, diagnostics, audit records.
namespace redress::io {

/// How to write a decision.
struct WriteOptions {
  bool trace = false;  ///< include the trace (it is empty unless decide() was asked for it)
  int indent = 2;      ///< JSON indentation; -1 writes one line
};

/// The decision as JSON. Fields come in a fixed order and money as {"minor", "currency"}, so
/// the same decision always gives the same bytes.
std::string to_json(const Decision& decision, const WriteOptions& options = {});

/// The decision as one line of JSON (to_json() with indent -1, no newline), written into
/// `buffer` from `buffer[at]` on; returns where it ends. `buffer` grows as needed and its bytes
/// from the returned end on are scratch space. For writing line after line into one buffer kept
/// at its largest size (as batch::LineOutput does): once it has grown, nothing is cleared or
/// reallocated. Requires at <= buffer.size().
std::size_t write_json_line(std::string& buffer, std::size_t at, const Decision& decision,
                            bool trace);

/// The decision for people: priority and deadlines, remedies, owner, steps, warnings.
std::string to_text(const Decision& decision, const WriteOptions& options = {});

}  // namespace redress::io
