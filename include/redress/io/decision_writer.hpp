// Writing decisions: JSON (rules/schema/decision.schema.json) and a readable text form.
#pragma once

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

/// The decision for people: priority and deadlines, remedies, owner, steps, warnings.
std::string to_text(const Decision& decision, const WriteOptions& options = {});

}  // namespace redress::io
