// The coverage report page.
#include "redress/report/coverage_report.hpp"

#include <fmt/format.h>

#include "report/html.hpp"

namespace redress::report {

std::string coverage_report_html(const std::vector<CoverageSection>& sections) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'\">\n<title>redress test coverage</title>\n<style>\n"
      "body { font-family: Helvetica, Arial, sans-serif; margin: 2em; color: #202124; }\n"
      "table { border-collapse: collapse; } td, th { border: 1px solid #dadce0; "
      "padding: 0.2em 0.6em; font-size: 0.9em; }\ntd.n { text-align: right; }\n"
      ".never { color: #d93025; }\n.picture { overflow: auto; max-height: 40em; "
      "border: 1px solid #dadce0; }\n</style>\n</head>\n<body>\n<h1>Rule coverage</h1>\n";
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const auto& s = sections[i];
    out +=
        fmt::format("<h2>{}</h2>\n<p>{} of {} rules fired ({:.1f}%)</p>\n", escape_markup(s.policy),
                    s.coverage.fired(), s.coverage.rules.size(), s.coverage.percent());
    std::vector<BarGroup> bars;
    for (const auto& r : s.coverage.rules) {
      bars.push_back({r.rule, {static_cast<std::int64_t>(r.cases)}});
    }
    out += bar_chart(fmt::format("coverage-{}", i), "Test cases that fired each rule", {"cases"},
                     bars);
    out += "<table>\n<tr><th>rule</th><th>cases</th></tr>\n";
    for (const auto& r : s.coverage.rules) {
      out += fmt::format("<tr{}><td>{}</td><td class=\"n\">{}</td></tr>\n",
                         r.cases == 0 ? " class=\"never\"" : "", escape_markup(r.rule), r.cases);
    }
    out += "</table>\n";
    out += fmt::format(
        "<h3>{}</h3>\n<div class=\"picture\">\n{}\n</div>\n", escape_markup(s.rules.title),
        s.rules.svg.empty() ? "<pre>" + escape_markup(s.rules.dot) + "</pre>" : s.rules.svg);
  }
  return out + "</body>\n</html>\n";
}

}  // namespace redress::report
