// redress replay --baseline OLD --candidate NEW [CASES.jsonl] [-o OUT.jsonl]
//                [--summary-json FILE] [--report FILE.html] [--top N] [--threads N]
//
// Every case decided under both policies: the work is replay::replay_lines(); here are the
// files, the progress bar, the summary and the exit code (as `batch`'s).
#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/line_run.hpp"
#include "redress/graph/policy_graph.hpp"
#include "redress/replay/replay_lines.hpp"
#include "redress/report/replay_report.hpp"

namespace redress::cli {
namespace {

// The changed case lines a report lists: the first kReportCases, taken from the output as it
// is written (whole lines; a line split between two writes is put back together).
constexpr std::size_t kReportCases = 1000;

class ChangedLines {
 public:
  void see(std::string_view bytes) {
    while (!bytes.empty() && lines_.size() < kReportCases) {
      const auto end = bytes.find('\n');
      partial_.append(bytes.substr(0, end));
      if (end == std::string_view::npos) return;
      if (partial_.find("\"status\":\"changed\"") != std::string::npos) {
        lines_.push_back(partial_);
      }
      partial_.clear();
      bytes.remove_prefix(end + 1);
    }
  }
  std::vector<std::string>& lines() { return lines_; }

 private:
  std::string partial_;
  std::vector<std::string> lines_;
};

std::string describe(const CompiledPolicy& p) {
  return fmt::format("{} {} ({})", p.identity.id, p.identity.version, p.file);
}

// The pictures of both policies' rules and roles: SVG through Graphviz, else DOT.
std::vector<report::Picture> pictures(const CompiledPolicy& baseline,
                                      const CompiledPolicy& candidate) {
  std::vector<report::Picture> out;
  bool warned = false;
  for (const auto* side : {&baseline, &candidate}) {
    const char* name = side == &baseline ? "Baseline" : "Candidate";
    for (const bool rules : {true, false}) {
      report::Picture picture;
      picture.title = fmt::format("{}: {}", name, rules ? "rules" : "roles");
      picture.dot = rules ? graph::rules_dot(*side) : graph::roles_dot(*side);
      auto svg = graph::to_svg(picture.dot);
      if (svg.svg) {
        picture.svg = std::move(*svg.svg);
      } else if (!warned) {
        std::cerr << "warning: the report shows the policies as DOT text: " << svg.error << "\n";
        warned = true;
      }
      out.push_back(std::move(picture));
    }
  }
  return out;
}

}  // namespace

int run_replay(const ReplayArgs& args) {
  const auto baseline = load_policy_arg(args.baseline);
  if (!baseline.policy) return report_policy_failure(baseline);
  const auto candidate = load_policy_arg(args.candidate);
  if (!candidate.policy) return report_policy_failure(candidate);
  LineFiles files;
  if (const int code = files.open(args.input, args.output); code != kOk) return code;

  replay::ReplayOptions options;
  options.file = files.in_name;
  options.top = args.top;
  batch::MapOptions map;
  map.threads = args.threads;
  const auto progress = progress_bar(files.in_size);

  const auto start = std::chrono::steady_clock::now();
  ChangedLines changed;
  auto sink = batch::Sink::fd(files.out);
  if (!args.report.empty()) {
    sink = batch::Sink([&changed, out = std::move(sink)](std::string_view bytes) mutable {
      out.write(bytes);
      changed.see(bytes);
    });
  }
  const auto result =
      replay::replay_lines(*baseline.policy, *candidate.policy, batch::Source::fd(files.in),
                           std::move(sink), options, map, progress);
  clear_progress_bar(progress);
  int code = report_failure(result.run, options.file);
  if (const int closed = files.close_output(); code == kOk) code = closed;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::cerr << replay::to_text(result.summary);
  if (!args.summary_json.empty() &&
      !write_file(args.summary_json, replay::to_json(result.summary)) && code == kOk) {
    code = kUnreadable;
  }
  if (!args.report.empty()) {
    report::ReplayReportInput input{describe(*baseline.policy), describe(*candidate.policy),
                                    files.in_name, std::move(changed.lines()),
                                    pictures(*baseline.policy, *candidate.policy)};
    if (!write_file(args.report, report::replay_report_html(result.summary, input)) &&
        code == kOk) {
      code = kUnreadable;
    }
  }
  const auto rate =
      seconds > 0 ? static_cast<std::uint64_t>(static_cast<double>(result.run.lines) / seconds) : 0;
  std::cerr << fmt::format("{} replayed, {} failed, in {:.3f} s ({} cases/s)\n",
                           result.run.succeeded(), result.run.failed, seconds, rate);
  if (code != kOk) return code;
  return result.run.failed > 0 ? kInvalidInput : kOk;
}

}  // namespace redress::cli
