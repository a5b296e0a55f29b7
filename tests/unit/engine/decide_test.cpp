// The engine on a small policy written for the test: owner and escalation path, hit policies,
// derived-fact ordering, priority clamping, deadlines, coverage, merging and errors.
#include <catch2/catch.hpp>

#include "redress/engine/decide.hpp"
#include "redress/io/load_policy.hpp"

namespace {

constexpr const char* kPolicy = R"(
policy: {id: shop, version: "3", currency: CNY, locales: [en, zh]}
taxonomy:
  base: standard
  add:
    - {id: core.unavailable.out_of_stock}
facts:
  - {id: vip_case, type: bool, derived: true, default: false}
  - {id: order_value, type: money, default: 0 CNY}
remedies:
  - {id: apology, covers: [interactional], text: {en: Say sorry., zh: 道歉。}}
  - {id: reversal, covers: [outcome, procedural], monetary: true}
  - {id: voucher, covers: [outcome], monetary: true, goodwill: true, text: {en: Voucher., zh: 代金券。}}
communication:
  - {id: apologise_first}
  - {id: explain}
departments:
  - {id: sales}
  - {id: it}
roles:
  - {id: agent, authority: 500 CNY, reports_to: lead, entry: true}
  - {id: lead, authority: 2000 CNY, reports_to: head}
  - {id: head, authority: 5000 CNY}
calendars:
  - {id: office, utc_offset: "+08:00", working_days: [mon, tue, wed, thu, fri], hours: "09:00-18:00", holidays: [2026-12-01]}
sla:
  calendar: office
  default_priority: 4
  targets:
    - {priority: 1, first_response: 15m, resolution: 2h}
    - {priority: 2, first_response: 1h, resolution: 1d}
    - {priority: 3, first_response: 2h, resolution: 24h}
    - {priority: 4, first_response: 4 business_hours, resolution: 3 business_days}
rules:
  - id: raise-for-vip
    when: vip_case
    then: [{set: {priority: "priority - 5"}}]
  - id: mark-vip
    when: tier >= vip
    then: [{set: {vip_case: "true"}}]
  - group: urgency
    hit: first
    rules:
      - id: safety
        when: safety_critical
        then: [{set: {priority: "1"}}]
      - id: major
        when: magnitude >= major
        then: [{set: {priority: "2"}}]
  - id: sorry
    when: locus == firm
    then: [{remedy: apology}, {say: explain}, {say: apologise_first}]
  - id: stock-voucher
    when: category in core.unavailable
    then: [{remedy: {id: voucher, amount: "loss / 2"}}, {involve: sales}]
  - id: big-voucher
    when: category in core.unavailable.out_of_stock
    then: [{remedy: {id: voucher, amount: "loss"}}]
  - id: refund-billing
    when: category in process.billing
    then: [{remedy: {id: reversal, amount: "loss"}}, {involve: it}]
  - id: triple-refund
    when: category in process.system_error
    then: [{remedy: {id: reversal, amount: "loss * 3"}}]
  - id: rude-needs-lead
    when: category in conduct.rude
    then: [{escalate: lead}]
)";

std::shared_ptr<const redress::CompiledPolicy> policy() {
  static const auto compiled = [] {
    auto result = redress::load_policy(kPolicy, "shop.yaml");
    std::string problems;
    for (const auto& d : result.diagnostics.items()) problems += redress::render(d, kPolicy);
    INFO(problems);
    REQUIRE(result.policy != nullptr);
    return result.policy;
  }();
  return compiled;
}

redress::Incident incident(std::string category) {
  redress::Incident in;
  in.id = "T-1";
  std::string error;
  // Monday 2026-11-30 10:00 +08:00
  REQUIRE(redress::Timestamp::parse("2026-11-30T10:00:00+08:00", in.reported_at, error));
  in.category = std::move(category);
  return in;
}

redress::Money cny(std::int64_t minor) {
  redress::Currency c;
  redress::Currency::parse("CNY", c);
  return {minor, c};
}

std::vector<std::string> remedy_ids(const redress::Decision& d) {
  std::vector<std::string> ids;
  for (const auto& r : d.remedies) ids.emplace_back(r.id);
  return ids;
}

std::vector<std::string> rule_ids(const redress::RemedyOffer& offer) {
  return {offer.rules.begin(), offer.rules.end()};
}

}  // namespace

TEST_CASE("goodwill decides the owner; restitution does not", "[engine]") {
  auto in = incident("core.unavailable");
  in.loss = cny(120000);  // voucher 600 CNY > agent's 500
  auto d = redress::decide(*policy(), in);
  CHECK(remedy_ids(d) == std::vector<std::string>{"apology", "voucher"});
  CHECK(d.goodwill_total == cny(60000));
  CHECK(d.owner == "lead");
  CHECK(d.escalation_path == std::vector<std::string_view>{"agent", "lead"});
  CHECK(d.owner_authority == cny(200000));
  CHECK(d.departments == std::vector<std::string_view>{"sales"});

  auto billing = incident("process.billing");
  billing.loss = cny(900000);  // a 9000 CNY reversal is restitution
  d = redress::decide(*policy(), billing);
  CHECK(d.restitution_total == cny(900000));
  CHECK(d.goodwill_total == cny(0));
  CHECK(d.owner == "agent");
  CHECK(d.escalation_path == std::vector<std::string_view>{"agent"});
}

TEST_CASE("goodwill above the top role's authority warns", "[engine]") {
  auto in = incident("core.unavailable");
  in.loss = cny(2000000);  // voucher 10000 CNY > head's 5000
  const auto d = redress::decide(*policy(), in);
  CHECK(d.owner == "head");
  REQUIRE(d.warnings.size() == 1);
  CHECK(d.warnings[0].code == "authority.exceeded");
}

TEST_CASE("escalate raises the owner even without money", "[engine]") {
  const auto d = redress::decide(*policy(), incident("conduct.rude"));
  CHECK(d.owner == "lead");
  CHECK(d.escalation_path == std::vector<std::string_view>{"agent", "lead"});
}

TEST_CASE("a remedy recommended twice is listed once with the larger amount", "[engine]") {
  auto in = incident("core.unavailable.out_of_stock");
  in.loss = cny(10000);
  const auto d = redress::decide(*policy(), in);
  REQUIRE(d.remedies.size() == 2);
  CHECK(d.remedies[1].id == "voucher");
  CHECK(d.remedies[1].amount == cny(10000));
  CHECK_THAT(rule_ids(d.remedies[1]), Catch::Equals<std::string>({"stock-voucher", "big-voucher"}));
}

TEST_CASE("a monetary remedy worth nothing is not offered", "[engine]") {
  const auto d = redress::decide(*policy(), incident("core.unavailable"));
  CHECK(remedy_ids(d) == std::vector<std::string>{"apology"});
  CHECK(d.compensation_total == cny(0));
}

TEST_CASE("first groups stop at the first match; the trace says why", "[engine]") {
  auto in = incident("core.slow");
  in.safety_critical = true;
  in.magnitude = redress::Magnitude::critical;
  const auto d = redress::decide(*policy(), in, {true, ""});
  CHECK(d.priority == 1);
  const auto major =
      std::find_if(d.trace.begin(), d.trace.end(), [](const auto& t) { return t.rule == "major"; });
  REQUIRE(major != d.trace.end());
  CHECK(major->outcome == redress::TraceEntry::Outcome::skipped);
  CHECK(major->group == "urgency");
}

TEST_CASE("readers of a derived fact run after its setters; priority clamps", "[engine]") {
  auto in = incident("core.slow");
  in.tier = redress::Tier::vip;
  in.magnitude = redress::Magnitude::major;
  const auto d = redress::decide(*policy(), in, {true, ""});
  // mark-vip is written after raise-for-vip but must run first; then urgency sets 2, and the
  // raise (priority - 5) clamps to 1.
  std::vector<std::string> order;
  for (const auto& t : d.trace) order.emplace_back(t.rule);
  const auto pos = [&](const std::string& id) {
    return std::find(order.begin(), order.end(), id) - order.begin();
  };
  CHECK(pos("mark-vip") < pos("raise-for-vip"));
  CHECK(pos("major") < pos("raise-for-vip"));
  CHECK(d.priority == 1);
  REQUIRE(d.classification.derived.size() == 1);
  CHECK(d.classification.derived[0].name == "vip_case");
  CHECK(d.classification.derived[0].value == redress::FactValue(true));
}

TEST_CASE("deadlines follow the calendar and skip holidays", "[engine]") {
  // Priority 4: 4 business hours and 3 business days from Monday 10:00; Tuesday 1 December is a
  // holiday, so three working days of 9 hours end on Friday 4 December at 10:00.
  const auto d = redress::decide(*policy(), incident("core.slow"));
  CHECK(d.priority == 4);
  CHECK(d.deadlines.calendar == "office");
  CHECK(d.deadlines.first_response_due.to_string() == "2026-11-30T14:00:00+08:00");
  CHECK(d.deadlines.resolution_due.to_string() == "2026-12-04T10:00:00+08:00");
}

TEST_CASE("justice coverage names the remedies, and warns on a gap", "[engine]") {
  auto in = incident("core.slow");
  in.deficits = {redress::Justice::outcome, redress::Justice::interactional};
  const auto d = redress::decide(*policy(), in);
  REQUIRE(d.coverage.size() == 2);
  CHECK(d.coverage[0].dimension == redress::Justice::outcome);
  CHECK_FALSE(d.coverage[0].covered);
  CHECK(d.coverage[1].covered);
  CHECK(d.coverage[1].by == std::vector<std::string_view>{"apology"});
  REQUIRE(d.warnings.size() == 1);
  CHECK(d.warnings[0].code == "coverage.uncovered");
}

TEST_CASE("communication steps come in catalogue order, texts in the locale", "[engine]") {
  const auto d = redress::decide(*policy(), incident("core.slow"), {false, "zh"});
  REQUIRE(d.communication.size() == 2);
  CHECK(d.communication[0].id == "apologise_first");
  CHECK(d.communication[1].id == "explain");
  CHECK(d.remedies[0].text == "道歉。");
}

TEST_CASE("incidents that do not fit the policy are refused with diagnostics", "[engine]") {
  auto in = incident("core.unavailabel");
  try {
    redress::decide(*policy(), in);
    FAIL("decide accepted an unknown category");
  } catch (const redress::DecideError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics().items()[0].code == "incident.unknown_value");
    CHECK_THAT(e.what(), Catch::Contains("core.unavailabel"));
  }
  auto usd = incident("core.slow");
  redress::Currency dollars;
  redress::Currency::parse("USD", dollars);
  usd.loss = redress::Money(100, dollars);
  CHECK_THROWS_WITH(redress::decide(*policy(), usd), Catch::Contains("policy uses CNY"));
  auto host = incident("core.slow");
  host.facts["order_value"] = redress::FactValue(std::int64_t{5});
  CHECK_THROWS_WITH(redress::decide(*policy(), host),
                    Catch::Contains("fact 'order_value' must be money"));
}

TEST_CASE("overflow in an amount is an error, never a wrap", "[engine]") {
  auto in = incident("process.system_error");
  in.loss = cny(std::numeric_limits<std::int64_t>::max() / 2);
  try {
    redress::decide(*policy(), in);
    FAIL("loss * 3 overflowed silently");
  } catch (const redress::DecideError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics().items()[0].code == "decide.overflow");
    CHECK_THAT(e.what(), Catch::Contains("triple-refund") && Catch::Contains("overflow"));
  }
  in.loss = cny(1000);
  CHECK(redress::decide(*policy(), in).restitution_total == cny(3000));
}

TEST_CASE("an unknown locale is refused; a text missing in a locale falls back", "[engine]") {
  CHECK_THROWS_WITH(redress::decide(*policy(), incident("core.slow"), {false, "fr"}),
                    Catch::Contains("locale 'fr' is not one of the policy's locales (en, zh)"));
  // 'apology' has en and zh texts; 'explain' has none, so it stays empty in every locale.
  const auto d = redress::decide(*policy(), incident("core.slow"), {false, "en"});
  CHECK(d.remedies[0].text == "Say sorry.");
  CHECK(d.communication[1].text.empty());
}

TEST_CASE("ranges the reader enforces are enforced for incidents built in code", "[engine]") {
  auto in = incident("core.slow");
  in.intensity = 9;
  in.history.prior_failures = -1;
  redress::Currency cny;
  REQUIRE(redress::Currency::parse("CNY", cny));
  in.loss = redress::Money(-100, cny);  // the linter takes a loss to be 0 or more
  try {
    redress::decide(*policy(), in);
    FAIL("out-of-range incident accepted");
  } catch (const redress::DecideError& e) {
    REQUIRE(e.diagnostics().size() == 3);
    CHECK(e.diagnostics().items()[0].code == "incident.out_of_range");
    CHECK(e.diagnostics().items()[0].message == "loss must be 0 or more, found -1.00 CNY");
    CHECK(e.diagnostics().items()[1].message == "emotion.intensity must be 1 to 5, found 9");
    CHECK(e.diagnostics().items()[2].message ==
          "history.prior_failures must be 0 or more, found -1");
  }
}

TEST_CASE("a decision keeps its policy alive; its views stay valid", "[engine]") {
  constexpr const char* kSmall = R"(
policy: {id: small, version: "1", currency: CNY, locales: [en, zh]}
remedies:
  - {id: apology, covers: [interactional], text: {en: Say sorry.}}
  - {id: explanation, covers: [procedural], text: {zh: 解释。, fr: Expliquer.}}
roles:
  - {id: agent, authority: unlimited, entry: true}
sla:
  default_priority: 1
  targets: [{priority: 1, first_response: 1h, resolution: 1d}]
rules:
  - id: always
    then: [{remedy: apology}, {remedy: explanation}]
)";
  auto owned = redress::load_policy(kSmall, "small.yaml").policy;
  REQUIRE(owned != nullptr);
  const auto* raw = owned.get();
  redress::Decision d;
  redress::decide(*owned, incident("core.slow"), d, {true, "zh"});
  CHECK(d.policy_storage.get() == static_cast<const void*>(raw));
  owned.reset();  // the host drops the policy (a reload, say): the decision still holds it
  REQUIRE(d.remedies.size() == 2);
  CHECK(d.remedies[0].id == "apology");
  CHECK(d.remedies[0].text == "Say sorry.");  // no zh text: the default locale's
  CHECK(d.remedies[1].text == "解释。");
  CHECK_THAT(rule_ids(d.remedies[1]), Catch::Equals<std::string>({"always"}));
  CHECK(d.trace.at(0).rule == "always");
  CHECK(d.owner == "agent");
  const auto copy = d;  // copies share the policy
  CHECK(copy.policy_storage == d.policy_storage);

  // Reused with another policy, the decision lets go of the first one.
  const std::weak_ptr<const void> first = d.policy_storage;
  redress::decide(*policy(), incident("core.slow"), d);
  CHECK(d.policy_storage.get() == static_cast<const void*>(policy().get()));
  CHECK(d.policy.id == "shop");
  CHECK_FALSE(first.expired());  // `copy` still holds it
}

TEST_CASE("texts fall back to the default locale, else to any text given", "[engine]") {
  constexpr const char* kTexts = R"(
policy: {id: texts, version: "1", currency: CNY, locales: [zh, en]}
remedies:
  - {id: only_fr, text: {fr: Pardon.}}
  - {id: only_zh, text: {zh: 道歉。}}
roles:
  - {id: agent, authority: unlimited, entry: true}
sla:
  default_priority: 1
  targets: [{priority: 1, first_response: 1h, resolution: 1d}]
rules:
  - id: always
    then: [{remedy: only_fr}, {remedy: only_zh}]
)";
  const auto compiled = redress::load_policy(kTexts, "texts.yaml").policy;
  REQUIRE(compiled != nullptr);
  const auto d = redress::decide(*compiled, incident("core.slow"), {false, "en"});
  REQUIRE(d.remedies.size() == 2);
  CHECK(d.remedies[0].text == "Pardon.");  // neither en nor the default zh: the one given
  CHECK(d.remedies[1].text == "道歉。");   // no en: the default locale's
}
