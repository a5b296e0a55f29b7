// The coverage report of policy test suites: one self-contained HTML page with, per policy, the
// cases that fired each rule as a chart and a table, and the rule graph.
#pragma once

#include <string>
#include <vector>

#include "redress/report/replay_report.hpp"
#include "redress/testing/coverage.hpp"

namespace redress::report {

/// One policy's coverage for the page.
struct CoverageSection {
  std::string policy;          ///< "id version (file)"
  testing::Coverage coverage;  ///< testing::coverage() of its suites
  Picture rules;               ///< its rule graph (graph::rules_dot(), as SVG when possible)
};

/// The page: per section, a chart `<figure id="chart-coverage-N">` with one bar per rule (its
/// `data-value` the cases that fired it), the rules never fired, and the picture.
std::string coverage_report_html(const std::vector<CoverageSection>& sections);

}  // namespace redress::report
