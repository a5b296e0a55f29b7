// Grouped bar charts as inline SVG: no script, no external resource.
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "report/html.hpp"

namespace redress::report {
namespace {

constexpr const char* kColours[] = {"#9aa0a6", "#1a73e8", "#e8710a", "#188038"};
constexpr int kPlotHeight = 200;  // pixels for the largest |value|
constexpr int kBarWidth = 18;
constexpr int kGap = 14;                                // between groups
constexpr int kLeft = 60, kTop = 30, kLabelSpace = 90;  // room for rotated labels

}  // namespace

std::string bar_chart(std::string_view id, std::string_view caption,
                      const std::vector<std::string>& series, const std::vector<BarGroup>& groups) {
  std::int64_t largest = 0;
  bool negative = false, positive = false;
  for (const auto& g : groups) {
    for (auto v : g.values) {
      largest = std::max(largest, std::abs(v));
      negative = negative || v < 0;
      positive = positive || v > 0;
    }
  }
  const int group_width = static_cast<int>(series.size()) * kBarWidth + kGap;
  const int width = std::max(kLeft * 2 + static_cast<int>(groups.size()) * group_width, 240);
  const int axis = kTop + (positive || !negative ? kPlotHeight : 0);  // y of the zero line
  const int height = axis + (negative ? kPlotHeight : 0) + kLabelSpace;
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" role=\"img\">\n",
      width, height);
  for (std::size_t s = 0; s < series.size(); ++s) {  // the legend
    const int x = 10 + static_cast<int>(s) * 110;
    svg += fmt::format(
        "<rect x=\"{}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{}\"/>"
        "<text x=\"{}\" y=\"16\" font-size=\"12\">{}</text>\n",
        x, kColours[s % 4], x + 16, escape_markup(series[s]));
  }
  svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#333\"/>\n", kLeft,
                     axis, width - kLeft);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const int x0 = kLeft + static_cast<int>(g) * group_width + kGap / 2;
    for (std::size_t s = 0; s < groups[g].values.size() && s < series.size(); ++s) {
      const auto v = groups[g].values[s];
      const int h =
          largest == 0 ? 0 : static_cast<int>((std::abs(v) * kPlotHeight + largest / 2) / largest);
      const int x = x0 + static_cast<int>(s) * kBarWidth;
      svg += fmt::format(
          "<rect class=\"bar\" data-series=\"{}\" data-value=\"{}\" x=\"{}\" y=\"{}\" "
          "width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}: {} {}</title></rect>\n",
          escape_markup(series[s]), v, x, v >= 0 ? axis - h : axis, kBarWidth - 2, h,
          kColours[s % 4], escape_markup(groups[g].label), escape_markup(series[s]), v);
    }
    const int label_x = x0 + static_cast<int>(series.size()) * kBarWidth / 2;
    const int label_y = axis + (negative ? kPlotHeight : 0) + 12;
    svg += fmt::format(
        "<text x=\"{0}\" y=\"{1}\" font-size=\"10\" text-anchor=\"end\" "
        "transform=\"rotate(-40 {0} {1})\">{2}</text>\n",
        label_x, label_y, escape_markup(groups[g].label));
  }
  svg += "</svg>";
  return fmt::format("<figure id=\"chart-{}\">\n{}\n<figcaption>{}</figcaption>\n</figure>\n", id,
                     svg, escape_markup(caption));
}

}  // namespace redress::report
