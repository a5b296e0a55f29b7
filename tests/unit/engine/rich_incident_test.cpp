// The richer incident: a root cause beside the symptom (routing by cause), emotions felt beside
// the dominant one, threatened escalation channels (distinct from filed complaints), and the
// customer's tenure and past purchases, read from documents and tested by rules.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <string_view>

#include "redress/engine/decide.hpp"
#include "redress/io/incident_reader.hpp"
#include "redress/io/incident_schema.hpp"
#include "redress/io/load_policy.hpp"
#include "redress/lint/lint.hpp"

namespace {

constexpr const char* kPolicy = R"(
policy: {id: rich, version: "1", currency: CNY}
taxonomy: {base: standard}
remedies:
  - {id: apology, covers: [interactional]}
  - {id: fix_systems, covers: [procedural]}
  - {id: reassure, covers: [interactional]}
  - {id: loyalty_gesture, covers: [outcome]}
roles:
  - {id: agent, authority: unlimited}
departments:
  - {id: it}
  - {id: compliance}
sla: {targets: [{priority: 3, first_response: 1h, resolution: 1d}]}
rules:
  - id: system-cause
    when: cause in process.system_error
    then: [{involve: it}, {remedy: fix_systems}]
  - id: billing-from-policy
    when: category in process.billing and cause == process.policy
    then: [{involve: compliance}]
  - id: not-from-conduct
    when: cause not in conduct
    then: [{remedy: apology}]
  - id: outcome-failure
    when: failure_type == outcome
    then: [{remedy: loyalty_gesture}]
  - id: process-failure
    when: failure_type == process and not in_group
    then: [{remedy: reassure}]
  - id: pure-process
    when: failure_type != outcome
    then: [{involve: it}]
  - id: both-types
    when: failure_type == outcome and failure_type == process
    then: [{remedy: apology}]
  - id: anxious-too
    when: emotion == anxious or anxious in other_emotions
    then: [{remedy: reassure}]
  - id: threat-of-regulator
    when: regulator in threatened and not external_complaint
    then: [{involve: compliance}]
  - id: loyal-customer
    when: tenure_months >= 36 and past_purchases >= 10
    then: [{remedy: loyalty_gesture}]
)";

std::shared_ptr<const redress::CompiledPolicy> compiled() {
  static const auto policy = redress::load_policy(kPolicy, "rich.yaml").policy;
  REQUIRE(policy != nullptr);
  return policy;
}

std::vector<std::string> fired(std::string_view document) {
  const auto& policy = *compiled();
  const auto read =
      redress::io::read_incident(document, "incident.yaml", redress::io::incident_schema(policy));
  REQUIRE(read.incident);
  const auto decision = redress::decide(policy, *read.incident);
  return {decision.rules_fired.begin(), decision.rules_fired.end()};
}

bool has(const std::vector<std::string>& rules, std::string_view id) {
  return std::find(rules.begin(), rules.end(), id) != rules.end();
}

constexpr std::string_view kHead =
    "id: R-1\nreported_at: \"2026-11-25T09:30:00+08:00\"\ncategory: process.billing\n";

}  // namespace

TEST_CASE("a rule routes by the cause, which defaults to the category", "[engine][incident]") {
  CHECK(has(fired(std::string(kHead) + "cause: process.system_error\n"), "system-cause"));
  CHECK_FALSE(has(fired(kHead), "system-cause"));  // a billing error of no stated cause
  CHECK(has(fired("id: R-2\nreported_at: \"2026-11-25T09:30:00+08:00\"\n"
                  "category: process.system_error\n"),
            "system-cause"));  // the cause is the category itself
}

TEST_CASE("a cause outside the taxonomy is refused where it is written", "[engine][incident]") {
  const auto read =
      redress::io::read_incident(std::string(kHead) + "cause: process.systems\n", "incident.yaml",
                                 redress::io::incident_schema(*compiled()));
  REQUIRE_FALSE(read.incident);
  const auto& d = read.diagnostics.items().front();
  CHECK(d.code == "incident.unknown_value");
  CHECK(d.location.line == 3);  // 0-based: line 4, column 8 as printed
  CHECK(d.location.column == 7);
  CHECK(d.message == "category 'process.systems' is not in the policy's taxonomy");
}

TEST_CASE("rules test every cause, and the index keeps a rule that a secondary cause fires",
          "[engine][incident][index]") {
  // A billing error caused by a system error and by the firm's policy: the rules of both
  // causes fire, whichever is the primary one.
  const auto both = fired(std::string(kHead) + "cause: [process.system_error, process.policy]\n");
  CHECK(has(both, "system-cause"));
  CHECK(has(both, "billing-from-policy"));  // indexed by its category, fired by cause #2
  const auto swapped =
      fired(std::string(kHead) + "cause: [process.policy, process.system_error]\n");
  CHECK(has(swapped, "system-cause"));
  CHECK(has(swapped, "billing-from-policy"));
  // 'not in' holds only when no cause is in the family.
  CHECK(has(both, "not-from-conduct"));
  CHECK_FALSE(has(fired(std::string(kHead) + "cause: [process.policy, conduct.rude]\n"),
                  "not-from-conduct"));
  CHECK_FALSE(has(fired(std::string(kHead) + "cause: [process.policy]\n"), "system-cause"));
  // A trace shows every cause, the primary first, as the fact's value.
  const auto& policy = *compiled();
  const auto read = redress::io::read_incident(
      std::string(kHead) + "cause: [process.policy, process.system_error]\n", "incident.yaml",
      redress::io::incident_schema(policy));
  REQUIRE(read.incident);
  CHECK(read.incident->causes ==
        std::vector<std::string>{"process.policy", "process.system_error"});
  redress::DecideOptions options;
  options.trace = true;
  const auto traced = redress::decide(policy, *read.incident, options);
  bool shown = false;
  for (const auto& entry : traced.trace) {
    if (entry.rule != "system-cause") continue;
    REQUIRE(entry.read.size() == 1);
    CHECK(entry.read[0].name == "cause");
    CHECK(entry.read[0].value ==
          redress::FactValue(redress::SymbolSet{{"process.policy", "process.system_error"}}));
    shown = true;
  }
  CHECK(shown);
}

TEST_CASE("a failure of both types passes the tests of each", "[engine][incident]") {
  const auto both = fired(std::string(kHead) + "failure_type: [outcome, process]\n");
  CHECK(has(both, "outcome-failure"));
  CHECK(has(both, "process-failure"));
  CHECK_FALSE(has(both, "pure-process"));  // != is the negation of ==
  CHECK(has(both, "both-types"));
  const auto outcome = fired(std::string(kHead) + "failure_type: outcome\n");
  CHECK(has(outcome, "outcome-failure"));
  CHECK_FALSE(has(outcome, "process-failure"));
  CHECK_FALSE(has(outcome, "both-types"));
  // The default is the category's declared type: outcome for a billing error.
  const auto declared = fired(kHead);
  CHECK(has(declared, "outcome-failure"));
  CHECK_FALSE(has(declared, "process-failure"));
  CHECK_FALSE(has(declared, "pure-process"));
  // The decision's classification names the primary type.
  const auto& policy = *compiled();
  const auto read =
      redress::io::read_incident(std::string(kHead) + "failure_type: [process, outcome]\n",
                                 "incident.yaml", redress::io::incident_schema(policy));
  REQUIRE(read.incident);
  CHECK(redress::decide(policy, *read.incident).classification.failure_type ==
        redress::FailureType::process);
}

TEST_CASE("causes and failure types refused with where and why", "[engine][incident][io]") {
  struct Case {
    std::string line;
    std::string code;
    int column;  // 0-based, on the document's line 4
    std::string message;
  };
  const Case cases[] = {
      {"cause: [process.policy, process.policy]\n", "incident.duplicate_value", 24,
       "cause lists 'process.policy' twice"},
      {"cause: [core, process, conduct, request]\n", "incident.too_many_values", 32,
       "cause lists more than 3 values"},
      {"cause: [process.policy, process.systems]\n", "incident.unknown_value", 24,
       "category 'process.systems' is not in the policy's taxonomy"},
      {"cause: [process.policy, 7]\n", "incident.wrong_type", 24,
       "each entry of cause must be a category, found an integer"},
      {"cause: {id: process.policy}\n", "incident.wrong_type", 7,
       "cause must be a category or a list of up to 3 categories, found a map"},
      {"failure_type: [outcome, outcome]\n", "incident.duplicate_value", 24,
       "failure_type lists 'outcome' twice"},
      {"failure_type: [outcome, process, outcome]\n", "incident.too_many_values", 33,
       "failure_type lists more than 2 values"},
      {"failure_type: [outcome, both]\n", "incident.unknown_value", 24,
       "each entry of failure_type must be one of outcome, process; found 'both'"},
      {"failure_type: 2\n", "incident.wrong_type", 14,
       "failure_type must be one of outcome, process, or a list of them, found an integer"},
  };
  for (const auto& c : cases) {
    INFO(c.line);
    const auto read = redress::io::read_incident(std::string(kHead) + c.line, "incident.yaml",
                                                 redress::io::incident_schema(*compiled()));
    REQUIRE_FALSE(read.incident);
    REQUIRE(read.diagnostics.size() == 1);
    const auto& d = read.diagnostics.items().front();
    CHECK(d.code == c.code);
    CHECK(d.location.line == 3);
    CHECK(d.location.column == c.column);
    CHECK(d.message == c.message);
  }
  // The engine checks incidents built in code alike.
  redress::Incident built;
  built.id = "B-1";
  built.category = "process.billing";
  built.causes = {"core", "process", "conduct", "request"};
  try {
    (void)redress::decide(*compiled(), built);
    FAIL("decided an incident of 4 causes");
  } catch (const redress::DecideError& e) {
    CHECK(e.diagnostics().items().front().code == "incident.too_many_values");
    CHECK(e.diagnostics().items().front().message == "cause lists 4 values; at most 3 are allowed");
  }
  built.causes = {"core"};
  built.failure_types = {redress::FailureType::process, redress::FailureType::process};
  try {
    (void)redress::decide(*compiled(), built);
    FAIL("decided an incident of the same failure type twice");
  } catch (const redress::DecideError& e) {
    CHECK(e.diagnostics().items().front().code == "incident.duplicate_value");
    CHECK(e.diagnostics().items().front().message == "failure_type lists 'process' twice");
  }
}

TEST_CASE("an emotion felt beside the dominant one is a fact of its own", "[engine][incident]") {
  CHECK(
      has(fired(std::string(kHead) + "emotion: {state: angry, also: [anxious]}\n"), "anxious-too"));
  CHECK(has(fired(std::string(kHead) + "emotion: anxious\n"), "anxious-too"));
  CHECK_FALSE(has(fired(std::string(kHead) + "emotion: {state: angry, also: [confused]}\n"),
                  "anxious-too"));
}

TEST_CASE("a threatened channel is not a filed complaint", "[engine][incident]") {
  CHECK(has(fired(std::string(kHead) + "threatened: [social_media, regulator]\n"),
            "threat-of-regulator"));
  CHECK_FALSE(has(
      fired(std::string(kHead) + "threatened: [regulator]\nhistory: {external_complaint: true}\n"),
      "threat-of-regulator"));
  CHECK_FALSE(has(fired(std::string(kHead) + "threatened: [review]\n"), "threat-of-regulator"));
}

TEST_CASE("tenure and past purchases are customer facts", "[engine][incident]") {
  CHECK(has(fired(std::string(kHead) + "customer: {tenure_months: 40, past_purchases: 12}\n"),
            "loyal-customer"));
  CHECK_FALSE(has(fired(std::string(kHead) + "customer: {tenure_months: 40, past_purchases: 9}\n"),
                  "loyal-customer"));
  const auto read =
      redress::io::read_incident(std::string(kHead) + "customer: {tenure_months: -1}\n",
                                 "incident.yaml", redress::io::incident_schema(*compiled()));
  REQUIRE_FALSE(read.incident);
  CHECK(read.diagnostics.items().front().code == "incident.out_of_range");
}

TEST_CASE("the linter knows the new facts' domains", "[lint][incident]") {
  // Among them `failure_type == outcome and failure_type == process` (rule both-types), which
  // a failure of both types satisfies.
  const auto findings = redress::lint(*compiled());
  for (const auto& d : findings.items()) {
    INFO(d.code << ": " << d.message);
    CHECK(d.code != "lint.never_fires");
  }
}
