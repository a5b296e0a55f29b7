// The replay summary as JSON (for machines) and as text (for people).
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "redress/replay/summary.hpp"

namespace redress::replay {
namespace {

using Json = nlohmann::ordered_json;

Json count_json(const CountChange& c) {
  return Json{{"name", c.name}, {"before", c.before}, {"after", c.after}, {"delta", c.delta()}};
}

Json money_json(const Money& m) {
  return Json{{"minor", m.minor()}, {"currency", std::string(m.currency().code())}};
}

std::string money_text(std::int64_t minor, const std::string& code) {
  Currency currency;
  if (!Currency::parse(code, currency)) return fmt::format("{} (minor units)", minor);
  return Money(minor, currency).to_string();
}

std::string signed_money_text(std::int64_t minor, const std::string& code) {
  return (minor > 0 ? "+" : "") + money_text(minor, code);
}

}  // namespace

std::string to_json(const ReplaySummary& s) {
  Json changed_by_field = Json::object();
  for (const auto& [field, count] : s.changed_by_field) changed_by_field[field] = count;
  Json totals = Json::array();
  for (const auto& t : s.totals) {
    totals.push_back(Json{
        {"currency", t.currency},
        {"goodwill",
         {{"before", t.goodwill_before},
          {"after", t.goodwill_after},
          {"delta", t.goodwill_after - t.goodwill_before}}},
        {"restitution",
         {{"before", t.restitution_before},
          {"after", t.restitution_after},
          {"delta", t.restitution_after - t.restitution_before}}},
    });
  }
  Json owners = Json::array();
  for (const auto& o : s.owners) {
    Json entry = count_json(o);
    entry["level"] = o.level;
    owners.push_back(std::move(entry));
  }
  Json rules = Json::array();
  for (const auto& r : s.rules) rules.push_back(count_json(r));
  Json histogram = Json::array();
  for (const auto& b : s.cost_histogram) {
    histogram.push_back(Json{{"range", b.label}, {"before", b.before}, {"after", b.after}});
  }
  Json top = Json::array();
  for (const auto& c : s.top) {
    top.push_back(Json{{"line", c.line},
                       {"incident", c.incident},
                       {"before", money_json(c.before)},
                       {"after", money_json(c.after)},
                       {"delta", c.delta()}});
  }
  const Json doc{{"cases", s.cases},
                 {"unchanged", s.unchanged},
                 {"changed", s.changed},
                 {"errors", s.errors},
                 {"changed_by_field", changed_by_field},
                 {"totals", totals},
                 {"owners", owners},
                 {"rules", rules},
                 {"cost_histogram", histogram},
                 {"top_cost_changes", top}};
  return doc.dump(2) + "\n";
}

std::string to_text(const ReplaySummary& s) {
  std::string out = fmt::format("{} cases: {} unchanged, {} changed, {} errors\n", s.cases,
                                s.unchanged, s.changed, s.errors);
  bool any_field = false;
  for (const auto& [field, count] : s.changed_by_field) {
    if (count == 0) continue;
    if (!any_field) out += "changed fields:\n";
    any_field = true;
    out += fmt::format("  {:<30} {:>10}\n", field, count);
  }
  for (const auto& t : s.totals) {
    out += fmt::format("goodwill    {}: {} -> {} ({})\n", t.currency,
                       money_text(t.goodwill_before, t.currency),
                       money_text(t.goodwill_after, t.currency),
                       signed_money_text(t.goodwill_after - t.goodwill_before, t.currency));
    out += fmt::format("restitution {}: {} -> {} ({})\n", t.currency,
                       money_text(t.restitution_before, t.currency),
                       money_text(t.restitution_after, t.currency),
                       signed_money_text(t.restitution_after - t.restitution_before, t.currency));
  }
  if (!s.owners.empty()) out += "owners (level, role: before -> after):\n";
  for (const auto& o : s.owners) {
    out += fmt::format("  {} {:<24} {:>10} -> {:<10} ({:+})\n", o.level, o.name, o.before, o.after,
                       o.delta());
  }
  if (!s.rules.empty()) out += "rules whose firing changed (before -> after):\n";
  for (const auto& r : s.rules) {
    out += fmt::format("  {:<32} {:>10} -> {:<10} ({:+})\n", r.name, r.before, r.after, r.delta());
  }
  if (!s.top.empty()) out += "largest cost changes:\n";
  for (const auto& c : s.top) {
    out += fmt::format("  line {:<8} {:<20} {} -> {} ({})\n", c.line, c.incident,
                       c.before.to_string(), c.after.to_string(),
                       signed_money_text(c.delta(), std::string(c.after.currency().code())));
  }
  return out;
}

}  // namespace redress::replay
