// The terms of offers in the decision's JSON and text: options, fallbacks, contingencies and
// the goodwill caps, written only when a decision has them.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "redress/engine/decide.hpp"
#include "redress/io/decision_writer.hpp"
#include "redress/io/incident_reader.hpp"
#include "redress/io/incident_schema.hpp"
#include "redress/io/load_policy.hpp"
#include "support/fixtures.hpp"

namespace {

namespace r = redress;
using json = nlohmann::ordered_json;

const std::filesystem::path kDir = "examples/remedy-terms";

std::shared_ptr<const r::CompiledPolicy> store() {
  static const auto policy = [] {
    auto result = r::load_policy_file(r::test::source_dir() / kDir / "policy.yaml");
    REQUIRE(result.policy);
    return result.policy;
  }();
  return policy;
}

r::Decision decide_example(const std::string& name, bool trace = false) {
  const auto path = r::test::source_dir() / kDir / "incidents" / name;
  const auto text = r::test::read_file(path);
  auto read = r::io::read_incident(text, path.string(), r::io::incident_schema(*store()));
  REQUIRE(read.incident);
  return r::decide(*store(), *read.incident, {trace, ""});
}

json remedy(const json& decision, const std::string& id) {
  for (const auto& r : decision.at("remedies")) {
    if (r.at("id") == id) return r;
  }
  FAIL("remedy " << id << " not in the decision");
  return {};
}

}  // namespace

TEST_CASE("JSON: a choice and a contingent remedy", "[io][terms]") {
  const auto d = json::parse(r::io::to_json(decide_example("faulty-dryer.yaml")));
  CHECK(d.at("options") == json::parse(R"([{"id": "put-right", "choose": "one",
      "of": ["replacement", "refund"], "rules": ["faulty-appliance"]}])"));
  CHECK(remedy(d, "refund").at("option") == "put-right");
  CHECK(remedy(d, "extended_warranty").at("contingent") ==
        "the service centre confirms a workmanship fault");
  CHECK_FALSE(remedy(d, "apology").contains("option"));
  CHECK_FALSE(remedy(d, "apology").contains("contingent"));
  CHECK(d.at("goodwill_total").at("minor") == 0);
  CHECK(d.at("cap").at("reductions").empty());
  // Keys keep their order: the terms after `rules`, the choices after `remedies`, the cap
  // after the totals.
  std::vector<std::string> keys;
  for (const auto& [key, value] : d.items()) keys.push_back(key);
  const auto at = [&](const std::string& k) { return std::find(keys.begin(), keys.end(), k); };
  CHECK(at("options") == at("remedies") + 1);
  CHECK(at("cap") == at("restitution_total") + 1);
}

TEST_CASE("JSON: a fallback and the caps", "[io][terms]") {
  const auto fridge = json::parse(r::io::to_json(decide_example("sold-out-fridge.yaml")));
  CHECK(remedy(fridge, "equivalent_model").at("instead_of") == "upgrade");
  CHECK_FALSE(fridge.contains("options"));

  const auto capped =
      json::parse(r::io::to_json(decide_example("capped-regular.yaml", true), {true, 2}));
  CHECK(capped.at("cap") == json::parse(R"({
      "per_incident": {"minor": 60000, "currency": "CNY"},
      "per_customer": {"minor": 100000, "currency": "CNY"}, "window_days": 90,
      "given": {"minor": 70000, "currency": "CNY"}, "given_window_days": 90,
      "requested": {"minor": 70000, "currency": "CNY"},
      "allowed": {"minor": 30000, "currency": "CNY"},
      "reductions": [
        {"remedy": "voucher", "from": {"minor": 50000, "currency": "CNY"},
         "to": {"minor": 10000, "currency": "CNY"}},
        {"remedy": "cash_compensation", "from": {"minor": 30000, "currency": "CNY"},
         "to": {"minor": 10000, "currency": "CNY"}}]})"));
  CHECK(remedy(capped, "voucher").at("capped_from").at("minor") == 50000);
  CHECK(capped.at("warnings").at(0).at("code") == "cap.applied");
  const auto& trace = capped.at("trace");
  CHECK(trace.back().at("rule") == "caps");
  CHECK(trace.back().at("outcome") == "fired");
  CHECK(trace.back().at("read").at("compensation_given").at("minor") == 70000);
}

TEST_CASE("text: each term on its offer, the choice and the cap", "[io][terms]") {
  const auto dryer = r::io::to_text(decide_example("faulty-dryer.yaml"));
  CHECK_THAT(dryer, Catch::Contains("      option of 'put-right': the customer chooses\n"));
  CHECK_THAT(dryer, Catch::Contains("  choice 'put-right': one of replacement, refund\n"));
  CHECK_THAT(dryer, Catch::Contains("      contingent on: the service centre confirms a "
                                    "workmanship fault (not in the totals)\n"));
  const auto fridge = r::io::to_text(decide_example("sold-out-fridge.yaml"));
  CHECK_THAT(fridge, Catch::Contains("  - equivalent_model 3100.00 CNY restitution [outcome]  "
                                     "(sold-out)\n      instead of upgrade, not available\n"));
  const auto capped = r::io::to_text(decide_example("capped-regular.yaml"));
  CHECK_THAT(capped, Catch::Contains("  - voucher 100.00 CNY goodwill [outcome]  "
                                     "(goodwill-for-major)\n      option of 'goodwill': the "
                                     "customer chooses\n      capped from 500.00 CNY\n"));
  CHECK_THAT(capped, Catch::Contains("  goodwill cap 300.00 CNY (requested 700.00 CNY)\n"));
}
