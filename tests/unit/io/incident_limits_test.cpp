// The limits of incident reading (rules/README.md, "Limits"): size, depth, the values of a YAML
// document, the number of errors, and the width of what messages quote. Each is refused with a
// located diagnostic, and work stays bounded: an unknown field is walked, never built.
#include <catch2/catch.hpp>

#include <string>

#include "redress/io/incident_reader.hpp"

namespace r = redress;
using redress::io::IncidentSchema;
using redress::io::read_incident;

namespace {

IncidentSchema schema() {
  IncidentSchema s;
  REQUIRE(r::Currency::parse("CNY", s.currency));
  s.categories = {"core", "core.slow"};
  s.host_facts = {{"extras", r::io::HostFactInfo::Kind::set, {"wifi", "parking"}}};
  return s;
}

constexpr std::string_view kHeadJson =
    R"({"id": "A", "reported_at": "2026-11-25T09:30:00+08:00", "category": "core.slow", )";
constexpr std::string_view kHeadYaml =
    "id: A\nreported_at: \"2026-11-25T09:30:00+08:00\"\ncategory: core.slow\n";

r::Diagnostic only_error(const r::io::IncidentResult& result) {
  CHECK_FALSE(result.incident);
  REQUIRE(result.diagnostics.size() == 1);
  return result.diagnostics.items()[0];
}

}  // namespace

TEST_CASE("an incident over the size limit is refused before it is parsed", "[io][limits]") {
  const auto s = schema();
  std::string text = std::string(kHeadJson) + "\"touchpoint\": \"x\"}";
  text.resize(r::io::kMaxIncidentBytes + 1, ' ');  // valid JSON, one byte too long
  const auto d = only_error(read_incident(text, "big.json", s));
  CHECK(d.code == "incident.too_large");
  CHECK(d.message == "the incident is 16777217 bytes, more than the limit of 16777216");
  CHECK(d.location == r::SourceLocation{"big.json", 0, 0});
  text.resize(r::io::kMaxIncidentBytes);
  CHECK(read_incident(text, "big.json", s).incident);
  // A reader can be given a lower limit.
  r::io::IncidentReader reader(s, 100);
  const auto small = only_error(reader.read(text.substr(0, 101), "small.json"));
  CHECK(small.message == "the incident is 101 bytes, more than the limit of 100");
}

TEST_CASE("nesting deeper than the limit is refused where it goes past", "[io][limits]") {
  const auto s = schema();
  const auto nested = [](int levels) {
    return std::string(static_cast<std::size_t>(levels), '[') +
           std::string(static_cast<std::size_t>(levels), ']');
  };
  // The root is level 1: 31 lists under it are the limit, in JSON and in YAML.
  auto result = read_incident(std::string(kHeadJson) + "\"notes\": " + nested(31) + "}", "a", s);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics.items()[0].code == "incident.unknown_field");
  result = read_incident(std::string(kHeadYaml) + "notes: " + nested(31) + "\n", "a", s);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics.items()[0].code == "incident.unknown_field");

  const std::string json = std::string(kHeadJson) + "\"facts\": {\"extras\": " + nested(40) + "}}";
  auto d = only_error(read_incident(json, "deep.json", s));
  CHECK(d.code == "incident.too_deep");
  CHECK(d.message == "the incident nests maps and lists deeper than 32 levels");
  // The root, facts and extras are three levels: the 30th list inside extras is the 33rd.
  CHECK(d.location.column ==
        static_cast<std::int32_t>(kHeadJson.size() +
                                  std::string_view("\"facts\": {\"extras\": ").size() + 30));
  d = only_error(
      read_incident(std::string(kHeadYaml) + "motives:\n  - " + nested(50) + "\n", "deep.yaml", s));
  CHECK(d.code == "incident.too_deep");
  CHECK(d.location == r::SourceLocation{"deep.yaml", 4, 4 + 30});
}

TEST_CASE("a YAML incident holds a bounded number of values", "[io][limits]") {
  std::string text(kHeadYaml);
  text += "notes: [";
  for (std::size_t i = 0; i < r::io::kMaxYamlIncidentValues; ++i) text += "1,";
  text += "1]\n";
  const auto d = only_error(read_incident(text, "many.yaml", schema()));
  CHECK(d.code == "incident.too_large");
  CHECK(d.message == "the incident holds more than 100000 values");
  CHECK(d.location.line == 3);
}

TEST_CASE("an unknown field holding millions of values is reported, not built", "[io][limits]") {
  // A million objects on one line (yaml-cpp built 9.5 GB of nodes for six million of them):
  // the JSON reader walks them, checking their syntax and depth, and builds nothing.
  std::string text(kHeadJson);
  text += "\"junk\": [";
  std::string block;
  for (int i = 0; i < 1000; ++i) block += "{\"a\":1},";
  for (int i = 0; i < 1000; ++i) text += block;
  text.back() = ']';
  text += ", \"magnitude\": \"huge\"}";
  REQUIRE(text.size() > 8'000'000);
  const auto result = read_incident(text, "junk.json", schema());
  CHECK_FALSE(result.incident);
  REQUIRE(result.diagnostics.size() == 2);
  const auto& unknown = result.diagnostics.items()[0];
  CHECK(unknown.code == "incident.unknown_field");
  CHECK(unknown.message == "unknown field 'junk'");
  CHECK(unknown.location ==
        r::SourceLocation{"junk.json", 0, static_cast<std::int32_t>(kHeadJson.size())});
  const auto& value = result.diagnostics.items()[1];
  CHECK(value.code == "incident.unknown_value");
  CHECK(value.location.column == static_cast<std::int32_t>(text.size() - 7));
  // The diagnostic shows the part of the 8 MB line around its column, not the line.
  const auto rendered = r::render(value, text);
  CHECK(rendered.size() < 500);
  CHECK_THAT(rendered, Catch::Contains(" | ..."));
  CHECK_THAT(rendered, Catch::Contains("{\"a\":1}], \"magnitude\": \"huge\"}\n"));
}

TEST_CASE("values quoted in messages are cut to a sane width", "[io][limits]") {
  const auto s = schema();
  const std::string long_text(100'000, 'x');
  auto d = only_error(read_incident(std::string(kHeadJson) + "\"" + long_text + "\": 1}", "a", s));
  CHECK(d.code == "incident.unknown_field");
  CHECK(d.message == "unknown field '" + std::string(60, 'x') + "...'");
  d = only_error(
      read_incident(std::string(kHeadJson) + "\"magnitude\": \"" + long_text + "\"}", "a", s));
  CHECK(d.code == "incident.unknown_value");
  CHECK(d.message.size() < 200);
  CHECK_THAT(d.message, Catch::EndsWith(std::string(60, 'x') + "...'"));
  d = only_error(
      read_incident(std::string(kHeadYaml) + "customer: {tier: " + long_text + "}\n", "a", s));
  CHECK(d.message.size() < 200);
  // A cut never splits a UTF-8 character: after "a", byte 60 is inside the 20th character.
  std::string key = "a";
  for (int i = 0; i < 30; ++i) key += "\xE6\x9C\x8D";  // 服
  d = only_error(read_incident(std::string(kHeadJson) + "\"" + key + "\": 1}", "a", s));
  CHECK(d.message == "unknown field '" + key.substr(0, 58) + "...'");
}

TEST_CASE("reading stops at the hundredth error", "[io][limits]") {
  std::string text(kHeadJson);
  text += "\"motives\": [";
  for (int i = 0; i < 1000; ++i) text += "\"spite\",";
  text += "\"spite\"]}";
  const auto result = read_incident(text, "a", schema());
  CHECK_FALSE(result.incident);
  CHECK(result.diagnostics.size() == r::io::kMaxIncidentErrors);
  CHECK(result.diagnostics.items().back().code == "incident.unknown_value");
}
