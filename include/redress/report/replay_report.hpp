// The replay report: one self-contained HTML page (no network access) with the summary's
// tables, SVG charts, the policies' pictures and the changed cases as a filterable table.
#pragma once

#include <string>
#include <vector>

#include "redress/replay/summary.hpp"

/// HTML reports (redress replay --report).
namespace redress::report {

/// A picture of a policy for the report: an inline `<svg>` (graph::to_svg()), or when Graphviz is
/// not installed, the DOT text, shown as it is.
struct Picture {
  std::string title;  ///< e.g. "Candidate: rules"
  std::string svg;    ///< an `<svg>` element; empty when only `dot` is given
  std::string dot;    ///< the DOT text, shown when `svg` is empty
};

/// What the report shows besides the summary.
struct ReplayReportInput {
  std::string baseline;   ///< the baseline policy: "id version (file)"
  std::string candidate;  ///< the same for the candidate
  std::string cases;      ///< the input's name
  /// Changed case lines (replay_lines()'s JSON with "status":"changed"), the first ones of the
  /// run; the table says how many of summary.changed it holds.
  std::vector<std::string> changed_lines;
  std::vector<Picture> pictures;  ///< in order
};

/// The page. Every text is HTML-escaped; charts are `<figure id="chart-...">` elements with one
/// `<rect class="bar" data-value="N">` per bar, sized in proportion to N.
std::string replay_report_html(const replay::ReplaySummary& summary,
                               const ReplayReportInput& input);

}  // namespace redress::report
