// Statutory clocks in decisions (attached by rules, due times in their calendars, extensions,
// content of the final reply, the warning when the SLA is later) and effective dating of rules,
// remedy amounts and clocks, with and without the rule index and the trace.
#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <span>

#include "compile/rule_index.hpp"
#include "redress/engine/decide.hpp"
#include "redress/io/decision_writer.hpp"
#include "redress/io/load_policy.hpp"
#include "redress/io/policy_loader.hpp"
#include "support/fixtures.hpp"
#include "support/policies.hpp"
#include "support/time_values.hpp"

using redress::test::local_date;
using redress::test::timestamp;

namespace {

using redress::test::warning_codes;

constexpr const char* kPolicy = R"(
policy: {id: clocks, version: "1", currency: CNY, locales: [en, zh]}
facts:
  - {id: payment, type: bool, default: false}
remedies:
  - {id: apology, covers: [interactional]}
  - {id: cash, covers: [outcome], monetary: true, goodwill: true}
roles:
  - {id: agent, authority: unlimited}
calendars:
  - id: cn
    utc_offset: "+08:00"
    holidays: [2026-02-16, 2026-02-17, 2026-02-18, 2026-02-19, 2026-02-20, 2026-02-23,
               2026-10-01, 2026-10-02, 2026-10-05, 2026-10-06, 2026-10-07]
    makeup_days: [2026-02-14, 2026-02-28, 2026-09-20, 2026-10-10]
  - {id: uk, utc_offset: "+00:00", hours: "09:00-17:00"}
clocks:
  - id: reply-15d
    title: {en: Decide and inform, zh: 作出决定并告知}
    basis: {en: "Order 3, Art. 21", zh: 第3号令}
    due: 15 calendar_days
    calendar: cn
    roll_to_working_day: true
    extensions:
      - due: 30 calendar_days
        when: {en: complex case, zh: 情况复杂}
        holding_reply: {en: Say why and when., zh: 说明原因和期限。}
    final_reply:
      - {en: The further channels., zh: 其他救济途径。}
    referral:
      body: {en: The regulator, zh: 监管部门}
      within: 6 months
  - id: accept-7wd
    due: 7 working_days
    calendar: cn
  - id: summary-3bd
    due: 3 working_days
    calendar: uk
    due_at: close_of_business
  - id: baggage-21d
    start: occurred
    due: 21 calendar_days
  - id: new-law
    due: 10 calendar_days
    effective: {from: 2026-07-01}
sla:
  default_priority: 2
  targets:
    - {priority: 1, first_response: 1h, resolution: 1d}
    - {priority: 2, first_response: 4h, resolution: 20d}
rules:
  - id: every-case
    then: [{clock: reply-15d}, {remedy: apology}]
  - id: payments
    when: payment
    then: [{clock: accept-7wd}, {clock: reply-15d}]
  - id: urgent-payments
    when: payment and magnitude >= major
    then: [{set: {priority: "1"}}]
  - id: uk-summary
    when: category in process
    then: [{clock: summary-3bd}]
  - id: baggage
    when: category in core.unavailable
    then: [{clock: baggage-21d}, {clock: new-law}]
  - id: old-goodwill
    effective: {until: 2026-07-01}
    when: magnitude >= moderate
    then: [{remedy: {id: cash, amount: "100 CNY"}}]
  - id: goodwill-amounts
    when: magnitude >= moderate
    then:
      - remedy: {id: cash, amount: "50 CNY", effective: {until: 2026-07-01}}
      - remedy: {id: cash, amount: "80 CNY", effective: {from: 2026-07-01}}
)";

std::shared_ptr<const redress::CompiledPolicy> compile(const std::string& text) {
  return redress::test::compiled_policy(text, "clocks.yaml");
}

const redress::CompiledPolicy& policy() {
  static const auto compiled = compile(kPolicy);
  return *compiled;
}

redress::Incident incident(std::string_view reported, std::string category = "core.slow") {
  redress::Incident in;
  in.id = "C-1";
  in.reported_at = timestamp(reported);
  in.category = std::move(category);
  return in;
}

const redress::StatutoryClock* clock(const redress::Decision& d, std::string_view id) {
  const auto it = std::find_if(d.clocks.begin(), d.clocks.end(),
                               [&](const redress::StatutoryClock& c) { return c.id == id; });
  return it == d.clocks.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("a rule attaches a clock: due time, extension, final reply and referral",
          "[engine][clocks]") {
  const auto d = redress::decide(policy(), incident("2026-09-20T10:00:00+08:00"), {false, "zh"});
  REQUIRE(d.clocks.size() == 1);
  const auto& c = d.clocks.front();
  CHECK(c.id == "reply-15d");
  CHECK(c.title == "作出决定并告知");
  CHECK(c.basis == "第3号令");
  CHECK(c.calendar == "cn");
  CHECK(c.start == redress::ClockStart::reported);
  CHECK(c.started.to_string() == "2026-09-20T10:00:00+08:00");
  CHECK(c.period == "15 calendar_days");
  // 5 October is a National Day holiday: the period ends on the next working day, 8 October.
  CHECK(c.due.to_string() == "2026-10-08T23:59:59+08:00");
  REQUIRE(c.extensions.size() == 1);
  CHECK(c.extensions[0].period == "30 calendar_days");
  CHECK(c.extensions[0].due.to_string() == "2026-10-20T23:59:59+08:00");
  CHECK(c.extensions[0].when == "情况复杂");
  CHECK(c.extensions[0].holding_reply == "说明原因和期限。");
  CHECK(c.final_reply == std::vector<std::string_view>{"其他救济途径。"});
  CHECK(c.referral_body == "监管部门");
  CHECK(c.referral_within == "6 months");
  CHECK(std::vector<std::string_view>(c.rules.begin(), c.rules.end()) ==
        std::vector<std::string_view>{"every-case"});
}

TEST_CASE("a clock attached by two rules is listed once, with both rules, in policy order",
          "[engine][clocks]") {
  auto in = incident("2026-02-12T15:00:00+08:00");
  in.facts.emplace("payment", redress::FactValue(true));
  const auto d = redress::decide(policy(), in);
  REQUIRE(d.clocks.size() == 2);
  CHECK(d.clocks[0].id == "reply-15d");
  CHECK(std::vector<std::string_view>(d.clocks[0].rules.begin(), d.clocks[0].rules.end()) ==
        std::vector<std::string_view>{"every-case", "payments"});
  // 7 working days after Thursday 12 February, across the Spring Festival: Fri 13, the make-up
  // Saturday 14, Tue 24 to Fri 27, and the make-up Saturday 28.
  CHECK(d.clocks[1].id == "accept-7wd");
  CHECK(d.clocks[1].due.to_string() == "2026-02-28T23:59:59+08:00");
  CHECK(d.clocks[0].due.to_string() == "2026-02-27T23:59:59+08:00");
}

TEST_CASE("the SLA resolving after a clock is a warning; within it, none", "[engine][clocks]") {
  // Priority 2 resolves in 20 days: after the 15-day clock.
  const auto late = redress::decide(policy(), incident("2026-11-25T10:00:00+08:00"));
  CHECK(warning_codes(late) == std::vector<std::string>{"sla.after_clock"});
  CHECK(late.warnings.front().message ==
        "the resolution deadline 2026-12-15T10:00:00+08:00 (20d) falls after clock "
        "'reply-15d', due 2026-12-10T23:59:59+08:00 (15 calendar_days): the clock decides");
  auto urgent = incident("2026-11-25T10:00:00+08:00");
  urgent.facts.emplace("payment", redress::FactValue(true));
  urgent.magnitude = redress::Magnitude::major;
  const auto fast = redress::decide(policy(), urgent);
  CHECK(fast.priority == 1);
  CHECK(fast.clocks.size() == 2);
  CHECK(warning_codes(fast).empty());
}

TEST_CASE("a clock may end at the close of business in its own calendar", "[engine][clocks]") {
  const auto d =
      redress::decide(policy(), incident("2026-12-04T16:00:00+08:00", "process.billing"));
  const auto* c = clock(d, "summary-3bd");
  REQUIRE(c != nullptr);
  CHECK(c->calendar == "uk");
  // Friday 08:00 in London; Monday, Tuesday, Wednesday; close of business is 17:00.
  CHECK(c->due.to_string() == "2026-12-09T17:00:00+00:00");
}

TEST_CASE("a clock may run from when the failure occurred", "[engine][clocks]") {
  auto in = incident("2026-11-25T10:00:00+08:00", "core.unavailable");
  auto d = redress::decide(policy(), in);
  REQUIRE(clock(d, "baggage-21d") != nullptr);
  CHECK(clock(d, "baggage-21d")->started.to_string() == "2026-11-25T10:00:00+08:00");
  in.occurred_at = timestamp("2026-11-20T18:00:00+08:00");
  d = redress::decide(policy(), in);
  const auto* c = clock(d, "baggage-21d");
  REQUIRE(c != nullptr);
  CHECK(c->start == redress::ClockStart::occurred);
  CHECK(c->started.to_string() == "2026-11-20T18:00:00+08:00");
  CHECK(c->due.to_string() == "2026-12-11T23:59:59+08:00");
}

TEST_CASE("a policy without clocks decides with none", "[engine][clocks]") {
  const auto plain = compile(R"(
policy: {id: plain, version: "1", currency: CNY}
roles: [{id: agent, authority: unlimited}]
sla: {targets: [{priority: 1, first_response: 1h, resolution: 1d}]}
rules: [{id: r, then: []}]
)");
  CHECK_FALSE(plain->dated);
  const auto d = redress::decide(*plain, incident("2026-11-25T10:00:00+08:00"), {true, ""});
  CHECK(d.clocks.empty());
  CHECK_FALSE(d.in_force.has_value());
  CHECK(redress::io::to_json(d, {false, -1}).find("\"clocks\":[]") != std::string::npos);
  CHECK(redress::io::to_json(d, {false, -1}).find("in_force") == std::string::npos);
}

TEST_CASE("a dated clock no rule attaches leaves decisions undated; attached, it dates them",
          "[engine][clocks][dating]") {
  const std::string head = R"(
policy: {id: offered, version: "1", currency: CNY}
roles: [{id: agent, authority: unlimited}]
clocks:
  - {id: old-law, due: 10 calendar_days, effective: {until: 2020-01-01}}
  - {id: plain, due: 10 calendar_days}
sla: {targets: [{priority: 1, first_response: 1h, resolution: 1d}]}
)";
  const auto offered = compile(head + "rules: [{id: r, then: [{clock: plain}]}]\n");
  CHECK_FALSE(offered->dated);
  auto d = redress::decide(*offered, incident("2026-11-25T10:00:00+08:00"), {});
  CHECK_FALSE(d.in_force.has_value());
  REQUIRE(d.clocks.size() == 1);

  const auto attached = compile(head + "rules: [{id: r, then: [{clock: old-law}]}]\n");
  CHECK(attached->dated);
  d = redress::decide(*attached, incident("2026-11-25T10:00:00+08:00"), {});
  REQUIRE(d.in_force.has_value());
  CHECK(d.clocks.empty());  // repealed before the case
  d = redress::decide(*attached, incident("2019-11-25T10:00:00+08:00"), {});
  REQUIRE(d.clocks.size() == 1);
  CHECK(d.clocks.front().id == "old-law");
}

TEST_CASE("rules, amounts and clocks apply only while in force, by the reported date",
          "[engine][clocks][dating]") {
  for (const bool trace : {false, true}) {
    INFO("trace " << trace);
    auto before = incident("2026-06-30T23:00:00+08:00", "core.unavailable");
    before.magnitude = redress::Magnitude::moderate;
    auto d = redress::decide(policy(), before, {trace, ""});
    REQUIRE(d.in_force.has_value());
    CHECK(redress::format_local_date(d.in_force->date) == "2026-06-30");
    CHECK(d.in_force->basis == redress::InForceBasis::reported);
    CHECK(std::count(d.rules_fired.begin(), d.rules_fired.end(), "old-goodwill") == 1);
    // The old rule's 100 CNY and the old amount (50 CNY) were in force: the larger is kept.
    REQUIRE(d.remedies.size() == 2);
    CHECK(d.remedies[1].amount->to_string() == "100.00 CNY");
    CHECK(clock(d, "new-law") == nullptr);

    auto after = before;
    after.reported_at = timestamp("2026-07-01T00:30:00+08:00");
    d = redress::decide(policy(), after, {trace, ""});
    CHECK(redress::format_local_date(d.in_force->date) == "2026-07-01");
    CHECK(std::count(d.rules_fired.begin(), d.rules_fired.end(), "old-goodwill") == 0);
    REQUIRE(d.remedies.size() == 2);
    CHECK(d.remedies[1].amount->to_string() == "80.00 CNY");
    CHECK(clock(d, "new-law") != nullptr);
    if (trace) {
      const auto entry = std::find_if(d.trace.begin(), d.trace.end(),
                                      [](const auto& t) { return t.rule == "old-goodwill"; });
      REQUIRE(entry != d.trace.end());
      CHECK(entry->outcome == redress::TraceEntry::Outcome::skipped);
      CHECK(entry->note == "not in force on the as-of date: in force until 2026-07-01");
      const auto amounts = std::find_if(d.trace.begin(), d.trace.end(),
                                        [](const auto& t) { return t.rule == "goodwill-amounts"; });
      REQUIRE(amounts != d.trace.end());
      CHECK(amounts->actions ==
            std::vector<std::string>{"remedy cash: not in force on 2026-07-01, not offered",
                                     "remedy cash 80.00 CNY"});
    }
  }
}

TEST_CASE("the as-of date is the reported date in the report's own offset", "[dating]") {
  // 16:30 UTC on 30 June is already 1 July in Shanghai: the offset written decides.
  auto in = incident("2026-06-30T16:30:00Z");
  CHECK(redress::format_local_date(redress::decide(policy(), in).in_force->date) == "2026-06-30");
  in.reported_at = timestamp("2026-07-01T00:30:00+08:00");
  CHECK(redress::format_local_date(redress::decide(policy(), in).in_force->date) == "2026-07-01");
}

TEST_CASE("a policy may decide by when the failure occurred or when the case is decided",
          "[dating]") {
  std::string text = kPolicy;
  const auto occurred = compile(std::string(text).replace(
      text.find("locales: [en, zh]}"), 18, "locales: [en, zh], in_force: occurred}"));
  auto in = incident("2026-07-02T10:00:00+08:00");
  in.magnitude = redress::Magnitude::moderate;
  in.occurred_at = timestamp("2026-06-15T10:00:00+08:00");
  auto d = redress::decide(*occurred, in);
  CHECK(d.in_force->basis == redress::InForceBasis::occurred);
  CHECK(redress::format_local_date(d.in_force->date) == "2026-06-15");
  CHECK(std::count(d.rules_fired.begin(), d.rules_fired.end(), "old-goodwill") == 1);

  const auto decided = compile(std::string(text).replace(text.find("locales: [en, zh]}"), 18,
                                                         "locales: [en, zh], in_force: decided}"));
  try {
    (void)redress::decide(*decided, in);
    FAIL("a decided-as-of policy decided without a decision time");
  } catch (const redress::DecideError& e) {
    CHECK(e.diagnostics().items().front().code == "decide.missing_decision_time");
  }
  // Replaying the case as decided on 20 June gives the answer of then.
  d = redress::decide(*decided, in, {false, "", timestamp("2026-06-20T09:00:00+08:00")});
  CHECK(d.in_force->basis == redress::InForceBasis::decided);
  CHECK(redress::format_local_date(d.in_force->date) == "2026-06-20");
  CHECK(std::count(d.rules_fired.begin(), d.rules_fired.end(), "old-goodwill") == 1);
  d = redress::decide(*decided, in, {false, "", timestamp("2026-08-01T09:00:00+08:00")});
  CHECK(std::count(d.rules_fired.begin(), d.rules_fired.end(), "old-goodwill") == 0);
}

TEST_CASE("the rule index tests a dated rule's dates like a fact", "[engine][index][dating]") {
  const auto& p = policy();
  REQUIRE(p.dated);
  CHECK(p.as_of_slot == p.facts.size());
  const auto rule = std::find_if(p.rules.begin(), p.rules.end(),
                                 [](const redress::RuleInfo& r) { return r.id == "old-goodwill"; });
  const auto& index = *p.index;
  const auto& head = index.rule_heads[static_cast<std::size_t>(rule - p.rules.begin())];
  const auto tests = std::span(index.fact_tests).subspan(head.first_test, head.tests);
  const auto dated =
      std::find_if(tests.begin(), tests.end(),
                   [&](const redress::detail::FactTest& t) { return t.slot == p.as_of_slot; });
  REQUIRE(dated != tests.end());
  std::int32_t until = 0;
  REQUIRE(redress::parse_local_date("2026-07-01", until));
  CHECK(dated->hi == until - 1);
  CHECK(dated->lo == std::numeric_limits<std::int64_t>::min());
  CHECK_FALSE(index.rules_by_category.empty());
}

TEST_CASE("the reference clock library loads, and every clock is dated or undated on purpose",
          "[clocks][library]") {
  const auto dir = redress::test::source_dir() / "rules";
  const auto text = redress::test::read_file(dir / "clocks/reference-clocks.yaml");
  auto loaded = redress::io::load_clock_library(text, "reference-clocks.yaml");
  std::string problems;
  for (const auto& d : loaded.diagnostics.items()) problems += redress::render(d, text);
  INFO(problems);
  REQUIRE(loaded.library.has_value());
  std::vector<std::string> ids;
  for (const auto& c : loaded.library->clocks) ids.push_back(c.id.value);
  for (const auto* id :
       {"cn-cbirc-15d", "cn-samr-12315-7wd", "cn-miit-telecom-15d", "cn-caac-complaint-10wd",
        "cn-caac-refund-7wd", "cn-consumer-refund-7d", "eu-psd2-15bd", "uk-fca-disp-srp-3bd",
        "uk-fca-disp-8w", "uk-fca-disp-ps-15bd", "us-cfpb-15d", "us-rege-10bd", "us-regz-ack-30d",
        "us-regz-resolve-90d", "intl-montreal-baggage-21d"}) {
    CHECK(std::find(ids.begin(), ids.end(), id) != ids.end());
  }
}

TEST_CASE("a policy copied away from rules/ still finds the built-in reference clocks",
          "[clocks][library]") {
  const auto text = redress::test::read_file(redress::test::source_dir() / "rules/bank.yaml");
  // Loaded under a name whose folder holds no clocks/ (as a host's copy, or a policy from text).
  const auto copied = redress::test::compiled_policy(text, "/nonexistent/copies/bank.yaml");
  const auto& clocks = copied->clocks;
  CHECK(std::any_of(clocks.begin(), clocks.end(),
                    [](const redress::ClockInfo& c) { return c.id == "cn-cbirc-15d"; }));
  // Another missing library is still an error.
  const auto missing = redress::load_policy(
      "policy: {id: p, version: \"1\", currency: CNY}\n"
      "roles: [{id: agent, authority: unlimited}]\n"
      "sla: {targets: [{priority: 1, first_response: 1h, resolution: 1d}]}\n"
      "rules: []\ninclude: [clocks/other.yaml]\n",
      "/nonexistent/p.yaml");
  const auto& items = missing.diagnostics.items();
  CHECK(std::any_of(items.begin(), items.end(), [](const redress::Diagnostic& d) {
    return d.code == "policy.include_missing";
  }));
}

TEST_CASE("a policy from text finds its includes in the directory it is given",
          "[clocks][library]") {
  const auto rules = redress::test::source_dir() / "rules";
  // telecom.yaml includes clocks/cn-miit-appeal.yaml, which only rules/ has.
  const auto text = redress::test::read_file(rules / "telecom.yaml");
  const auto beside = redress::load_policy(text, "<request>", rules);
  REQUIRE(beside.policy != nullptr);
  const auto& clocks = beside.policy->clocks;
  CHECK(std::any_of(clocks.begin(), clocks.end(),
                    [](const redress::ClockInfo& c) { return c.id.starts_with("cn-miit"); }));
  // Diagnostics still name the text as given.
  const auto elsewhere = redress::load_policy(text, "<request>", "/nonexistent");
  REQUIRE(elsewhere.policy == nullptr);
  const auto& first = elsewhere.diagnostics.items().front();
  CHECK(first.code == "policy.include_missing");
  CHECK(first.location.file == "<request>");
  CHECK(first.message.find("/nonexistent/clocks/cn-miit-appeal.yaml") != std::string::npos);
}
