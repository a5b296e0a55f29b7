// Replaying cases: every incident of a JSON-lines input decided under a baseline and a
// candidate policy, one line a case out (unchanged, changed with its diff, or an error record),
// in input order, on many threads, with a summary of the whole run.
#pragma once

#include <cstddef>
#include <string>

#include "redress/batch/map_lines.hpp"
#include "redress/compile/compiled_policy.hpp"
#include "redress/replay/summary.hpp"

namespace redress::replay {

/// How replay_lines() names its input and what it keeps.
struct ReplayOptions {
  std::string file = "<input>";  ///< the input's name in the diagnostics of error records
  std::size_t top = 10;          ///< how many of the largest cost changes the summary keeps
};

/// What a replay did: the run (lines, failures) and the summary of the cases it wrote.
struct ReplayResult {
  batch::MapResult run;  ///< as batch::map_lines() reports it; failed counts error records
  /// Of every line processed: every line written, unless the run stopped early.
  ReplaySummary summary;
};

/// Decides every line of `input` under `baseline` and under `candidate` and writes to `output`,
/// in input order, one line per input line:
///   {"line":N,"incident":"ID","status":"unchanged"}
///   {"line":N,"incident":"ID","status":"changed","changes":{...}}   (append_changes())
/// or the error record of batch::append_error_record() for a line that cannot be read or
/// decided; when only one policy refuses or fails it, the record says which with
/// "side":"baseline" or "side":"candidate" after "line". Thread-safe: runs may share policies.
ReplayResult replay_lines(const CompiledPolicy& baseline, const CompiledPolicy& candidate,
                          batch::Source input, batch::Sink output,
                          const ReplayOptions& options = {}, const batch::MapOptions& map = {},
                          const batch::ProgressFn& progress = {});

}  // namespace redress::replay
