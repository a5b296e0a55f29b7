// The replay report page: summary tables, charts, pictures and the changed cases.
#include "redress/report/replay_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "report/html.hpp"

namespace redress::report {
namespace {

constexpr std::size_t kRulesCharted = 20;

constexpr const char* kStyle = R"(<style>
body { font-family: Helvetica, Arial, sans-serif; margin: 2em; color: #202124; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { border: 1px solid #dadce0; padding: 0.25em 0.6em; text-align: left; font-size: 0.9em; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.up { color: #188038; } .down { color: #d93025; }
figure { display: inline-block; margin: 1em 2em 1em 0; vertical-align: top; }
figcaption { font-size: 0.9em; color: #5f6368; }
.picture { overflow: auto; max-height: 40em; border: 1px solid #dadce0; margin: 0.5em 0; }
pre { font-size: 0.8em; }
</style>
)";

// Filters the changed cases as one types; marks the page ready once its script has run.
constexpr const char* kScript = R"(<script>
(function () {
  var filter = document.getElementById('case-filter');
  var rows = Array.prototype.slice.call(document.querySelectorAll('#cases tbody tr'));
  var shown = document.getElementById('shown-count');
  function apply() {
    var needle = filter.value.toLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var match = row.textContent.toLowerCase().indexOf(needle) >= 0;
      row.style.display = match ? '' : 'none';
      if (match) count++;
    });
    shown.textContent = String(count);
  }
  filter.addEventListener('input', apply);
  apply();
  document.body.setAttribute('data-ready', 'yes');
})();
</script>
)";

std::string money(std::int64_t minor, const std::string& code) {
  Currency currency;
  if (!Currency::parse(code, currency)) return std::to_string(minor);
  return Money(minor, currency).to_string();
}

std::string signed_class(std::int64_t delta) {
  return delta > 0 ? "n up" : delta < 0 ? "n down" : "n";
}

std::string summary_tables(const replay::ReplaySummary& s) {
  std::string out = "<h2>Cases</h2>\n<table id=\"counts\">\n";
  out += fmt::format(
      "<tr><th>cases</th><td class=\"n\">{}</td></tr>\n<tr><th>unchanged</th><td "
      "class=\"n\">{}</td></tr>\n<tr><th>changed</th><td class=\"n\">{}</td></tr>\n"
      "<tr><th>errors</th><td class=\"n\">{}</td></tr>\n</table>\n",
      s.cases, s.unchanged, s.changed, s.errors);
  out += "<table id=\"fields\">\n<tr><th>field</th><th>cases changed</th></tr>\n";
  for (const auto& [field, count] : s.changed_by_field) {
    if (count > 0) {
      out +=
          fmt::format("<tr><td>{}</td><td class=\"n\">{}</td></tr>\n", escape_markup(field), count);
    }
  }
  out +=
      "</table>\n<h2>Cost</h2>\n<table id=\"totals\">\n<tr><th>currency</th><th>kind</th>"
      "<th>before</th><th>after</th><th>change</th></tr>\n";
  for (const auto& t : s.totals) {
    const auto row = [&](const char* kind, std::int64_t before, std::int64_t after) {
      out += fmt::format(
          "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
          "<td class=\"{}\">{}</td></tr>\n",
          escape_markup(t.currency), kind, money(before, t.currency), money(after, t.currency),
          signed_class(after - before), money(after - before, t.currency));
    };
    row("goodwill", t.goodwill_before, t.goodwill_after);
    row("restitution", t.restitution_before, t.restitution_after);
  }
  out += "</table>\n";
  return out;
}

std::string charts(const replay::ReplaySummary& s) {
  std::vector<BarGroup> costs;
  for (const auto& b : s.cost_histogram) {
    costs.push_back(
        {b.label, {static_cast<std::int64_t>(b.before), static_cast<std::int64_t>(b.after)}});
  }
  std::vector<BarGroup> owners;
  for (const auto& o : s.owners) {
    owners.push_back({fmt::format("L{} {}", o.level, o.name),
                      {static_cast<std::int64_t>(o.before), static_cast<std::int64_t>(o.after)}});
  }
  std::vector<BarGroup> rules;
  for (std::size_t i = 0; i < s.rules.size() && i < kRulesCharted; ++i) {
    rules.push_back({s.rules[i].name, {s.rules[i].delta()}});
  }
  std::string out = "<h2>Charts</h2>\n";
  out += bar_chart("cost", "Cases by compensation total (major units), before and after",
                   {"baseline", "candidate"}, costs);
  out += bar_chart("owners", "Cases per owner (level and role), before and after",
                   {"baseline", "candidate"}, owners);
  out += bar_chart("rules",
                   fmt::format("Change in the cases each rule fires for (the {} largest)",
                               std::min(s.rules.size(), kRulesCharted)),
                   {"change"}, rules);
  return out;
}

std::string tables_of_changes(const replay::ReplaySummary& s) {
  std::string out =
      "<h2>Rules whose firing changed</h2>\n<table id=\"rules\">\n<tr><th>rule</th>"
      "<th>before</th><th>after</th><th>change</th></tr>\n";
  for (const auto& r : s.rules) {
    out += fmt::format(
        "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"{}\">{:+}"
        "</td></tr>\n",
        escape_markup(r.name), r.before, r.after, signed_class(r.delta()), r.delta());
  }
  out +=
      "</table>\n<h2>Largest cost changes</h2>\n<table id=\"top\">\n<tr><th>line</th>"
      "<th>incident</th><th>before</th><th>after</th><th>change</th></tr>\n";
  for (const auto& c : s.top) {
    const std::string code(c.after.currency().code());
    out += fmt::format(
        "<tr><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
        "<td class=\"{}\">{}</td></tr>\n",
        c.line, escape_markup(c.incident), c.before.to_string(), c.after.to_string(),
        signed_class(c.delta()), money(c.delta(), code));
  }
  return out + "</table>\n";
}

std::string pictures(const std::vector<Picture>& pictures) {
  if (pictures.empty()) return {};
  std::string out = "<h2>Policies</h2>\n";
  for (const auto& p : pictures) {
    out += fmt::format("<h3>{}</h3>\n<div class=\"picture\">\n{}\n</div>\n", escape_markup(p.title),
                       p.svg.empty() ? "<pre>" + escape_markup(p.dot) + "</pre>" : p.svg);
  }
  return out;
}

// A changed case's row: its line, incident, the fields that changed and its cost.
std::string case_row(const std::string& line) {
  const auto j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.contains("changes")) return {};
  std::string fields, cost;
  for (const auto& [name, change] : j["changes"].items()) {
    fields += (fields.empty() ? "" : ", ") + name;
    if (name == "compensation_total") {
      const auto& b = change["before"];
      const auto& a = change["after"];
      cost = money(b.value("minor", std::int64_t{0}), b.value("currency", "")) + " → " +
             money(a.value("minor", std::int64_t{0}), a.value("currency", ""));
    }
  }
  return fmt::format(
      "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>\n",
      j.value("line", 0), escape_markup(j.value("incident", "")), escape_markup(fields),
      escape_markup(cost),
      escape_markup(j["changes"].dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
}

std::string cases_table(const replay::ReplaySummary& s, const ReplayReportInput& input) {
  std::string out = fmt::format(
      "<h2>Changed cases</h2>\n<p>The first {} of {} changed cases; <span "
      "id=\"shown-count\">{}</span> shown. Filter: <input id=\"case-filter\" type=\"search\" "
      "placeholder=\"incident, field, rule...\"></p>\n<table id=\"cases\">\n<thead><tr><th>line"
      "</th><th>incident</th><th>changed fields</th><th>cost</th><th>changes</th></tr></thead>\n"
      "<tbody>\n",
      input.changed_lines.size(), s.changed, input.changed_lines.size());
  for (const auto& line : input.changed_lines) out += case_row(line);
  return out + "</tbody>\n</table>\n";
}

}  // namespace

std::string replay_report_html(const replay::ReplaySummary& summary,
                               const ReplayReportInput& input) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
      "<title>redress replay report</title>\n";
  out += kStyle;
  out += "</head>\n<body>\n<h1>Replay: what the candidate policy would change</h1>\n";
  out += fmt::format(
      "<table id=\"run\">\n<tr><th>baseline</th><td>{}</td></tr>\n<tr><th>candidate</th>"
      "<td>{}</td></tr>\n<tr><th>cases</th><td>{}</td></tr>\n</table>\n",
      escape_markup(input.baseline), escape_markup(input.candidate), escape_markup(input.cases));
  out += summary_tables(summary);
  out += charts(summary);
  out += tables_of_changes(summary);
  out += pictures(input.pictures);
  out += cases_table(summary, input);
  out += kScript;
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace redress::report
