// The batch command's fast incident reader: reading line after line into one reused Incident
// must give, every time, the incident read_incident() gives for that line alone.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "io/json/incident_json_fast.hpp"
#include "redress/io/incident_reader.hpp"

namespace r = redress;
using redress::io::HostFactInfo;
using redress::io::IncidentSchema;

namespace {

IncidentSchema schema() {
  using Kind = HostFactInfo::Kind;
  IncidentSchema s;
  REQUIRE(r::Currency::parse("CNY", s.currency));
  s.host_facts = {
      {"room_rate", Kind::money, {}},
      {"member_number", Kind::string, {}},
      {"late", Kind::boolean, {}},
      {"nights", Kind::integer, {}},
      {"room_type", Kind::enumeration, {"standard", "deluxe", "suite"}},
      {"amenities", Kind::set, {"breakfast", "wifi", "parking"}},
  };
  return s;
}

void require_same(const r::Incident& a, const r::Incident& b) {
  CHECK(a.id == b.id);
  CHECK(a.reported_at == b.reported_at);
  CHECK(a.category == b.category);
  CHECK(a.failure_type == b.failure_type);
  CHECK(a.magnitude == b.magnitude);
  CHECK(a.loss == b.loss);
  CHECK(a.locus == b.locus);
  CHECK(a.stability == b.stability);
  CHECK(a.controllability == b.controllability);
  CHECK(a.safety_critical == b.safety_critical);
  CHECK(a.affected_count == b.affected_count);
  CHECK(a.touchpoint == b.touchpoint);
  CHECK(a.emotion == b.emotion);
  CHECK(a.intensity == b.intensity);
  CHECK(a.motives == b.motives);
  CHECK(a.deficits == b.deficits);
  CHECK(a.tier == b.tier);
  CHECK(a.channel == b.channel);
  CHECK(a.history.prior_failures == b.history.prior_failures);
  CHECK(a.history.last_failure_days_ago == b.history.last_failure_days_ago);
  CHECK(a.history.last_failure_same_category == b.history.last_failure_same_category);
  CHECK(a.history.last_recovery_outcome == b.history.last_recovery_outcome);
  CHECK(a.history.open_complaints == b.history.open_complaints);
  CHECK(a.history.reopen_count == b.history.reopen_count);
  CHECK(a.history.compensation_given == b.history.compensation_given);
  CHECK(a.history.external_complaint == b.history.external_complaint);
  REQUIRE(a.facts.size() == b.facts.size());
  for (const auto& [name, value] : a.facts) {
    INFO("fact " << name);
    const auto it = b.facts.find(name);
    REQUIRE(it != b.facts.end());
    CHECK(value == it->second);
  }
}

}  // namespace

TEST_CASE("fast incident reader: one Incident reused across lines equals a fresh read",
          "[io][json]") {
  const std::vector<std::string> lines = {
      // Everything set, facts included.
      R"({"id":"A-1","reported_at":"2026-11-25T09:30:00+08:00","category":"core.unavailable",)"
      R"("failure_type":"outcome","magnitude":"major","loss":"800.00 CNY","locus":"firm",)"
      R"("stability":"recurring","controllability":"firm_controllable","safety_critical":true,)"
      R"("affected_count":12,"touchpoint":"hotel.check_in.front_desk","emotion":{"state":)"
      R"("angry","intensity":4},"motives":["hostility","venting","hostility"],)"
      R"("deficits":["procedural","outcome"],"customer":{"tier":"vip","channel":"social"},)"
      R"("history":{"prior_failures":2,)"
      R"("last_failure_days_ago":10,"last_failure_same_category":true,"last_recovery_outcome":)"
      R"("unsatisfied","open_complaints":1,"reopen_count":1,"compensation_given":{"minor":5000,)"
      R"("currency":"CNY"},"external_complaint":true},"facts":{"room_rate":"1200.00 CNY",)"
      R"("member_number":"M-000000000000000001","late":true,"nights":3,"room_type":"suite",)"
      R"("amenities":["wifi","breakfast"]}})",
      // Only the required fields: every default must come back, the facts must go.
      R"({"id":"B","reported_at":"2026-11-25T09:30:00Z","category":"core.slow"})",
      // Facts again, in another order, some null, some left out.
      R"({"category":"core.slow","id":"C-2","reported_at":"2026-11-25T09:30:00+08:00",)"
      R"("facts":{"nights":1,"late":null,"member_number":"short","room_type":"standard"}})",
      // The same facts but fewer; a fact of the line before is dropped.
      R"({"id":"D","reported_at":"2026-11-25T09:30:00+08:00","category":"core.slow",)"
      R"("facts":{"room_type":"deluxe"},"deficits":[],"motives":null,"touchpoint":"x"})",
      // facts: null and an empty facts object.
      R"({"id":"E","reported_at":"2026-11-25T09:30:00+08:00","category":"core.slow","facts":null})",
      R"({"id":"F","reported_at":"2026-11-25T09:30:00+08:00","category":"core.slow",)"
      R"("facts":{"amenities":["parking"],"room_rate":{"minor":100,"currency":"CNY"}}})",
      R"({"id":"G","reported_at":"2026-11-25T09:30:00+08:00","category":"core.slow","facts":{}})",
  };
  const auto s = schema();
  r::io::detail::FastIncidentReader fast;
  r::Incident reused;
  for (int round = 0; round < 2; ++round) {
    for (const auto& line : lines) {
      INFO(line);
      const auto expected = r::io::read_incident(line, "line", s);
      REQUIRE(expected.incident);
      REQUIRE(fast.read(line, s, reused));
      require_same(reused, *expected.incident);
      const auto fresh = fast.read(line, s);
      REQUIRE(fresh);
      require_same(*fresh, *expected.incident);
    }
  }
}

TEST_CASE("fast incident reader: what it leaves to the full reader", "[io][json]") {
  const auto s = schema();
  r::io::detail::FastIncidentReader fast;
  r::Incident reused;
  for (const std::string line : {
           R"({"id":"A","reported_at":"2026-11-25T09:30:00Z"})",  // no category
           R"({"id":"A","reported_at":"2026-11-25T09:30:00Z","category":"x","id":"B"})",
           R"({"id":"A\u0031","reported_at":"2026-11-25T09:30:00Z","category":"x"})",
           R"({"id":"A","reported_at":"2026-11-25T09:30:00Z","category":"x","facts":{"nope":1}})",
           R"({"id":"A","reported_at":"2026-11-25T09:30:00Z","category":"x",)"
           R"("facts":{"late":true,"late":false}})",
           R"({id: A, reported_at: "2026-11-25T09:30:00Z", category: x})",
       }) {
    INFO(line);
    CHECK_FALSE(fast.read(line, s, reused));
  }
}
