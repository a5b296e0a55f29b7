// The redress command-line tool: one function per verb. No decision logic lives here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "redress/engine/decide.hpp"
namespace CLI {
class App;
}  // namespace CLI

namespace redress::cli {

/// Exit codes, documented in `redress --help` and the README.
enum ExitCode : int {
  kOk = 0,
  kInvalidInput = 1,   ///< an incident was malformed, or `check` found errors
  kUsage = 2,          ///< bad command-line arguments
  kPolicyInvalid = 3,  ///< the policy given to `decide` did not compile
  kUnreadable = 4,     ///< a file could not be read, or the output could not be written
  kCannotListen = 5,   ///< `serve` could not listen on its address
};

struct DecideArgs {
  std::string policy;  ///< empty: the built-in default policy
  bool json = false;
  bool trace = false;
  std::string locale;
  std::string as_of;    ///< the decision time (date or timestamp); empty: none
  std::string explain;  ///< an outcome (as `redress explain --outcome`) to explain; empty: none
  std::vector<std::string> incidents;
};

struct CheckArgs {
  std::vector<std::string> policies;
  std::string format = "text";  ///< text | json
};

struct TestArgs {
  std::string policy;  ///< overrides each suite's `policy:`; empty: the suite's, else built-in
  std::string junit;   ///< write JUnit XML here
  std::string report;  ///< write the coverage report (HTML) here
  std::string filter;  ///< run only cases whose name contains this
  bool coverage = false;
  double min_coverage = -1;  ///< fail below this percentage of rules fired
  std::vector<std::string> suites;
};

struct BatchArgs {
  std::string policy;    ///< empty: the built-in default policy
  unsigned threads = 0;  ///< 0: std::thread::hardware_concurrency()
  bool trace = false;
  std::string locale;
  std::string as_of;         ///< the decision time (date or timestamp); empty: none
  std::string input;         ///< empty or "-": standard input
  std::string output;        ///< empty or "-": standard output
  std::string group_report;  ///< write the members decided unlike their group here; empty: none
};

struct ServeArgs {
  std::string policy;  ///< empty: the built-in default policy
  std::string listen = "127.0.0.1:8181";
  unsigned threads = 0;
  std::string decision_log;
  std::string admin_token_file;
  bool watch = false;
};

struct ExplainArgs {
  std::string policy;   ///< empty: the built-in default policy
  std::string outcome;  ///< owner | priority | remedy:ID | flag:ID | clock:ID | commitment:ID
  bool json = false;
  std::string incident;
};

struct ReplayArgs {
  std::string baseline;      ///< policy file, or "default" for the built-in policy
  std::string candidate;     ///< the same
  std::string input;         ///< empty or "-": standard input
  std::string output;        ///< empty or "-": standard output
  std::string summary_json;  ///< write the summary as JSON here
  std::string report;        ///< write the HTML report here
  std::size_t top = 10;      ///< largest cost changes in the summary
  unsigned threads = 0;      ///< 0: one per core
};

struct DiffArgs {
  std::string before;           ///< policy file, or "default"
  std::string after;            ///< the same
  std::string format = "text";  ///< text | json
  /// Where the two decide differently (boundary search) instead of what was written differently.
  bool semantic = false;
  std::size_t samples = 5000;  ///< semantic: incidents at most
  std::uint64_t seed = 1;      ///< semantic: of the sample
};

struct GraphArgs {
  std::string policy;          ///< policy file, or "default"
  std::string what = "rules";  ///< rules | roles | taxonomy
  std::string format = "dot";  ///< dot | svg
};

int run_decide(const DecideArgs& args);
int run_graph(const GraphArgs& args);
int run_diff(const DiffArgs& args);           ///< structural, or semantic with args.semantic
int run_semantic_diff(const DiffArgs& args);  ///< the --semantic part of run_diff
int run_replay(const ReplayArgs& args);
int run_explain(const ExplainArgs& args);
int run_serve(const ServeArgs& args);
/// Declares `serve` and its options on `app`, filling `args`.
CLI::App* add_serve_command(CLI::App& app, ServeArgs& args);
int run_batch(const BatchArgs& args);
int run_check(const CheckArgs& args);
int run_test(const TestArgs& args);

/// The options of `decide` and `batch`: a trace, a locale, and the decision time given with
/// --as-of (nullopt, with a message on standard error, when it is malformed).
std::optional<DecideOptions> decide_options(bool trace, const std::string& locale,
                                            const std::string& as_of);

/// Reads a whole file, or standard input for "-". Returns false if it cannot be read (a
/// directory cannot), with `error` saying why.
bool read_input(const std::string& path, std::string& text, std::string& error);
/// Writes `text` to the file `path`, replacing it; false (said on standard error) on failure.
bool write_file(const std::string& path, const std::string& text);
/// As above, without the reason.
bool read_input(const std::string& path, std::string& text);

/// Flushes standard output once a command has written everything. Returns `exit_code`, or
/// kUnreadable after saying so on standard error when the output could not be written (a full
/// disk, a closed pipe, /dev/full): a command must not report success for output it lost.
int finish_output(int exit_code);
/// What read_input() with a limit found.
enum class Input { read, unreadable, too_large };
/// Reads a whole file, or standard input for "-", of at most `max_bytes` bytes: a longer input
/// is not read past the limit (too_large, `text` unspecified). `error` says why when unreadable.
Input read_input(const std::string& path, std::string& text, std::size_t max_bytes,
                 std::string& error);

}  // namespace redress::cli
