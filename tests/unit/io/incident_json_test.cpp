// JSON incidents are read as JSON (RFC 8259), by the same table and checks as YAML ones: the
// same codes and messages, at the JSON text's own lines and columns.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "redress/io/incident_reader.hpp"

namespace r = redress;
using redress::io::IncidentSchema;
using redress::io::read_incident;

namespace {

IncidentSchema schema() {
  IncidentSchema s;
  REQUIRE(r::Currency::parse("CNY", s.currency));
  s.categories = {"core", "core.slow", "core.unavailable"};
  s.host_facts = {{"late", r::io::HostFactInfo::Kind::boolean, {}}};
  return s;
}

r::io::IncidentResult read(std::string_view text) {
  return read_incident(text, "incident.json", schema());
}

// "code@line:column message" of each diagnostic (1-based, as printed).
std::vector<std::string> found(const r::io::IncidentResult& result) {
  std::vector<std::string> out;
  for (const auto& d : result.diagnostics.items()) {
    out.push_back(d.code + "@" + std::to_string(d.location.line + 1) + ":" +
                  std::to_string(d.location.column + 1) + " " + d.message);
  }
  return out;
}

constexpr std::string_view kHead =
    R"("id": "A", "reported_at": "2026-11-25T09:30:00+08:00", "category": "core.slow")";

std::string with_head(std::string_view rest) {
  return "{" + std::string(kHead) + ", " + std::string(rest) + "}";
}

}  // namespace

TEST_CASE("JSON whitespace is JSON's: CR between tokens, a newline before a colon",
          "[io][incident][json]") {
  auto result = read(
      "{\"id\":\r\"A\",\"reported_at\":\"2026-11-25T09:30:00+08:00\","
      "\"category\":\"core.slow\"}");
  REQUIRE(result.incident);
  CHECK(result.incident->id == "A");
  result = read(
      "{\"id\"\n:\"B\",\"reported_at\"\t:\r\n\"2026-11-25T09:30:00+08:00\",\n"
      "\"category\" : \"core.slow\"}");
  REQUIRE(result.incident);
  CHECK(result.incident->id == "B");
}

TEST_CASE("JSON escapes are JSON's", "[io][incident][json]") {
  const auto result = read(R"({"id": "A\u0031\ud83d\ude00\/\"\t", "reported_at": )"
                           R"("2026-11-25T09:30:00+08:00", "category": "core\u002eslow"})");
  REQUIRE(result.incident);
  CHECK(result.incident->id == "A1\xF0\x9F\x98\x80/\"\t");
  CHECK(result.incident->category == "core.slow");
  // A key is its text once its escapes are undone.
  const auto escaped_key = read(R"({"\u0069d": "B", "reported_at": "2026-11-25T09:30:00+08:00",)"
                                R"( "categ\u006fry": "core.slow"})");
  REQUIRE(escaped_key.incident);
  CHECK(escaped_key.incident->id == "B");
  // A control character must be escaped; a lone surrogate is no character.
  for (const std::string& bad : {std::string("{\"id\": \"A\x01\"}"), std::string("{\"i\x01\": 1}"),
                                 std::string(R"({"id": "\ud83d"})")}) {
    INFO(bad);
    const auto refused = read(bad);
    REQUIRE(refused.diagnostics.size() == 1);
    CHECK(refused.diagnostics.items()[0].code == "incident.syntax");
  }
}

TEST_CASE("a JSON incident gets the YAML reader's diagnostics, at JSON positions",
          "[io][incident][json]") {
  const auto result = read(R"({"id": "INC-9",
 "reported_at": "yesterday",
 "magnitude": "huge",
 "emotion": {"state": "angry", "intensity": 9},
 "customer": {"tier": "vip", "chanel": "phone"},
 "loss": "5 USD",
 "affected_count": 99999999999999999999,
 "safety_critical": 1.5,
 "id_": 42,
 "facts": {"late": "yes", "early": true}
})");
  CHECK_FALSE(result.incident);
  CHECK(found(result) ==
        std::vector<std::string>{
            "incident.unknown_field@9:2 unknown field 'id_'",
            "incident.bad_timestamp@2:17 reported_at 'yesterday' is not a valid timestamp: "
            "expected YYYY-MM-DDTHH:MM:SS followed by Z or an offset such as +08:00",
            "incident.missing_field@1:1 missing required field 'category'",
            "incident.unknown_value@3:15 magnitude must be one of minor, moderate, major, "
            "critical; found 'huge'",
            "incident.currency_mismatch@6:10 loss is in USD but the policy uses CNY",
            "incident.wrong_type@8:21 safety_critical must be true or false, found a number",
            "incident.out_of_range@7:20 affected_count is too large for a 64-bit integer: "
            "99999999999999999999",
            "incident.out_of_range@4:45 emotion.intensity must be between 1 and 5, found 9",
            "incident.unknown_field@5:30 unknown field 'chanel' in customer",
            "incident.wrong_type@10:20 facts.late must be true or false, found a string",
            "incident.unknown_field@10:27 unknown fact 'early': the policy does not declare it",
        });
}

TEST_CASE("a JSON incident is one JSON value: what follows it is a syntax error",
          "[io][incident][json]") {
  auto result = read("{" + std::string(kHead) + "} {}");
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics.items()[0].code == "incident.syntax");
  CHECK(result.diagnostics.items()[0].message ==
        "the incident is not valid JSON: unexpected '{'; expected end of input");
  // The syntax of a value nobody reads is checked too, and it is the one error reported.
  result = read(with_head(R"("notes": {"a": [1, 2,]}, "magnitude": "huge")"));
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics.items()[0].code == "incident.syntax");
  CHECK(result.diagnostics.items()[0].location.column ==
        static_cast<std::int32_t>(with_head(R"("notes": {"a": [1, 2,)").size() - 1));
}

TEST_CASE("a JSON key given twice is refused, in a group and among the facts",
          "[io][incident][json]") {
  const auto result = read(with_head(R"("history": {"reopen_count": 1, "reopen_count": 2}, )"
                                     R"("facts": {"late": true, "late": false})"));
  CHECK(found(result) ==
        std::vector<std::string>{
            "incident.duplicate_field@1:113 field 'reopen_count' is given twice in history",
            "incident.duplicate_field@1:157 field 'late' is given twice in facts",
        });
}
