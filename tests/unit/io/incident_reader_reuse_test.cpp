// The incident reader compared with itself, whole incidents at a time (Incident's operator==):
// one reader reused line after line (as `redress batch` uses it) gives what a fresh read gives,
// and JSON gives what the same document in YAML gives. A document setting every field of the
// table keeps a new field from escaping the comparison.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "redress/io/incident_reader.hpp"
#include "redress/model/incident_fields.hpp"
#include "support/incident_schemas.hpp"

namespace r = redress;
using redress::io::HostFactInfo;
using redress::io::IncidentSchema;

namespace {

// Every field of the table set to a value other than its default.
constexpr std::string_view kEveryFieldJson = R"({
  "id": "A-1", "reported_at": "2026-11-25T09:30:00+08:00", "category": "core.unavailable",
  "occurred_at": "2026-11-24T21:00:00+08:00", "jurisdiction": "CN", "sector": "hospitality",
  "involved": ["front_desk", "staff:17"],
  "cause": ["core.system", "core.supplier"], "threatened": ["review", "regulator"],
  "failure_type": ["process", "outcome"], "magnitude": "major", "loss": "800.00 CNY", "locus": "customer",
  "stability": "recurring", "controllability": "uncontrollable", "safety_critical": true,
  "affected_count": 12, "group": "OUT-7", "touchpoint": "hotel.check_in.front_desk",
  "emotion": {"state": "angry", "intensity": 4, "also": ["anxious"]},
  "motives": ["hostility", "venting", "hostility"], "deficits": ["procedural", "outcome"],
  "customer": {"tier": "vip", "channel": "social", "tenure_months": 40, "past_purchases": 7},
  "history": {"prior_failures": 2, "last_failure_days_ago": 10,
              "last_failure_same_category": true, "last_recovery_outcome": "unsatisfied",
              "open_complaints": 1, "reopen_count": 1,
              "compensation_given": {"minor": 5000, "currency": "CNY"},
              "compensation_window_days": 90,
              "external_complaint": true},
  "facts": {"room_rate": "1200.00 CNY", "member_number": "M-000000000000000001", "late": true,
            "nights": 3, "room_type": "suite", "amenities": ["wifi", "breakfast"]}
})";

constexpr std::string_view kEveryFieldYaml = R"(id: A-1
reported_at: "2026-11-25T09:30:00+08:00"
category: core.unavailable
occurred_at: "2026-11-24T21:00:00+08:00"
jurisdiction: CN
sector: hospitality
involved: [front_desk, "staff:17"]
cause: [core.system, core.supplier]
threatened: [review, regulator]
failure_type: [process, outcome]
magnitude: major
loss: 800.00 CNY
locus: customer
stability: recurring
controllability: uncontrollable
safety_critical: true
affected_count: 12
group: OUT-7
touchpoint: hotel.check_in.front_desk
emotion:
  state: angry
  intensity: 4
  also: [anxious]
motives: [hostility, venting, hostility]
deficits: [procedural, outcome]
customer: {tier: vip, channel: social, tenure_months: 40, past_purchases: 7}
history:
  prior_failures: 2
  last_failure_days_ago: 10
  last_failure_same_category: true
  last_recovery_outcome: unsatisfied
  open_complaints: 1
  reopen_count: 1
  compensation_given: {minor: 5000, currency: CNY}
  compensation_window_days: 90
  external_complaint: true
facts:
  room_rate: 1200.00 CNY
  member_number: M-000000000000000001
  late: true
  nights: 3
  room_type: suite
  amenities: [wifi, breakfast]
)";

}  // namespace

TEST_CASE("the every-field document sets every field of the table, in JSON and YAML alike",
          "[io][incident]") {
  const auto s = r::test::hotel_incident_schema();
  const auto json = r::io::read_incident(kEveryFieldJson, "every.json", s);
  const auto yaml = r::io::read_incident(kEveryFieldYaml, "every.yaml", s);
  for (const auto& d : json.diagnostics.items()) UNSCOPED_INFO(r::render(d, kEveryFieldJson));
  for (const auto& d : yaml.diagnostics.items()) UNSCOPED_INFO(r::render(d, kEveryFieldYaml));
  REQUIRE(json.diagnostics.empty());
  REQUIRE(yaml.diagnostics.empty());
  REQUIRE(json.incident);
  REQUIRE(yaml.incident);
  CHECK(*json.incident == *yaml.incident);
  const r::Incident defaults;
  r::for_each_incident_field([&](auto field) {
    if constexpr (r::kIncidentFields[field].kind != r::FieldKind::group) {
      INFO("field " << r::kIncidentFields[field].path);
      CHECK_FALSE(r::IncidentField<field>::of(*json.incident) ==
                  r::IncidentField<field>::of(defaults));
    }
  });
}

TEST_CASE("one reader reused line after line equals a fresh read of each line", "[io][incident]") {
  const std::vector<std::string> lines = {
      std::string(kEveryFieldJson),
      // Only the required fields: every default must come back, the facts must go.
      R"({"id":"B","reported_at":"2026-11-25T09:30:00Z","category":"core.slow"})",
      // Facts again, in another order, some null, some left out.
      R"({"category":"core.slow","id":"C-2","reported_at":"2026-11-25T09:30:00+08:00",)"
      R"("facts":{"nights":1,"late":null,"member_number":"short","room_type":"standard"}})",
      // A line that fails half-way: the next one must not see what it read.
      R"({"id":"X","reported_at":"2026-11-25T09:30:00Z","category":"core.slow",)"
      R"("magnitude":"major","facts":{"nights":2},"tier":"vip"})",
      // The same facts but fewer; a fact of the line before is dropped.
      R"({"id":"D","reported_at":"2026-11-25T09:30:00+08:00","category":"core.slow",)"
      R"("facts":{"room_type":"deluxe"},"deficits":[],"motives":null,"touchpoint":"x"})",
      std::string(kEveryFieldYaml),
      R"({"id":"E","reported_at":"2026-11-25T09:30:00+08:00","category":"core.slow","facts":null})",
      R"({"id":"F\u0031","reported_at":"2026-11-25T09:30:00+08:00","category":"core.slow",)"
      R"("facts":{"amenities":["parking"],"room_rate":{"minor":100,"currency":"CNY"}}})",
      "id: G\nreported_at: 2026-11-25T09:30:00+08:00\ncategory: core.slow\nfacts: {}\n",
  };
  const auto s = r::test::hotel_incident_schema();
  r::io::IncidentReader reader(s);
  r::Incident reused;
  r::Diagnostics diagnostics;
  for (int round = 0; round < 2; ++round) {
    for (const auto& line : lines) {
      INFO(line);
      const auto fresh = r::io::read_incident(line, "line", s);
      const bool ok = reader.read(line, "line", reused, diagnostics);
      CHECK(ok == fresh.incident.has_value());
      CHECK(diagnostics.size() == fresh.diagnostics.size());
      if (ok && fresh.incident) CHECK(reused == *fresh.incident);
    }
  }
}
