// The decision diff: every compared field is detected, written with its before and after, and
// nothing else is reported. Decisions are built by hand so that each field changes alone.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "redress/replay/decision_diff.hpp"

namespace r = redress;
using redress::replay::append_changes;
using redress::replay::changed_fields;
using redress::replay::compared_fields;
using redress::replay::FieldSet;
using Json = nlohmann::json;

namespace {

r::Currency cny() {
  r::Currency c;
  REQUIRE(r::Currency::parse("CNY", c));
  return c;
}

r::Decision base() {
  r::Decision d;
  d.incident_id = "T-1";
  d.priority = 3;
  d.owner = "frontline";
  d.owner_authority = r::Money(50000, cny());
  d.escalation_path = {"frontline"};
  d.compensation_total = r::Money(1000, cny());
  d.goodwill_total = r::Money(1000, cny());
  d.restitution_total = r::Money(0, cny());
  r::RemedyOffer cash;
  cash.id = "cash";
  cash.amount = r::Money(1000, cny());
  cash.goodwill = true;
  r::RemedyOffer apology;
  apology.id = "apology";
  d.remedies = {apology, cash};
  d.departments = {"customer_service"};
  d.classification.derived = {{"double_deviation", r::FactValue(false)}};
  d.rules_fired = {"a", "b"};
  return d;
}

std::size_t bit(std::string_view name) {
  const auto fields = compared_fields();
  const auto it = std::find(fields.begin(), fields.end(), name);
  REQUIRE(it != fields.end());
  return static_cast<std::size_t>(it - fields.begin());
}

FieldSet only(std::string_view name) { return FieldSet{1} << bit(name); }

Json changes(const r::Decision& a, const r::Decision& b) {
  std::string out = "prefix:";
  append_changes(out, a, b, changed_fields(a, b));
  REQUIRE(out.rfind("prefix:", 0) == 0);  // appended, never overwritten
  return Json::parse(out.substr(7));
}

}  // namespace

TEST_CASE("replay diff: equal decisions have no changed field", "[replay]") {
  CHECK(changed_fields(base(), base()) == 0);
  // Remedies and rules are matched by id, whatever their order.
  auto reordered = base();
  std::reverse(reordered.remedies.begin(), reordered.remedies.end());
  std::reverse(reordered.rules_fired.begin(), reordered.rules_fired.end());
  CHECK(changed_fields(base(), reordered) == 0);
}

TEST_CASE("replay diff: each scalar field alone, with before and after", "[replay]") {
  auto after = base();
  after.priority = 1;
  CHECK(changed_fields(base(), after) == only("priority"));
  CHECK(changes(base(), after) == Json::parse(R"({"priority":{"before":3,"after":1}})"));

  after = base();
  after.owner = "team_lead";
  after.owner_authority = std::nullopt;
  after.escalation_path = {"frontline", "team_lead"};
  CHECK(changed_fields(base(), after) ==
        (only("owner") | only("owner_authority") | only("escalation_path")));
  CHECK(changes(base(), after) == Json::parse(R"({
    "owner":{"before":"frontline","after":"team_lead"},
    "owner_authority":{"before":{"minor":50000,"currency":"CNY"},"after":null},
    "escalation_path":{"before":["frontline"],"after":["frontline","team_lead"]}})"));

  after = base();
  after.deadlines.resolution_due.utc_seconds += 3600;
  CHECK(changed_fields(base(), after) == only("deadlines.resolution_due"));

  after = base();
  r::StatutoryClock clock;
  clock.id = "cn-cbirc-15d";
  clock.due = r::Timestamp{1796918399, 480};  // 2026-12-10T23:59:59+08:00
  after.clocks.push_back(clock);
  CHECK(changed_fields(base(), after) == only("clocks"));
  CHECK(changes(base(), after) == Json::parse(R"({"clocks":{"before":{},
                                          "after":{"cn-cbirc-15d":"2026-12-10T23:59:59+08:00"}}})"));
  auto later = after;
  later.clocks[0].due.utc_seconds += 86400;  // the same clock, due a day later
  CHECK(changed_fields(after, later) == only("clocks"));

  after = base();
  r::Commitment repair;
  repair.id = "repair";
  repair.due = r::Timestamp{1796918399, 480};  // 2026-12-10T23:59:59+08:00
  after.commitments.push_back(repair);
  CHECK(changed_fields(base(), after) == only("commitments"));
  CHECK(changes(base(), after) == Json::parse(R"({"commitments":{"before":{},
                                          "after":{"repair":"2026-12-10T23:59:59+08:00"}}})"));
  auto sooner = after;
  sooner.commitments[0].due.utc_seconds -= 86400;
  CHECK(changed_fields(after, sooner) == only("commitments"));

  after = base();
  after.departments.push_back("it");
  CHECK(changes(base(), after) == Json::parse(
                                      R"({"departments":{"before":["customer_service"],
                                          "after":["customer_service","it"]}})"));

  after = base();
  after.restitution_total = r::Money(500, cny());
  CHECK(changes(base(), after) ==
        Json::parse(R"({"restitution_total":{"before":{"minor":0,"currency":"CNY"},
                                             "after":{"minor":500,"currency":"CNY"}}})"));

  after = base();
  after.warnings.push_back({"authority.exceeded", "too much"});
  CHECK(changes(base(), after) ==
        Json::parse(R"({"warnings":{"before":[],"after":["authority.exceeded"]}})"));
}

TEST_CASE("replay diff: remedies added, removed and changed by id", "[replay]") {
  auto after = base();
  after.remedies[1].amount = r::Money(1500, cny());  // cash: 10.00 -> 15.00
  after.remedies.erase(after.remedies.begin());      // apology removed
  r::RemedyOffer voucher;
  voucher.id = "voucher";
  voucher.amount = r::Money(200, cny());
  voucher.goodwill = true;
  after.remedies.push_back(voucher);
  CHECK(changed_fields(base(), after) == only("remedies"));
  CHECK(changes(base(), after) == Json::parse(R"({"remedies":{
    "added":[{"id":"voucher","amount":{"minor":200,"currency":"CNY"},"goodwill":true}],
    "removed":[{"id":"apology","amount":null,"goodwill":false}],
    "changed":[{"id":"cash",
                "before":{"id":"cash","amount":{"minor":1000,"currency":"CNY"},"goodwill":true},
                "after":{"id":"cash","amount":{"minor":1500,"currency":"CNY"},"goodwill":true}}]}})"));
}

TEST_CASE("replay diff: flags and rules fired by name", "[replay]") {
  auto after = base();
  after.classification.derived = {{"double_deviation", r::FactValue(true)},
                                  {"revenge_risk", r::FactValue(std::int64_t{2})}};
  after.rules_fired = {"b", "c"};
  CHECK(changed_fields(base(), after) == (only("flags") | only("rules_fired")));
  CHECK(changes(base(), after) == Json::parse(R"({
    "flags":{"double_deviation":{"before":false,"after":true},
             "revenge_risk":{"before":null,"after":2}},
    "rules_fired":{"added":["c"],"removed":["a"]}})"));
}

TEST_CASE("replay diff: the compared fields are the documented ones", "[replay]") {
  const auto fields = compared_fields();
  for (const char* name :
       {"priority", "deadlines.calendar", "deadlines.first_response_due",
        "deadlines.resolution_due", "clocks", "commitments", "owner", "owner_authority",
        "escalation_path", "remedies", "compensation_total", "goodwill_total", "restitution_total",
        "departments", "communication", "flags", "warnings", "rules_fired"}) {
    CHECK(std::find(fields.begin(), fields.end(), name) != fields.end());
  }
}
