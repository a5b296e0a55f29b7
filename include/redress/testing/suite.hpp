// Policy test suites as data: named cases, each an incident and expectations on its decision.
// See "Testing policies" in rules/README.md for the file format.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "redress/compile/compiled_policy.hpp"
#include "redress/diag/diagnostic.hpp"
#include "redress/model/decision.hpp"

namespace redress::testing {

/// One expectation that the decision did not meet.
struct Mismatch {
  std::string field;     ///< e.g. "owner", "amounts.voucher"
  std::string expected;
  std::string actual;
  SourceLocation location;  ///< of the expectation in the suite file
};

struct CaseResult {
  std::string name;
  SourceLocation location;
  std::optional<Decision> decision;  ///< with its trace; empty when the incident was refused
  std::vector<Mismatch> mismatches;
  Diagnostics errors;  ///< the incident could not be read or decided
  [[nodiscard]] bool passed() const { return mismatches.empty() && !errors.has_errors(); }
};

struct SuiteResult {
  std::string file;
  std::vector<CaseResult> cases;
  Diagnostics diagnostics;  ///< problems with the suite file itself (then no case ran)
  [[nodiscard]] std::size_t passed() const;
  [[nodiscard]] std::size_t failed() const;
};

/// The policy a suite names with `policy:`, resolved against the suite file's folder, or
/// nullopt when it names none (or the text is not a suite).
std::optional<std::filesystem::path> suite_policy(std::string_view text,
                                                  const std::filesystem::path& file);

struct RunOptions {
  std::string filter;  ///< run only cases whose name contains this text (empty: all)
};

/// Runs the cases of the suite against `policy`. Each incident is the suite's `base` with the
/// case's `incident` merged over it (maps merge key by key; other values replace).
SuiteResult run_suite(std::string_view text, std::string_view file, const CompiledPolicy& policy,
                      const RunOptions& options = {});

/// A failed case for people: the expectations not met, what was decided, and the rules that
/// fired in order.
std::string describe_failure(const CaseResult& result);

}  // namespace redress::testing
