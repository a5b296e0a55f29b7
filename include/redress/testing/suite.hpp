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
#include "redress/testing/properties.hpp"

/// Testing policies: suite files, rule coverage, JUnit output and Catch2 matchers.
namespace redress::testing {

/// One expectation that the decision did not meet.
struct Mismatch {
  std::string field;        ///< e.g. "owner", "amounts.voucher"
  std::string expected;     ///< what the suite expects, as text
  std::string actual;       ///< what the decision has, as text
  SourceLocation location;  ///< of the expectation in the suite file
};

/// The outcome of one case.
struct CaseResult {
  std::string name;                  ///< `name:`, or "case at line N" when it has none
  SourceLocation location;           ///< of the case in the suite file
  std::optional<Decision> decision;  ///< with its trace; empty when the incident was refused
  std::vector<Mismatch> mismatches;  ///< expectations not met; empty when all were
  /// The incident could not be read or decided, or an expectation is malformed.
  Diagnostics errors;
  /// True when every expectation was met and there is no error.
  [[nodiscard]] bool passed() const { return mismatches.empty() && !errors.has_errors(); }
};

/// The outcome of one suite file.
struct SuiteResult {
  std::string file;               ///< as given to run_suite()
  std::vector<CaseResult> cases;  ///< the cases run, in file order
  Diagnostics diagnostics;        ///< problems with the suite file itself (then no case ran)
  std::vector<PropertyResult> properties;  ///< its `properties:`, in file order
  /// The number of cases that passed.
  [[nodiscard]] std::size_t passed() const;
  /// The number of cases that did not pass; suite-level `diagnostics` are not counted.
  [[nodiscard]] std::size_t failed() const;
  /// The number of properties that did not hold or are malformed.
  [[nodiscard]] std::size_t properties_failed() const;
};

/// The policy a suite names with `policy:`, resolved against the suite file's folder, or
/// nullopt when it names none (or the text is not a suite).
std::optional<std::filesystem::path> suite_policy(std::string_view text,
                                                  const std::filesystem::path& file);

/// How run_suite() runs.
struct RunOptions {
  std::string filter;  ///< run only cases whose name contains this text (empty: all)
};

/// Runs the cases of the suite against `policy`. Each incident is the suite's `base` with the
/// case's `incident` merged over it (maps merge key by key; other values replace). Problems in
/// the suite or its cases are returned as diagnostics, not thrown.
SuiteResult run_suite(std::string_view text, std::string_view file, const CompiledPolicy& policy,
                      const RunOptions& options = {});

/// A failed case for people: the expectations not met, what was decided, and the rules that
/// fired in order.
std::string describe_failure(const CaseResult& result);

}  // namespace redress::testing
