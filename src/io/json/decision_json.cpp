// Decisions as JSON. nlohmann::ordered_json keeps fields in the order written here, which is
// the order rules/schema/decision.schema.json documents.
#include <nlohmann/json.hpp>

#include "redress/io/decision_writer.hpp"

namespace redress::io {
namespace {

using Json = nlohmann::ordered_json;

Json money_json(const Money& money) {
  return Json{{"minor", money.minor()}, {"currency", std::string(money.currency().code())}};
}

template <typename E>
Json enum_list(const std::vector<E>& values) {
  Json out = Json::array();
  for (auto v : values) out.push_back(std::string(to_string(v)));
  return out;
}

Json value_json(const FactValue& value) {
  return boost::variant2::visit(
      [](const auto& v) -> Json {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, Money>) {
          return money_json(v);
        } else if constexpr (std::is_same_v<T, Symbol>) {
          return v.name;
        } else if constexpr (std::is_same_v<T, SymbolSet>) {
          return v.names;
        } else {
          return v;
        }
      },
      value);
}

Json classification_json(const Classification& c) {
  Json derived = Json::object();
  for (const auto& [name, value] : c.derived) derived[name] = value_json(value);
  return Json{{"category", c.category},
              {"category_path", c.category_path},
              {"failure_type", std::string(to_string(c.failure_type))},
              {"magnitude", std::string(to_string(c.magnitude))},
              {"emotion", std::string(to_string(c.emotion))},
              {"intensity", c.intensity},
              {"deficits", enum_list(c.deficits)},
              {"tier", std::string(to_string(c.tier))},
              {"derived", derived}};
}

Json deadlines_json(const Deadlines& d) {
  return Json{{"calendar", d.calendar},
              {"first_response_target", d.first_response_target.to_string()},
              {"first_response_due", d.first_response_due.to_string()},
              {"resolution_target", d.resolution_target.to_string()},
              {"resolution_due", d.resolution_due.to_string()}};
}

Json remedies_json(const std::vector<RemedyOffer>& remedies) {
  Json out = Json::array();
  for (const auto& r : remedies) {
    out.push_back(Json{{"id", r.id},
                       {"amount", r.amount ? money_json(*r.amount) : Json(nullptr)},
                       {"covers", enum_list(r.covers)},
                       {"goodwill", r.goodwill},
                       {"text", r.text},
                       {"rules", r.rules}});
  }
  return out;
}

Json coverage_json(const std::vector<JusticeCoverage>& coverage) {
  Json out = Json::array();
  for (const auto& c : coverage) {
    out.push_back(Json{
        {"dimension", std::string(to_string(c.dimension))}, {"covered", c.covered}, {"by", c.by}});
  }
  return out;
}

std::string_view outcome_name(TraceEntry::Outcome outcome) {
  switch (outcome) {
    case TraceEntry::Outcome::fired:
      return "fired";
    case TraceEntry::Outcome::not_matched:
      return "not_matched";
    case TraceEntry::Outcome::skipped:
      return "skipped";
  }
  return "not_matched";
}

Json trace_json(const std::vector<TraceEntry>& trace) {
  Json out = Json::array();
  for (const auto& t : trace) {
    Json read = Json::object();
    for (const auto& [name, value] : t.read) read[name] = value_json(value);
    Json entry{{"rule", t.rule}, {"outcome", std::string(outcome_name(t.outcome))}};
    if (!t.group.empty()) entry["group"] = t.group;
    if (!t.note.empty()) entry["note"] = t.note;
    entry["read"] = read;
    entry["actions"] = t.actions;
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace

std::string to_json(const Decision& d, const WriteOptions& options) {
  Json communication = Json::array();
  for (const auto& step : d.communication) {
    communication.push_back(Json{{"id", step.id}, {"text", step.text}, {"rules", step.rules}});
  }
  Json warnings = Json::array();
  for (const auto& w : d.warnings)
    warnings.push_back(Json{{"code", w.code}, {"message", w.message}});
  Json out{
      {"incident", d.incident_id},
      {"policy", Json{{"id", d.policy.id}, {"version", d.policy.version}, {"hash", d.policy.hash}}},
      {"classification", classification_json(d.classification)},
      {"priority", d.priority},
      {"deadlines", deadlines_json(d.deadlines)},
      {"remedies", remedies_json(d.remedies)},
      {"justice_coverage", coverage_json(d.coverage)},
      {"compensation_total", money_json(d.compensation_total)},
      {"goodwill_total", money_json(d.goodwill_total)},
      {"restitution_total", money_json(d.restitution_total)},
      {"owner", d.owner},
      {"owner_authority", d.owner_authority ? money_json(*d.owner_authority) : Json(nullptr)},
      {"escalation_path", d.escalation_path},
      {"departments", d.departments},
      {"communication", communication},
      {"warnings", warnings}};
  if (options.trace) out["trace"] = trace_json(d.trace);
  // Invalid UTF-8 from a careless host (an incident id) becomes U+FFFD instead of an exception.
  return out.dump(options.indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace redress::io
