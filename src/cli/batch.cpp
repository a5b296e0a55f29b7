// redress batch [--policy FILE] [--threads N] [--trace] [--group-report FILE] [IN.jsonl]
//               [-o OUT.jsonl]
//
// JSON lines in, JSON lines out, in input order, one output line per input line: the work is
// batch::decide_lines(); here are the files, the progress bar, the group report, the summary
// and the exit code.
#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "cli/line_run.hpp"
#include "redress/batch/decide_lines.hpp"
#include "redress/batch/group_consistency.hpp"

namespace redress::cli {
namespace {

// Writes the group report and says what it found; kOk, kInvalidInput when a member was decided
// unlike its group, or kUnreadable when the file cannot be written.
int write_group_report(const batch::GroupConsistency& groups, const std::string& path) {
  const auto found = groups.inconsistencies();
  std::string report;
  batch::append_group_report(report, found);
  if (!write_file(path, report)) return kUnreadable;
  std::cerr << fmt::format("{} groups, {} members, {} decided unlike their group\n",
                           groups.groups(), groups.members(), found.size());
  return found.empty() ? kOk : kInvalidInput;
}

}  // namespace

int run_batch(const BatchArgs& args) {
  const auto loaded = load_policy_arg(args.policy);
  if (!loaded.policy) return report_policy_failure(loaded);
  LineFiles files;
  if (const int code = files.open(args.input, args.output); code != kOk) return code;

  const auto decide = decide_options(args.trace, args.locale, args.as_of);
  if (!decide) return kUsage;
  batch::DecideLinesOptions options;
  options.decide = *decide;
  options.file = files.in_name;
  std::optional<batch::GroupConsistency> groups;
  if (!args.group_report.empty()) {
    groups.emplace(*loaded.policy);
    options.on_decided = [&](const Incident& incident, const Decision& decision,
                             std::uint64_t line) { groups->add(incident, decision, line); };
  }
  batch::MapOptions map;
  map.threads = args.threads;
  const auto progress = progress_bar(files.in_size);

  const auto start = std::chrono::steady_clock::now();
  const auto result = batch::decide_lines(*loaded.policy, batch::Source::fd(files.in),
                                          batch::Sink::fd(files.out), options, map, progress);
  clear_progress_bar(progress);
  int code = report_failure(result, options.file);
  if (const int closed = files.close_output(); code == kOk) code = closed;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (groups && result.ok()) {
    if (const int reported = write_group_report(*groups, args.group_report); code == kOk) {
      code = reported;
    }
  }
  const auto rate =
      seconds > 0 ? static_cast<std::uint64_t>(static_cast<double>(result.succeeded()) / seconds)
                  : 0;
  std::cerr << fmt::format("{} decided, {} failed, in {:.3f} s ({} decisions/s)\n",
                           result.succeeded(), result.failed, seconds, rate);
  if (code != kOk) return code;
  return result.failed > 0 ? kInvalidInput : kOk;
}

}  // namespace redress::cli
