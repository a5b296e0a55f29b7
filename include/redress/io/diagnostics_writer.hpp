// Writing diagnostics as JSON, for editors, CI systems and the C ABI.
#pragma once

#include <string>

#include "redress/diag/diagnostic.hpp"

namespace redress::io {

/// A JSON array of {"code", "severity", "file", "line", "column", "message", "hint"}, with
/// 1-based line and column (null when unknown), in the list's order. `indent` -1 writes one line.
std::string to_json(const Diagnostics& diagnostics, int indent = -1);

}  // namespace redress::io
