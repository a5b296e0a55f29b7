// Incident groups in documents and rules: `group` is read from YAML and JSON (and refused with
// its location when it is not a string), rules test `in_group` and `affected_count`, and the
// decision carries the group.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "redress/engine/decide.hpp"
#include "redress/io/decision_writer.hpp"
#include "redress/io/incident_reader.hpp"
#include "redress/io/incident_schema.hpp"
#include "redress/io/load_policy.hpp"
#include "support/fixtures.hpp"

namespace r = redress;

namespace {

const r::CompiledPolicy& outage() {
  static const auto loaded =
      r::load_policy_file((r::test::source_dir() / "tests/data/groups/outage.yaml").string());
  REQUIRE(loaded.policy);
  return *loaded.policy;
}

r::io::IncidentResult read(std::string_view text) {
  return r::io::read_incident(text, "incident", r::io::incident_schema(outage()));
}

constexpr std::string_view kHead =
    "id: P-1\nreported_at: \"2026-11-25T09:30:00+08:00\"\ncategory: core.unavailable\n";

std::vector<std::string> fired(std::string_view text) {
  const auto incident = read(text);
  REQUIRE(incident.incident);
  const auto decision = r::decide(outage(), *incident.incident);
  return {decision.rules_fired.begin(), decision.rules_fired.end()};
}

}  // namespace

TEST_CASE("group is read from YAML and JSON alike", "[engine][incident][groups]") {
  const auto yaml = read(std::string(kHead) + "group: OUT-7\naffected_count: 120\n");
  REQUIRE(yaml.incident);
  CHECK(yaml.incident->group == "OUT-7");
  CHECK(yaml.incident->affected_count == 120);
  const auto json =
      read(R"({"id":"P-1","reported_at":"2026-11-25T09:30:00+08:00","category":"core.unavailable",)"
           R"("group":"OUT-7","affected_count":120})");
  REQUIRE(json.incident);
  CHECK(*json.incident == *yaml.incident);
  const auto alone = read(kHead);
  REQUIRE(alone.incident);
  CHECK(alone.incident->group.empty());
}

TEST_CASE("a group that is not a string is refused where it is written",
          "[engine][incident][groups]") {
  auto result = read(std::string(kHead) + "group: [OUT-7]\n");
  REQUIRE_FALSE(result.incident);
  auto d = result.diagnostics.items().front();
  CHECK(d.code == "incident.wrong_type");
  CHECK(d.message == "group must be a string, found a list");
  CHECK(d.location.line == 3);  // 0-based: line 4, column 8 as printed
  CHECK(d.location.column == 7);

  result = read(R"({"id": "P-1", "reported_at": "2026-11-25T09:30:00+08:00",)"
                "\n \"category\": \"core.unavailable\", \"group\": 7}");
  REQUIRE_FALSE(result.incident);
  d = result.diagnostics.items().front();
  CHECK(d.code == "incident.wrong_type");
  CHECK(d.message == "group must be a string, found an integer");
  CHECK(d.location.line == 1);
  CHECK(d.location.column == 42);

  result = read(std::string(kHead) + "group: OUT-7\naffected_count: -3\n");
  REQUIRE_FALSE(result.incident);
  CHECK(result.diagnostics.items().front().code == "incident.out_of_range");
  CHECK(result.diagnostics.items().front().location.line == 4);
}

TEST_CASE("rules test in_group and affected_count", "[engine][incident][groups]") {
  const std::string group = std::string(kHead) + "group: OUT-7\n";
  CHECK(fired(group + "affected_count: 50\n") == std::vector<std::string>{"mass-outage-credit"});
  CHECK(fired(group + "affected_count: 49\n").empty());
  CHECK(fired(std::string(kHead) + "affected_count: 500\n").empty());  // not in a group
}

TEST_CASE("the decision carries the group, and leaves it out for an incident alone",
          "[engine][incident][groups]") {
  const auto incident = read(std::string(kHead) + "group: OUT-7\naffected_count: 120\n");
  REQUIRE(incident.incident);
  const auto decision = r::decide(outage(), *incident.incident);
  CHECK(decision.group == "OUT-7");
  CHECK(decision.affected_count == 120);
  r::io::WriteOptions compact;
  compact.indent = -1;
  const auto json = r::io::to_json(decision, compact);
  CHECK(json.starts_with(
      R"({"incident":"P-1","group":{"id":"OUT-7","affected_count":120},"policy":{)"));
  CHECK(r::io::to_text(decision).find("  group       OUT-7 (120 affected)\n") != std::string::npos);

  const auto alone = read(kHead);
  REQUIRE(alone.incident);
  const auto json_alone = r::io::to_json(r::decide(outage(), *alone.incident), compact);
  CHECK(json_alone.starts_with(R"({"incident":"P-1","policy":{)"));
}
