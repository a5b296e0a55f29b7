// What `batch` and `replay` share around a run of batch::map_lines(): opening the input and
// output, the progress bar and the failure report.
#pragma once

#include <cstdint>
#include <string>

#include "cli/policy_arg.hpp"
#include "redress/batch/map_lines.hpp"

namespace redress::cli {

/// The input and output files of a run, opened; closed when it goes.
class LineFiles {
 public:
  LineFiles() = default;
  ~LineFiles();
  LineFiles(const LineFiles&) = delete;
  LineFiles& operator=(const LineFiles&) = delete;

  /// Opens `input` (standard input when empty or "-") and `output` (standard output when empty
  /// or "-"). Returns kOk, or kUnreadable after saying why on standard error.
  int open(const std::string& input, const std::string& output);
  /// Closes the output; kOk, or kUnreadable after saying why.
  int close_output();

  int in = 0;                 ///< the input's descriptor
  int out = 1;                ///< the output's descriptor
  std::uint64_t in_size = 0;  ///< bytes of a regular input file; 0 when unknown (a pipe)
  std::string in_name;        ///< "<stdin>" or the path, as error records name it
  std::string out_name;       ///< the output path; empty for standard output
};

/// A progress callback drawing a bar on standard error when it is a terminal; empty otherwise.
batch::ProgressFn progress_bar(std::uint64_t input_size);
/// Clears the progress bar's line, if one was drawn.
void clear_progress_bar(const batch::ProgressFn& bar);
/// Reports why the run stopped early, if it did; the exit code (kOk when it did not).
int report_failure(const batch::MapResult& result, const std::string& file);

}  // namespace redress::cli
