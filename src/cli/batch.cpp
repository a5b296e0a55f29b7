// redress batch [--policy FILE] [--threads N] [--trace] [IN.jsonl] [-o OUT.jsonl]
//
// JSON lines in, JSON lines out, in input order, one output line per input line: the work is
// batch::decide_lines(); here are the files, the progress bar, the summary and the exit code.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <iostream>

#include "cli/commands.hpp"
#include "redress/batch/decide_lines.hpp"
#include "redress/io/load_policy.hpp"

namespace redress::cli {
namespace {

using Clock = std::chrono::steady_clock;

CompileResult load(const std::string& path) {
  if (path.empty()) return load_default_policy();
  std::string text;
  if (!read_input(path, text)) {
    CompileResult failed;
    failed.diagnostics.error("policy.io", {path, -1, -1},
                             fmt::format("cannot read policy file '{}'", path));
    return failed;
  }
  return load_policy(text, path);
}

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

// Reports why the run stopped early, if it did; the exit code.
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
  std::cerr << fmt::format("error: the batch stopped: {}\n", why);
  return kInvalidInput;
}

}  // namespace

int run_batch(const BatchArgs& args) {
  const auto loaded = load(args.policy);
  if (!loaded.policy) {
    for (const auto& d : loaded.diagnostics.items()) std::cerr << render(d, loaded.source);
    return loaded.diagnostics.size() == 1 && loaded.diagnostics.items()[0].code == "policy.io"
               ? kUnreadable
               : kPolicyInvalid;
  }
  const bool from_stdin = args.input.empty() || args.input == "-";
  int in_fd = 0;
  std::uint64_t input_size = 0;
  if (!from_stdin) {
    in_fd = ::open(args.input.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (in_fd < 0 || ::fstat(in_fd, &st) != 0 || S_ISDIR(st.st_mode)) {
      std::cerr << fmt::format("{}: error[incident.io]: cannot read the file: {}\n", args.input,
                               std::strerror(in_fd < 0 ? errno : EISDIR));
      if (in_fd >= 0) ::close(in_fd);
      return kUnreadable;
    }
    if (S_ISREG(st.st_mode)) input_size = static_cast<std::uint64_t>(st.st_size);
  }
  int out_fd = 1;
  if (!args.output.empty() && args.output != "-") {
    out_fd = ::open(args.output.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (out_fd < 0) {
      std::cerr << fmt::format("{}: error: cannot write the output file: {}\n", args.output,
                               std::strerror(errno));
      if (in_fd > 0) ::close(in_fd);
      return kUnreadable;
    }
  }

  batch::DecideLinesOptions options;
  options.decide = DecideOptions{args.trace, args.locale};
  options.file = from_stdin ? "<stdin>" : args.input;
  batch::MapOptions map;
  map.threads = args.threads;
  const bool progress_bar = isatty(2) == 1;
  batch::ProgressFn progress;
  if (progress_bar) {
    progress = [input_size](const batch::Progress& p) {
      if (!p.finished) draw_progress(p, input_size);
    };
  }

  const auto start = Clock::now();
  const auto result = batch::decide_lines(*loaded.policy, batch::Source::fd(in_fd),
                                          batch::Sink::fd(out_fd), options, map, progress);
  if (progress_bar) std::cerr << "\r\033[K" << std::flush;
  int code = report_failure(result, options.file);
  if (out_fd != 1 && ::close(out_fd) != 0 && code == kOk) {
    std::cerr << fmt::format("{}: error: cannot write the output file: {}\n", args.output,
                             std::strerror(errno));
    code = kUnreadable;
  }
  if (in_fd > 0) ::close(in_fd);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const auto rate =
      seconds > 0 ? static_cast<std::uint64_t>(static_cast<double>(result.succeeded()) / seconds)
                  : 0;
  std::cerr << fmt::format("{} decided, {} failed, in {:.3f} s ({} decisions/s)\n",
                           result.succeeded(), result.failed, seconds, rate);
  if (code != kOk) return code;
  return result.failed > 0 ? kInvalidInput : kOk;
}

}  // namespace redress::cli
