// Remedies offered on terms: choices (options), fallbacks decided from facts, contingent
// remedies, and the policy's goodwill caps: what each decision offers, what it counts in its
// totals, and who owns it.
#include <catch2/catch.hpp>

#include "redress/engine/decide.hpp"
#include "redress/io/decision_writer.hpp"
#include "support/fixtures.hpp"
#include "support/policies.hpp"
#include "support/time_values.hpp"

namespace {

namespace r = redress;

std::shared_ptr<const r::CompiledPolicy> compiled(const std::string& text) {
  return r::test::compiled_policy(text, "terms.yaml");
}

/// The appliance store of rules/README.md (examples/remedy-terms/policy.yaml).
std::shared_ptr<const r::CompiledPolicy> store() {
  static const auto policy =
      compiled(r::test::read_file(r::test::source_dir() / "examples/remedy-terms/policy.yaml"));
  return policy;
}

r::Money cny(std::int64_t minor) {
  r::Currency c;
  r::Currency::parse("CNY", c);
  return {minor, c};
}

r::Incident incident(std::string category, r::Magnitude magnitude = r::Magnitude::moderate) {
  r::Incident in;
  in.id = "T-1";
  in.reported_at = r::test::timestamp("2026-11-25T10:00:00+08:00");
  in.category = std::move(category);
  in.magnitude = magnitude;
  in.loss = cny(240000);
  return in;
}

const r::RemedyOffer* offer(const r::Decision& d, std::string_view id) {
  for (const auto& o : d.remedies) {
    if (o.id == id) return &o;
  }
  return nullptr;
}

std::vector<std::string_view> ids(const r::Decision& d) {
  std::vector<std::string_view> out;
  for (const auto& o : d.remedies) out.push_back(o.id);
  return out;
}

}  // namespace

TEST_CASE("a choice is counted once, at its dearest option", "[engine][terms]") {
  const auto d = r::decide(*store(), incident("core.defective"));
  REQUIRE(d.options.size() == 1);
  CHECK(d.options[0].id == "put-right");
  CHECK(d.options[0].of == std::vector<std::string_view>{"replacement", "refund"});
  CHECK(d.options[0].rules == std::vector<std::string_view>{"faulty-appliance"});
  REQUIRE(offer(d, "replacement"));
  CHECK(offer(d, "replacement")->option == "put-right");
  CHECK(offer(d, "refund")->option == "put-right");
  CHECK(offer(d, "refund")->amount == cny(240000));
  CHECK(d.compensation_total == cny(240000));  // the refund, never refund and replacement
  CHECK(d.restitution_total == cny(240000));
  CHECK(d.goodwill_total == cny(0));
}

TEST_CASE("authority is checked against the most expensive option", "[engine][terms]") {
  // cash 300 CNY or a voucher of 500 CNY: 500 CNY of goodwill, above the frontline's 300.
  const auto d = r::decide(*store(), incident("core.slow", r::Magnitude::major));
  REQUIRE(d.options.size() == 1);
  CHECK(d.options[0].of == std::vector<std::string_view>{"cash_compensation", "voucher"});
  CHECK(d.goodwill_total == cny(50000));
  CHECK(d.compensation_total == cny(50000));
  CHECK(d.owner == "supervisor");
  CHECK(d.warnings.empty());
}

TEST_CASE("a fallback is chosen from the facts", "[engine][terms]") {
  auto in = incident("core.unavailable");
  in.facts["upgrade_in_stock"] = true;
  auto d = r::decide(*store(), in, {true, ""});
  CHECK(ids(d) == std::vector<std::string_view>{"apology", "case_owner", "upgrade"});
  CHECK(offer(d, "upgrade")->instead_of.empty());
  CHECK(d.goodwill_total == cny(30000));

  in.facts["upgrade_in_stock"] = false;
  d = r::decide(*store(), in, {true, ""});
  CHECK(ids(d) == std::vector<std::string_view>{"apology", "case_owner", "equivalent_model"});
  CHECK(offer(d, "equivalent_model")->instead_of == "upgrade");
  CHECK(offer(d, "equivalent_model")->amount == cny(240000));
  CHECK(d.goodwill_total == cny(0));
  CHECK(d.restitution_total == cny(240000));
  const auto sold_out = std::find_if(d.trace.begin(), d.trace.end(),
                                     [](const r::TraceEntry& t) { return t.rule == "sold-out"; });
  REQUIRE(sold_out != d.trace.end());
  CHECK(sold_out->actions ==
        std::vector<std::string>{"remedy upgrade: not available",
                                 "remedy equivalent_model 2400.00 CNY, instead of upgrade"});
}

TEST_CASE("a contingent remedy is listed but counted nowhere until confirmed", "[engine][terms]") {
  auto in = incident("core.defective");
  in.deficits = {r::Justice::outcome};
  auto d = r::decide(*store(), in);
  const auto* warranty = offer(d, "extended_warranty");
  REQUIRE(warranty);
  CHECK(warranty->contingent == "the service centre confirms a workmanship fault");
  CHECK(warranty->amount == cny(20000));
  CHECK(d.goodwill_total == cny(0));
  CHECK(d.compensation_total == cny(240000));
  REQUIRE(d.coverage.size() == 1);
  // Covered by the choice (both options cover outcome), not by the contingent warranty.
  CHECK(d.coverage[0].by == std::vector<std::string_view>{"replacement", "refund"});

  in.facts["workmanship_confirmed"] = true;
  d = r::decide(*store(), in);
  CHECK(offer(d, "extended_warranty")->contingent.empty());
  CHECK(d.goodwill_total == cny(20000));
  CHECK(d.compensation_total == cny(260000));
}

TEST_CASE("the caps reduce goodwill from the end of the catalogue and never restitution",
          "[engine][terms][caps]") {
  auto in = incident("core.defective", r::Magnitude::major);
  in.history.compensation_given = cny(70000);
  in.history.compensation_window_days = 90;
  in.facts["workmanship_confirmed"] = true;
  const auto d = r::decide(*store(), in, {true, ""});
  // Requested: warranty 200 + the dearer goodwill option 500 = 700; allowed: min(600, 1000 -
  // 700) = 300. The choice (at the end of the catalogue) is lowered to a ceiling of 100.
  REQUIRE(d.cap);
  CHECK(d.cap->requested == cny(70000));
  CHECK(d.cap->allowed == cny(30000));
  CHECK(d.cap->given == cny(70000));
  REQUIRE(d.cap->reductions.size() == 2);
  CHECK(d.cap->reductions[0].remedy == "voucher");
  CHECK(d.cap->reductions[0].from == cny(50000));
  CHECK(d.cap->reductions[0].to == cny(10000));
  CHECK(d.cap->reductions[1].remedy == "cash_compensation");
  CHECK(d.cap->reductions[1].to == cny(10000));
  CHECK(offer(d, "voucher")->capped_from == cny(50000));
  CHECK(offer(d, "voucher")->amount == cny(10000));
  CHECK_FALSE(offer(d, "extended_warranty")->capped_from);
  CHECK(offer(d, "refund")->amount == cny(240000));  // restitution: never capped
  CHECK(d.goodwill_total == cny(30000));
  CHECK(d.restitution_total == cny(240000));
  CHECK(d.owner == "frontline");  // chosen by the capped total
  REQUIRE(d.warnings.size() == 1);
  CHECK(d.warnings[0].code == "cap.applied");
  CHECK(d.warnings[0].message ==
        "goodwill capped at 300.00 CNY (per incident 600.00 CNY; per customer 1000.00 CNY over "
        "90 days, 700.00 CNY already given): voucher 500.00 CNY -> 100.00 CNY, "
        "cash_compensation 300.00 CNY -> 100.00 CNY");
  REQUIRE_FALSE(d.trace.empty());
  const auto& caps = d.trace.back();
  CHECK(caps.rule == "caps");
  CHECK(caps.outcome == r::TraceEntry::Outcome::fired);
  CHECK(caps.actions ==
        std::vector<std::string>{"goodwill requested 700.00 CNY, allowed 300.00 CNY (per incident "
                                 "600.00 CNY; per customer 1000.00 CNY over 90 days, 700.00 CNY "
                                 "already given)",
                                 "remedy voucher: 500.00 CNY -> 100.00 CNY",
                                 "remedy cash_compensation: 300.00 CNY -> 100.00 CNY"});
}

TEST_CASE("a customer given the whole allowance loses outright goodwill too, in catalogue order",
          "[engine][terms][caps]") {
  auto in = incident("core.unavailable", r::Magnitude::major);
  in.history.compensation_given = cny(100000);
  in.history.compensation_window_days = 30;
  in.facts["upgrade_in_stock"] = true;
  const auto d = r::decide(*store(), in);
  REQUIRE(d.cap);
  std::vector<std::string_view> reduced;
  for (const auto& c : d.cap->reductions) reduced.push_back(c.remedy);
  CHECK(reduced == std::vector<std::string_view>{"voucher", "cash_compensation", "upgrade"});
  CHECK(ids(d) == std::vector<std::string_view>{"apology", "case_owner"});
  CHECK(d.options.empty());
  CHECK(d.goodwill_total == cny(0));
  REQUIRE(d.warnings.size() == 2);
  CHECK(d.warnings[1].code == "cap.window");
  CHECK(d.warnings[1].message ==
        "the goodwill already given (1000.00 CNY) covers 30 days, the per-customer cap 90 days: "
        "the cap counted it as given within its window");
}

TEST_CASE("within the caps nothing is reduced, and the decision says so", "[engine][terms][caps]") {
  const auto d = r::decide(*store(), incident("core.defective"));
  REQUIRE(d.cap);
  CHECK(d.cap->reductions.empty());
  CHECK(d.cap->allowed == cny(60000));
  CHECK(d.warnings.empty());
}

namespace {

constexpr const char* kMerging = R"(
policy: {id: merging, version: "1", currency: CNY}
facts:
  - {id: suite_free, type: bool, default: false}
  - {id: room_free, type: bool, default: false}
remedies:
  - {id: rebook, covers: [outcome, procedural]}
  - {id: refund, covers: [outcome], monetary: true}
  - {id: suite, covers: [outcome]}
  - {id: room, covers: [outcome]}
  - {id: hotel, covers: [outcome], monetary: true}
roles:
  - {id: agent, authority: unlimited}
sla:
  targets:
    - {priority: 1, first_response: 15m, resolution: 2h}
rules:
  - id: choice
    then:
      - options: {id: travel, of: [rebook, {id: refund, amount: loss}]}
  - id: refund-anyway
    when: magnitude == critical
    then: [{remedy: {id: refund, amount: loss}}]
  - id: lodging
    then:
      - remedy:
          id: suite
          if: suite_free
          fallback: {id: room, if: room_free, fallback: {id: hotel, amount: "800 CNY"}}
)";

}  // namespace

TEST_CASE("a remedy offered outright leaves the choice, which then offers its last option",
          "[engine][terms]") {
  const auto policy = compiled(kMerging);
  auto in = incident("core.slow");
  in.deficits = {r::Justice::procedural};
  auto d = r::decide(*policy, in);
  REQUIRE(d.options.size() == 1);
  CHECK(d.coverage[0].covered == false);  // the refund option does not cover procedural

  in.magnitude = r::Magnitude::critical;
  d = r::decide(*policy, in);
  CHECK(d.options.empty());
  CHECK(offer(d, "refund")->option.empty());
  CHECK(offer(d, "rebook")->option.empty());
  CHECK(d.compensation_total == cny(240000 + 80000));
  CHECK(d.coverage[0].covered);
}

TEST_CASE("a fallback chain offers the first available remedy", "[engine][terms]") {
  const auto policy = compiled(kMerging);
  auto in = incident("core.slow");
  in.facts["suite_free"] = true;
  in.facts["room_free"] = true;
  CHECK(offer(r::decide(*policy, in), "suite"));
  in.facts["suite_free"] = false;
  auto d = r::decide(*policy, in);
  REQUIRE(offer(d, "room"));
  CHECK(offer(d, "room")->instead_of == "suite");
  CHECK_FALSE(offer(d, "hotel"));
  in.facts["room_free"] = false;
  d = r::decide(*policy, in);
  REQUIRE(offer(d, "hotel"));
  CHECK(offer(d, "hotel")->instead_of == "suite");
  CHECK_FALSE(offer(d, "room"));
}

TEST_CASE("a reused decision keeps nothing of the terms of the one before", "[engine][terms]") {
  auto in = incident("core.defective", r::Magnitude::major);
  in.history.compensation_given = cny(70000);
  r::Decision reused;
  r::decide(*store(), in, reused);
  const auto plain = incident("core.slow");
  r::decide(*store(), plain, reused);
  CHECK(r::io::to_json(reused) == r::io::to_json(r::decide(*store(), plain)));
  CHECK(reused.options.empty());
  CHECK(reused.cap->reductions.empty());
}
