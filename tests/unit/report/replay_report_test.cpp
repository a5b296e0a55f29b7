// The replay report: charts carry the summary's figures with bars in proportion, texts are
// escaped, and the page loads nothing from the network.
#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

#include "redress/report/replay_report.hpp"
#include "report/html.hpp"

namespace report = redress::report;
namespace replay = redress::replay;

namespace {

struct Bar {
  std::string series;
  long value;
  long height;
};

std::vector<Bar> bars_of(const std::string& html, const std::string& chart) {
  const auto start = html.find("<figure id=\"chart-" + chart + "\">");
  REQUIRE(start != std::string::npos);
  const auto end = html.find("</figure>", start);
  const std::string figure = html.substr(start, end - start);
  static const std::regex bar(
      R"re(<rect class="bar" data-series="([^"]*)" data-value="(-?\d+)"[^>]* height="(\d+)")re");
  std::vector<Bar> out;
  for (std::sregex_iterator it(figure.begin(), figure.end(), bar), last; it != last; ++it) {
    out.push_back({(*it)[1], std::stol((*it)[2]), std::stol((*it)[3])});
  }
  return out;
}

replay::ReplaySummary summary() {
  replay::ReplaySummary s;
  s.cases = 10;
  s.changed = 1;
  s.unchanged = 9;
  s.cost_histogram = {{"0", 6, 4}, {"<= 10", 4, 6}};
  replay::OwnerCount lead;
  lead.name = "team_lead";
  lead.level = 1;
  lead.before = 3;
  lead.after = 1;
  s.owners = {lead};
  s.rules = {{"angry-<rule>", 4, 1}, {"new-rule", 0, 1}};
  return s;
}

}  // namespace

TEST_CASE("replay report: charts show the summary's figures in proportion", "[report]") {
  report::ReplayReportInput input{"base 1",
                                  "cand 2",
                                  "cases.jsonl",
                                  {R"({"line":3,"incident":"X-1","status":"changed",)"
                                   R"("changes":{"priority":{"before":3,"after":2}}})"},
                                  {}};
  const std::string html = report::replay_report_html(summary(), input);

  const auto cost = bars_of(html, "cost");
  REQUIRE(cost.size() == 4);
  CHECK(cost[0].series == "baseline");
  CHECK(cost[0].value == 6);
  CHECK(cost[0].height == 200);  // the largest bar fills the plot
  CHECK(cost[1].value == 4);
  CHECK(cost[1].height == 133);  // 4/6 of it, rounded
  CHECK(cost[3].series == "candidate");
  CHECK(cost[3].value == 6);

  const auto owners = bars_of(html, "owners");
  REQUIRE(owners.size() == 2);
  CHECK(owners[0].value == 3);
  CHECK(owners[1].value == 1);
  CHECK(owners[1].height == 67);

  const auto rules = bars_of(html, "rules");
  REQUIRE(rules.size() == 2);
  CHECK(rules[0].value == -3);
  CHECK(rules[0].height == 200);
  CHECK(rules[1].value == 1);
  CHECK(rules[1].height == 67);

  CHECK(html.find("angry-&lt;rule&gt;") != std::string::npos);  // escaped, never raw
  CHECK(html.find("angry-<rule>") == std::string::npos);
  CHECK(html.find("<td>X-1</td><td>priority</td>") != std::string::npos);
  CHECK(html.find("default-src 'none'") != std::string::npos);
  CHECK(html.find("http://") == html.find("http://www.w3.org/2000/svg"));  // SVG namespace only
}
