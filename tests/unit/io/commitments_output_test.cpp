// Commitments, recusal and the owner trace in the decision JSON and text, and the incident's
// `involved` list as the readers take it.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "redress/engine/decide.hpp"
#include "redress/io/decision_writer.hpp"
#include "redress/io/incident_reader.hpp"
#include "redress/io/incident_schema.hpp"
#include "redress/io/load_policy.hpp"
#include "support/fixtures.hpp"
#include "support/incident_schemas.hpp"

namespace {

namespace r = redress;

const r::CompiledPolicy& policy() {
  static const auto compiled = [] {
    const auto path = r::test::source_dir() / "tests/data/commitments/policy.yaml";
    auto result = r::load_policy(r::test::read_file(path), path.string());
    REQUIRE(result.policy);
    return result.policy;
  }();
  return *compiled;
}

r::Decision decide(std::string_view incident, bool trace) {
  const auto schema = r::io::incident_schema(policy());
  const auto read = r::io::read_incident(incident, "incident.json", schema);
  for (const auto& d : read.diagnostics.items()) UNSCOPED_INFO(d.message);
  REQUIRE(read.incident);
  return r::decide(policy(), *read.incident, {trace});
}

constexpr std::string_view kOutage =
    R"({"id": "C-1", "reported_at": "2026-09-30T16:00:00+08:00", "category": "core.unavailable",
        "involved": ["duty_manager", "staff:4711"], "facts": {"money_held": true}})";

}  // namespace

TEST_CASE("decision JSON: commitments by due time, with recurrence", "[io][json][commitments]") {
  const auto json = nlohmann::json::parse(r::io::to_json(decide(kOutage, false)));
  const auto& commitments = json.at("commitments");
  REQUIRE(commitments.size() == 5);
  CHECK(commitments[0] == nlohmann::json::parse(R"({
    "id": "solution_plan", "kind": "plan", "assignee": "duty_manager", "assignee_type": "role",
    "text": "Tell the customer how and by when it will be fixed", "calendar": "cn_office",
    "start": "reported", "started": "2026-09-30T16:00:00+08:00", "due_text": "30m",
    "due": "2026-09-30T16:30:00+08:00", "rules": ["every-case"]})"));
  CHECK(commitments[1].at("every") == "24h");
  CHECK(commitments[1].at("until") == "the money is back on the customer's account");
  CHECK(commitments[1].at("following") ==
        nlohmann::json::array({"2026-10-02T16:00:00+08:00", "2026-10-03T16:00:00+08:00"}));
  CHECK(commitments[4].at("id") == "repair");
  CHECK(commitments[4].at("assignee_type") == "department");
  CHECK(commitments[4].at("due") == "2026-10-10T18:00:00+08:00");
  CHECK_FALSE(commitments[4].contains("every"));
  // The keys come in the schema's order, after the clocks.
  const auto text = r::io::to_json(decide(kOutage, false));
  CHECK(text.find("\"clocks\"") < text.find("\"commitments\""));
  CHECK(text.find("\"commitments\"") < text.find("\"remedies\""));
}

TEST_CASE("decision JSON: recusal, and the owner trace with --trace", "[io][json][recusal]") {
  const auto decision = decide(kOutage, true);
  const auto plain = nlohmann::json::parse(r::io::to_json(decision));
  CHECK(plain.at("recusal") == nlohmann::json::parse(R"({
    "required_by": ["policy"], "involved": ["duty_manager", "staff:4711"],
    "staff": ["staff:4711"], "skipped": [{"role": "duty_manager", "reason": "involved in the matter"}]})"));
  CHECK_FALSE(plain.contains("owner_trace"));
  r::io::WriteOptions options;
  options.trace = true;
  const auto traced = nlohmann::json::parse(r::io::to_json(decision, options));
  CHECK(traced.at("owner_trace").at(1) == "skip duty_manager: involved in the matter");
  // A decision without commitments or recusal has neither key.
  const auto none = nlohmann::json::parse(r::io::to_json(r::Decision{}));
  CHECK_FALSE(none.contains("commitments"));
  CHECK_FALSE(none.contains("recusal"));
}

TEST_CASE("decision text: commitments, recusal and the owner trace", "[io][text][commitments]") {
  r::io::WriteOptions options;
  options.trace = true;
  const auto text = r::io::to_text(decide(kOutage, true), options);
  CHECK_THAT(text, Catch::Contains("Commitments\n"
                                   "  - plan solution_plan by duty_manager: due "
                                   "2026-09-30T16:30:00+08:00 (30m from reported, cn_office)  "
                                   "(every-case)\n"));
  CHECK_THAT(text, Catch::Contains("      every 24h until the money is back on the customer's "
                                   "account; then due 2026-10-02T16:00:00+08:00, "
                                   "2026-10-03T16:00:00+08:00, ...\n"));
  CHECK_THAT(text, Catch::Contains("Recusal       required by policy; involved: duty_manager, "
                                   "staff:4711; skipped duty_manager\n"));
  CHECK_THAT(text, Catch::Contains("  owner   skip duty_manager: involved in the matter\n"));
}

TEST_CASE("the incident's involved list: read in order, refused when not a list of strings",
          "[io][incident][recusal]") {
  const auto schema = r::test::hotel_incident_schema();
  const auto yaml = r::io::read_incident(
      "id: I-1\nreported_at: \"2026-11-25T09:30:00+08:00\"\ncategory: core\n"
      "involved: [team_lead, \"staff:9\"]\n",
      "incident.yaml", schema);
  REQUIRE(yaml.incident);
  CHECK(yaml.incident->involved == std::vector<std::string>{"team_lead", "staff:9"});
  const auto scalar = r::io::read_incident(
      "id: I-1\nreported_at: \"2026-11-25T09:30:00+08:00\"\ncategory: core\ninvolved: team_lead\n",
      "incident.yaml", schema);
  CHECK_FALSE(scalar.incident);
  REQUIRE(scalar.diagnostics.items().size() == 1);
  CHECK(scalar.diagnostics.items()[0].code == "incident.wrong_type");
  CHECK(scalar.diagnostics.items()[0].location == r::SourceLocation{"incident.yaml", 3, 10});
  const auto nested = r::io::read_incident(
      R"({"id": "I-1", "reported_at": "2026-11-25T09:30:00Z", "category": "core",
          "involved": ["team_lead", {"id": 4}]})",
      "incident.json", schema);
  CHECK_FALSE(nested.incident);
  REQUIRE(nested.diagnostics.items().size() == 1);
  CHECK(nested.diagnostics.items()[0].code == "incident.wrong_type");
  CHECK_THAT(nested.diagnostics.items()[0].message, Catch::Contains("each entry of involved"));
}
