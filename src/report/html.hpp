// Small pieces of HTML and SVG writing shared by the report's parts.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "redress/io/markup.hpp"

namespace redress::report {

using io::escape_markup;  // every text the report writes goes through it

/// One bar of a chart: a label and one value per series.
struct BarGroup {
  std::string label;
  std::vector<std::int64_t> values;  ///< one per series (before, after; or a single delta)
};

/// A bar chart as <figure id="chart-`id`">: vertical grouped bars, one colour per series, a
/// legend, each bar a <rect class="bar" data-series=".." data-value=".."> whose height is in
/// proportion to its value (the largest |value| fills the plot). Negative values go below the
/// axis. `caption` becomes the <figcaption>.
std::string bar_chart(std::string_view id, std::string_view caption,
                      const std::vector<std::string>& series, const std::vector<BarGroup>& groups);

}  // namespace redress::report
