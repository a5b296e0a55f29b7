// The redress command-line tool: one function per verb. No decision logic lives here.
#pragma once

#include <string>
#include <vector>

namespace redress::cli {

/// Exit codes, documented in `redress --help` and the README.
enum ExitCode : int {
  kOk = 0,
  kInvalidInput = 1,   ///< an incident was malformed, or `check` found errors
  kUsage = 2,          ///< bad command-line arguments
  kPolicyInvalid = 3,  ///< the policy given to `decide` did not compile
  kUnreadable = 4,     ///< a file could not be read, or the output could not be written
};

struct DecideArgs {
  std::string policy;  ///< empty: the built-in default policy
  bool json = false;
  bool trace = false;
  std::string locale;
  std::vector<std::string> incidents;
};

struct CheckArgs {
  std::vector<std::string> policies;
  std::string format = "text";  ///< text | json
};

struct TestArgs {
  std::string policy;  ///< overrides each suite's `policy:`; empty: the suite's, else built-in
  std::string junit;   ///< write JUnit XML here
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
  std::string input;   ///< empty or "-": standard input
  std::string output;  ///< empty or "-": standard output
};

int run_decide(const DecideArgs& args);
int run_batch(const BatchArgs& args);
int run_check(const CheckArgs& args);
int run_test(const TestArgs& args);

/// Reads a whole file, or standard input for "-". Returns false if it cannot be read (a
/// directory cannot), with `error` saying why.
bool read_input(const std::string& path, std::string& text, std::string& error);
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
