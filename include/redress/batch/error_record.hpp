// The record a batch writes in place of a decision for an input line that failed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "redress/diag/diagnostic.hpp"

namespace redress::batch {

/// Appends the error record of input line `line` (1-based), with its newline:
///   {"line":N,"error":{"code":...,"message":...},"diagnostics":[...]}
/// "error" is the first error of `diagnostics` (else the first diagnostic); "diagnostics" are
/// all of them as io::to_json(Diagnostics) writes them, read from a one-line document and so
/// moved onto input line `line`, with `file` where they name no file.
void append_error_record(std::string& out, std::uint64_t line, const Diagnostics& diagnostics,
                         std::string_view file);

}  // namespace redress::batch
