#include "cli/line_run.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>

#include "cli/commands.hpp"

namespace redress::cli {
namespace {

// "  1234567 lines (0 failed)  412345/s  [#########           ]  45%  ETA 0:03", on one line
// of stderr. `input_size` is 0 when unknown (a pipe).
void draw_progress(const batch::Progress& progress, std::uint64_t input_size) {
  std::string text = fmt::format("\r{:>10} lines ({} failed)  {:>8.0f}/s", progress.lines,
                                 progress.failed, progress.lines_per_second());
  if (input_size > 0) {
    const double fraction =
        std::min(1.0, static_cast<double>(progress.bytes) / static_cast<double>(input_size));
    constexpr int kWidth = 24;
    const int filled = static_cast<int>(fraction * kWidth);
    text +=
        fmt::format("  [{}{}] {:3.0f}%", std::string(static_cast<std::size_t>(filled), '#'),
                    std::string(static_cast<std::size_t>(kWidth - filled), ' '), fraction * 100);
    if (fraction > 0) {
      const auto eta =
          static_cast<std::int64_t>(progress.seconds * (1 - fraction) / fraction + 0.5);
      text += fmt::format("  ETA {}:{:02}", eta / 60, eta % 60);
    }
  }
  text += "\033[K";
  std::cerr << text << std::flush;
}

}  // namespace

LineFiles::~LineFiles() {
  if (in > 0) ::close(in);
  if (out > 1) ::close(out);
}

int LineFiles::open(const std::string& input, const std::string& output) {
  const bool from_stdin = input.empty() || input == "-";
  in_name = from_stdin ? "<stdin>" : input;
  if (!from_stdin) {
    in = ::open(input.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (in < 0 || ::fstat(in, &st) != 0 || S_ISDIR(st.st_mode)) {
      std::cerr << fmt::format("{}: error[incident.io]: cannot read the file: {}\n", input,
                               std::strerror(in < 0 ? errno : EISDIR));
      return kUnreadable;
    }
    if (S_ISREG(st.st_mode)) in_size = static_cast<std::uint64_t>(st.st_size);
  }
  if (!output.empty() && output != "-") {
    out_name = output;
    out = ::open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (out < 0) {
      std::cerr << fmt::format("{}: error: cannot write the output file: {}\n", output,
                               std::strerror(errno));
      out = 1;
      return kUnreadable;
    }
  }
  return kOk;
}

int LineFiles::close_output() {
  if (out <= 1) return kOk;
  const int fd = out;
  out = 1;
  if (::close(fd) == 0) return kOk;
  std::cerr << fmt::format("{}: error: cannot write the output file: {}\n", out_name,
                           std::strerror(errno));
  return kUnreadable;
}

batch::ProgressFn progress_bar(std::uint64_t input_size) {
  if (isatty(2) != 1) return {};
  return [input_size](const batch::Progress& p) {
    if (!p.finished) draw_progress(p, input_size);
  };
}

void clear_progress_bar(const batch::ProgressFn& bar) {
  if (bar) std::cerr << "\r\033[K" << std::flush;
}

int report_failure(const batch::MapResult& result, const std::string& file) {
  const std::string why = result.error ? result.error.message() : result.message;
  switch (result.failure) {
    case batch::Failure::none:
      return kOk;
    case batch::Failure::input:
      std::cerr << fmt::format("{}: error[incident.io]: cannot read the input: {}\n", file, why);
      return kUnreadable;
    case batch::Failure::output:
      std::cerr << fmt::format("error: cannot write the output: {}\n", why);
      return kUnreadable;
    case batch::Failure::worker:
    case batch::Failure::progress:
      break;
  }
  std::cerr << fmt::format("error: the run stopped: {}\n", why);
  return kInvalidInput;
}

}  // namespace redress::cli
