// The clock lint checks: an SLA that resolves a case after a clock its rule attaches falls due
// (lint.sla_after_clock, with the worst-case start it found), and a policy's own clock that no
// rule attaches (lint.unused_clock); neither for a library's clocks nor for a safe SLA.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "support/policies.hpp"

namespace {

/// A policy whose priority 2 resolves in `p2` (priority 1 in 1 day) and that attaches clock
/// `reply-15d` (15 calendar days in calendar cn, with the Spring Festival as holidays) to every
/// case, and `accept-7wd` to safety-critical ones, which are priority 1; `more` is appended to
/// the clocks.
std::string policy_text(const std::string& p2, const std::string& more = "") {
  return R"(policy: {id: lint-clocks, version: "1", currency: CNY}
remedies: [{id: apology, covers: [interactional]}]
roles: [{id: agent, authority: unlimited}]
calendars:
  - id: cn
    utc_offset: "+08:00"
    holidays: [2026-02-16, 2026-02-17, 2026-02-18, 2026-02-19, 2026-02-20]
    makeup_days: [2026-02-14, 2026-02-28]
clocks:
  - {id: reply-15d, due: 15 calendar_days, calendar: cn}
  - {id: accept-7wd, due: 7 working_days, calendar: cn}
)" + more +
         R"(sla:
  calendar: cn
  default_priority: 2
  targets:
    - {priority: 1, first_response: 1h, resolution: 1d}
    - {priority: 2, first_response: 4h, resolution: )" +
         p2 + R"(}
rules:
  - id: every-case
    then: [{remedy: apology}, {clock: reply-15d}]
  - id: urgent
    when: safety_critical
    then: [{clock: accept-7wd}]
  - group: priority
    hit: first
    rules:
      - {id: p1-safety, when: safety_critical, then: [{set: {priority: "1"}}]}
)";
}

std::vector<redress::Diagnostic> findings(const std::string& text, const std::string& code) {
  return redress::test::lint_findings(text, "lint-clocks.yaml", code);
}

}  // namespace

TEST_CASE("lint.sla_after_clock: a resolution target later than an attached clock",
          "[lint][clocks]") {
  // 20 calendar days resolve after 15: every case gets reply-15d at priority 2.
  const auto found = findings(policy_text("20d"), "lint.sla_after_clock");
  REQUIRE(found.size() == 1);
  const auto& d = found.front();
  CHECK(d.severity == redress::Severity::warning);
  CHECK(d.location.line + 1 == 20);  // the `clock: reply-15d` action of rule every-case
  CHECK(d.location.column + 1 == 32);
  CHECK_THAT(d.message, Catch::StartsWith("rule 'every-case' attaches clock 'reply-15d' (15 "
                                          "calendar_days), but a priority 2 case resolves by "
                                          "its SLA (20d) after the clock"));
  CHECK_FALSE(d.hint.empty());
}

TEST_CASE("lint.sla_after_clock: working days across a holiday, found at the worst start",
          "[lint][clocks]") {
  // 10 days never exceed 15 calendar days; 16 business days (Monday to Friday, skipping the
  // Spring Festival) always do.
  CHECK(findings(policy_text("10d"), "lint.sla_after_clock").empty());
  const auto found = findings(policy_text("16 business_days"), "lint.sla_after_clock");
  REQUIRE(found.size() == 1);
  CHECK_THAT(found.front().message, Catch::Contains("clock 'reply-15d'"));
  CHECK_THAT(found.front().message, Catch::Contains("reported "));
}

TEST_CASE("lint.sla_after_clock: only the priorities a rule's cases can have", "[lint][clocks]") {
  // Rule 'urgent' attaches accept-7wd to safety-critical cases, which a `first` group of
  // constants makes priority 1 (1 day, within 7 working days): a slow priority 2 does not
  // matter to it. Without the group (the rule setting priority itself), priority 2 is a
  // candidate too, and the finding names it.
  const auto text = policy_text("20d");
  const auto found = findings(text, "lint.sla_after_clock");
  REQUIRE(found.size() == 1);
  CHECK_THAT(found.front().message, Catch::Contains("clock 'reply-15d'"));

  auto own_setter = text;
  const std::string group = R"(  - group: priority
    hit: first
    rules:
      - {id: p1-safety, when: safety_critical, then: [{set: {priority: "1"}}]}
)";
  own_setter.erase(own_setter.find(group), group.size());
  const std::string attach = "then: [{clock: accept-7wd}]";
  own_setter.replace(own_setter.find(attach), attach.size(),
                     R"(then: [{set: {priority: "1"}}, {clock: accept-7wd}])");
  const auto both = findings(own_setter, "lint.sla_after_clock");
  REQUIRE(both.size() == 2);
  CHECK_THAT(both[1].message, Catch::Contains("clock 'accept-7wd'"));
  CHECK_THAT(both[1].message, Catch::Contains("a priority 2 case"));
}

TEST_CASE("lint.unused_clock: a policy's own clock no rule attaches", "[lint][clocks]") {
  const auto found = findings(policy_text("10d", "  - {id: spare-30d, due: 30 calendar_days}\n"),
                              "lint.unused_clock");
  REQUIRE(found.size() == 1);
  CHECK(found.front().severity == redress::Severity::info);
  CHECK(found.front().message == "clock 'spare-30d' is declared but no rule attaches it");
  CHECK(found.front().location.line + 1 == 12);
  CHECK(findings(policy_text("10d"), "lint.unused_clock").empty());
}
