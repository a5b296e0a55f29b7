#include <catch2/catch.hpp>

#include <string>

#include "redress/io/incident_reader.hpp"
#include "support/incident_schemas.hpp"

using redress::Diagnostic;
using redress::FactValue;
using redress::Money;
using redress::io::HostFactInfo;
using redress::io::IncidentResult;
using redress::io::IncidentSchema;
using redress::io::read_incident;
namespace r = redress;

namespace Catch {
template <>
struct StringMaker<redress::SourceLocation> {
  static std::string convert(const redress::SourceLocation& l) {
    return l.file + ":" + std::to_string(l.line) + ":" + std::to_string(l.column);
  }
};
}  // namespace Catch

namespace {

r::Currency cny() {
  r::Currency c;
  REQUIRE(r::Currency::parse("CNY", c));
  return c;
}

IncidentResult read(std::string_view text) {
  return read_incident(text, "incident.yaml", r::test::hotel_incident_schema());
}

// Reads a document that must have exactly one problem, and returns it.
Diagnostic only_error(std::string_view text) {
  const auto result = read(text);
  CHECK_FALSE(result.incident);
  REQUIRE(result.diagnostics.size() == 1);
  return result.diagnostics.items().front();
}

// The three required fields, to prepend to documents that test something else.
constexpr std::string_view kHead =
    "id: INC-1\nreported_at: 2026-11-25T09:30:00+08:00\ncategory: core.unavailable\n";

std::string with_head(std::string_view rest) { return std::string(kHead) + std::string(rest); }

}  // namespace

TEST_CASE("read_incident reads every field of a YAML incident", "[incident]") {
  const auto result = read(R"(id: "INC-1"
reported_at: "2026-11-25T09:30:00+08:00"
category: core.unavailable
failure_type: process
magnitude: moderate
loss: "800.00 CNY"
locus: third_party
stability: recurring
controllability: uncontrollable
safety_critical: true
affected_count: 12
touchpoint: hotel.check_in
occurred_at: "2026-11-20T18:00:00+08:00"
jurisdiction: CN
sector: banking
emotion: {state: angry, intensity: 4}
motives: [venting, respect]
deficits: [interactional, outcome, outcome]
customer: {tier: vip, channel: social}
history: {prior_failures: 1, last_failure_days_ago: 30, last_failure_same_category: true,
          last_recovery_outcome: unsatisfied, open_complaints: 2, reopen_count: 3,
          compensation_given: "200 CNY", external_complaint: true}
facts:
  room_rate: 1200 CNY
  member_number: "M-123"
  late: true
  nights: 3
  room_type: suite
  amenities: [wifi, breakfast, wifi]
)");
  REQUIRE(result.diagnostics.empty());
  REQUIRE(result.incident);
  // The whole incident, so that a field the reader forgets cannot pass unnoticed.
  r::Incident expected;
  expected.id = "INC-1";
  expected.reported_at = r::Timestamp{1795570200, 480};
  expected.category = "core.unavailable";
  expected.failure_types = {r::FailureType::process};
  expected.magnitude = r::Magnitude::moderate;
  expected.loss = Money(80000, cny());
  expected.locus = r::Locus::third_party;
  expected.stability = r::Stability::recurring;
  expected.controllability = r::Controllability::uncontrollable;
  expected.safety_critical = true;
  expected.affected_count = 12;
  expected.touchpoint = "hotel.check_in";
  expected.occurred_at = r::Timestamp{1795168800, 480};  // 2026-11-20T18:00:00+08:00
  expected.jurisdiction = "CN";
  expected.sector = "banking";
  expected.emotion = r::Emotion::angry;
  expected.intensity = 4;
  expected.motives = {r::Motive::respect, r::Motive::venting};  // sorted, as a set
  expected.deficits = {r::Justice::outcome, r::Justice::interactional};
  expected.tier = r::Tier::vip;
  expected.channel = r::Channel::social;
  expected.history = {.prior_failures = 1,
                      .last_failure_days_ago = 30,
                      .last_failure_same_category = true,
                      .last_recovery_outcome = r::RecoveryOutcome::unsatisfied,
                      .open_complaints = 2,
                      .reopen_count = 3,
                      .compensation_given = Money(20000, cny()),
                      .external_complaint = true};
  expected.facts = {{"room_rate", FactValue(Money(120000, cny()))},
                    {"member_number", FactValue(r::Symbol{"M-123"})},
                    {"late", FactValue(true)},
                    {"nights", FactValue(std::int64_t{3})},
                    {"room_type", FactValue(r::Symbol{"suite"})},
                    {"amenities", FactValue(r::SymbolSet{{"breakfast", "wifi"}})}};
  CHECK(*result.incident == expected);
}

TEST_CASE("read_incident reads JSON, with defaults for absent and null fields", "[incident]") {
  const auto result = read(R"({
  "id": "INC-2",
  "reported_at": "2026-11-25T01:30:00Z",
  "category": "process.billing",
  "failure_type": null,
  "loss": {"minor": 80000, "currency": "CNY"},
  "emotion": "anxious",
  "facts": {"late": false, "nights": null}
})");
  REQUIRE(result.diagnostics.empty());
  REQUIRE(result.incident);
  // Every field not given (or null) keeps the default of a fresh Incident.
  r::Incident expected;
  expected.id = "INC-2";
  expected.reported_at = r::Timestamp{1795570200, 0};
  expected.category = "process.billing";
  expected.loss = Money(80000, cny());
  expected.emotion = r::Emotion::anxious;
  expected.facts = {{"late", FactValue(false)}};
  CHECK(*result.incident == expected);
  CHECK(result.incident->failure_types.empty());
  CHECK(result.incident->intensity == 1);
}

TEST_CASE("read_incident reports syntax errors at the parser's mark", "[incident]") {
  // A document starting with '{' is JSON: the error is the bare word where a value must be.
  auto d = only_error("{\"id\": \"INC-1\",\n  \"category\": [core}\n");
  CHECK(d.code == "incident.syntax");
  CHECK(d.location == r::SourceLocation{"incident.yaml", 1, 15});
  CHECK(d.message == "the incident is not valid JSON: invalid literal");
  // Any other document is YAML: there the mark is the '}' that closes a flow sequence.
  d = only_error("id: INC-1\ncategory: [core}\n");
  CHECK(d.code == "incident.syntax");
  CHECK(d.location == r::SourceLocation{"incident.yaml", 1, 15});
  CHECK(d.message == "the incident is not valid YAML: illegal flow end");
}

TEST_CASE("read_incident refuses nesting past 32 levels where it goes past", "[incident]") {
  const auto nested = [](std::size_t levels) {
    return with_head("extra: " + std::string(levels, '[') + std::string(levels, ']') + "\n");
  };
  // The top-level map is level 1: 31 lists are the limit, an unknown field then the only error.
  CHECK(only_error(nested(31)).code == "incident.unknown_field");
  const auto d = only_error(nested(32));
  CHECK(d.code == "incident.too_deep");
  CHECK(d.location == r::SourceLocation{"incident.yaml", 3, 7 + 31});
  CHECK(d.message == "the incident nests maps and lists deeper than 32 levels");
  // Far past yaml-cpp's own guard ("bad file" at the end of the line), in JSON as well.
  const auto json = only_error("{\"id\": \"INC-1\", \"extra\": " + std::string(100'000, '[') +
                               std::string(100'000, ']') + "}");
  CHECK(json.code == "incident.too_deep");
  CHECK(json.location == r::SourceLocation{"incident.yaml", 0, 25 + 31});
}

TEST_CASE("read_incident reports each missing required field", "[incident]") {
  const auto result = read("id: INC-1\ncategory: \"\"\n");
  CHECK_FALSE(result.incident);
  REQUIRE(result.diagnostics.size() == 2);
  const auto& items = result.diagnostics.items();
  CHECK(items[0].code == "incident.missing_field");
  CHECK(items[0].message == "missing required field 'reported_at'");
  CHECK(items[0].hint == "add e.g. reported_at: \"2026-11-25T09:30:00+08:00\"");
  CHECK(items[0].location == r::SourceLocation{"incident.yaml", 0, 0});
  CHECK(items[1].code == "incident.missing_field");
  CHECK(items[1].message == "missing required field 'category'");
  CHECK(items[1].hint == "add e.g. category: core.unavailable");
  CHECK(items[1].location == r::SourceLocation{"incident.yaml", 1, 10});
}

TEST_CASE("read_incident needs a state in an emotion map", "[incident]") {
  const auto d = only_error(with_head("emotion: {intensity: 3}\n"));
  CHECK(d.code == "incident.missing_field");
  CHECK(d.message == "missing required field 'state' in emotion");
  CHECK(d.hint == "add e.g. state: angry");
  CHECK(d.location == r::SourceLocation{"incident.yaml", 3, 9});
}

TEST_CASE("read_incident suggests the closest known field", "[incident]") {
  auto d = only_error(with_head("magnitud: major\n"));
  CHECK(d.code == "incident.unknown_field");
  CHECK(d.message == "unknown field 'magnitud'");
  CHECK(d.hint == "did you mean 'magnitude'?");
  CHECK(d.location == r::SourceLocation{"incident.yaml", 3, 0});

  d = only_error(with_head("customer:\n  teir: vip\n"));
  CHECK(d.code == "incident.unknown_field");
  CHECK(d.message == "unknown field 'teir' in customer");
  CHECK(d.hint == "did you mean 'tier'?");
  CHECK(d.location == r::SourceLocation{"incident.yaml", 4, 2});

  d = only_error(with_head("customer: {segment: vip}\n"));
  CHECK(d.hint == "the fields are: tier, channel, tenure_months, past_purchases");
  CHECK(d.location == r::SourceLocation{"incident.yaml", 3, 11});
}

TEST_CASE("read_incident lists the allowed values of an enum", "[incident]") {
  auto d = only_error(with_head("emotion: {state: furious, intensity: 3}\n"));
  CHECK(d.code == "incident.unknown_value");
  CHECK(d.message ==
        "emotion.state must be one of calm, angry, anxious, confused, humorous, aggrieved; "
        "found 'furious'");
  CHECK(d.location == r::SourceLocation{"incident.yaml", 3, 17});

  d = only_error(with_head("customer: {tier: vipp}\n"));
  CHECK(d.message ==
        "customer.tier must be one of basic, standard, premium, vip, strategic; "
        "found 'vipp'");
  CHECK(d.hint == "did you mean 'vip'?");

  d = only_error(with_head("deficits:\n  - outcome\n  - fairness\n"));
  CHECK(d.code == "incident.unknown_value");
  CHECK(d.message ==
        "each entry of deficits must be one of outcome, procedural, interactional; found "
        "'fairness'");
  CHECK(d.location == r::SourceLocation{"incident.yaml", 5, 4});
}

TEST_CASE("read_incident reports values of the wrong kind", "[incident]") {
  auto d = only_error(with_head("emotion: {state: angry, intensity: \"4\"}\n"));
  CHECK(d.code == "incident.wrong_type");
  CHECK(d.message == "emotion.intensity must be an integer, found a string");
  CHECK(d.location == r::SourceLocation{"incident.yaml", 3, 35});

  d = only_error(with_head("safety_critical: yes\n"));
  CHECK(d.message == "safety_critical must be true or false, found a string");

  d = only_error(with_head("deficits: outcome\n"));
  CHECK(d.message == "deficits must be a list, found a string");
  CHECK(d.hint == "write e.g. deficits: [outcome]");

  d = only_error(with_head("history: [1, 2]\n"));
  CHECK(d.message == "history must be a map, found a list");

  d = only_error("id: 42\nreported_at: 2026-11-25T09:30:00Z\ncategory: core\n");
  CHECK(d.code == "incident.wrong_type");
  CHECK(d.message == "id must be a string, found an integer");
  CHECK(d.hint == "quote it: \"42\"");
  CHECK(d.location == r::SourceLocation{"incident.yaml", 0, 4});

  d = only_error(with_head("affected_count: 2.5\n"));
  CHECK(d.message == "affected_count must be an integer, found a number");
}

TEST_CASE("read_incident reports a document that is not a map", "[incident]") {
  auto d = only_error("[1, 2]");
  CHECK(d.code == "incident.wrong_type");
  CHECK(d.message == "an incident must be a map of fields, found a list");
  CHECK(d.location == r::SourceLocation{"incident.yaml", 0, 0});
  d = only_error("");
  CHECK(d.code == "incident.wrong_type");
  CHECK(d.message == "the incident document is empty");
}

TEST_CASE("read_incident checks timestamps", "[incident]") {
  const auto d = only_error("id: INC-1\nreported_at: 2026-02-30T09:30:00+08:00\ncategory: core\n");
  CHECK(d.code == "incident.bad_timestamp");
  CHECK(d.message ==
        "reported_at '2026-02-30T09:30:00+08:00' is not a valid timestamp: day 30 does not "
        "exist in 2026-02");
  CHECK(d.location == r::SourceLocation{"incident.yaml", 1, 13});

  const auto occurred = only_error(with_head("occurred_at: yesterday\n"));
  CHECK(occurred.code == "incident.bad_timestamp");
  CHECK_THAT(occurred.message,
             Catch::StartsWith("occurred_at 'yesterday' is not a valid timestamp"));
  CHECK(occurred.location == r::SourceLocation{"incident.yaml", 3, 13});
  const auto sector = only_error(with_head("sector: [banking]\n"));
  CHECK(sector.code == "incident.wrong_type");
  CHECK(sector.location == r::SourceLocation{"incident.yaml", 3, 8});
}

TEST_CASE("read_incident checks money and its currency", "[incident]") {
  auto d = only_error(with_head("loss: 12.345 CNY\n"));
  CHECK(d.code == "incident.bad_money");
  CHECK(d.message == "loss: CNY has 3 decimal places; at most 2 are allowed");
  CHECK(d.location == r::SourceLocation{"incident.yaml", 3, 6});

  d = only_error(with_head("loss: {minor: 100, currency: cny}\n"));
  CHECK(d.code == "incident.bad_money");
  CHECK(d.location == r::SourceLocation{"incident.yaml", 3, 29});

  d = only_error(with_head("loss: {minor: 100}\n"));
  CHECK(d.code == "incident.missing_field");
  CHECK(d.message == "loss has no 'currency'");

  d = only_error(with_head("loss: 800\n"));
  CHECK(d.code == "incident.wrong_type");
  CHECK_THAT(d.message, Catch::StartsWith("loss must be money such as \"800.00 CNY\""));

  d = only_error(with_head("loss: \"10 USD\"\n"));
  CHECK(d.code == "incident.currency_mismatch");
  CHECK(d.message == "loss is in USD but the policy uses CNY");
  CHECK(d.location == r::SourceLocation{"incident.yaml", 3, 6});

  d = only_error(with_head("history:\n  compensation_given: {minor: 5, currency: EUR}\n"));
  CHECK(d.code == "incident.currency_mismatch");
  CHECK(d.message == "history.compensation_given is in EUR but the policy uses CNY");
  CHECK(d.location == r::SourceLocation{"incident.yaml", 4, 22});
}

TEST_CASE("read_incident checks ranges", "[incident]") {
  auto d = only_error(with_head("emotion: {state: angry, intensity: 7}\n"));
  CHECK(d.code == "incident.out_of_range");
  CHECK(d.message == "emotion.intensity must be between 1 and 5, found 7");
  CHECK(d.location == r::SourceLocation{"incident.yaml", 3, 35});

  d = only_error(with_head("history: {open_complaints: -1}\n"));
  CHECK(d.code == "incident.out_of_range");
  CHECK(d.message == "history.open_complaints cannot be negative, found -1");

  d = only_error(with_head("affected_count: 99999999999999999999\n"));
  CHECK(d.code == "incident.out_of_range");
}

TEST_CASE("read_incident checks host facts against their declarations", "[incident]") {
  auto d = only_error(with_head("facts: {room_rte: 100 CNY}\n"));
  CHECK(d.code == "incident.unknown_field");
  CHECK(d.message == "unknown fact 'room_rte': the policy does not declare it");
  CHECK(d.hint == "did you mean 'room_rate'?");
  CHECK(d.location == r::SourceLocation{"incident.yaml", 3, 8});

  d = only_error(with_head("facts: {floor: 3}\n"));
  CHECK(d.hint ==
        "the policy declares: room_rate, member_number, late, nights, room_type, "
        "amenities");

  d = only_error(with_head("facts: {room_type: penthouse}\n"));
  CHECK(d.code == "incident.unknown_value");
  CHECK(d.message == "facts.room_type must be one of standard, deluxe, suite; found 'penthouse'");

  d = only_error(with_head("facts: {amenities: [wifi, spa]}\n"));
  CHECK(d.code == "incident.unknown_value");
  CHECK(d.location == r::SourceLocation{"incident.yaml", 3, 26});

  d = only_error(with_head("facts: {nights: three}\n"));
  CHECK(d.message == "facts.nights must be an integer, found a string");

  d = only_error(with_head("facts: {room_rate: 100 USD}\n"));
  CHECK(d.code == "incident.currency_mismatch");
  CHECK(d.message == "facts.room_rate is in USD but the policy uses CNY");

  const auto none = read_incident(with_head("facts: {late: true}\n"), "i.yaml", IncidentSchema{});
  REQUIRE(none.diagnostics.size() == 1);
  CHECK(none.diagnostics.items()[0].hint == "the policy declares no host facts");
}

TEST_CASE("read_incident collects every error in one pass", "[incident]") {
  const auto result = read(R"(id: INC-9
reported_at: yesterday
magnitude: huge
emotion: {state: angry, intensity: 9}
customer: {tier: vip, chanel: phone}
loss: 5 USD
)");
  CHECK_FALSE(result.incident);
  auto diags = result.diagnostics;
  diags.sort();
  std::vector<std::string> codes;
  for (const auto& d : diags.items()) {
    codes.push_back(d.code + "@" + std::to_string(d.location.line) + ":" +
                    std::to_string(d.location.column));
  }
  CHECK(codes ==
        std::vector<std::string>{"incident.missing_field@0:0", "incident.bad_timestamp@1:13",
                                 "incident.unknown_value@2:11", "incident.out_of_range@3:35",
                                 "incident.unknown_field@4:22", "incident.currency_mismatch@5:6"});
}
