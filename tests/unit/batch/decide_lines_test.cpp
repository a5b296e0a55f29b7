// decide_lines(): JSON lines in, one decision or error record a line out, in input order. Each
// decision is the one decide() gives for the incident read_incident() reads from that line, and
// each error record names the line, the first error and every diagnostic at that line.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "redress/batch/decide_lines.hpp"
#include "redress/batch/error_record.hpp"
#include "redress/io/decision_writer.hpp"
#include "redress/io/incident_reader.hpp"
#include "redress/io/incident_schema.hpp"
#include "redress/io/load_policy.hpp"
#include "support/fixtures.hpp"

namespace r = redress;
using redress::batch::DecideLinesOptions;
using redress::batch::LineDecider;
using redress::batch::LineOutput;
using redress::batch::MapOptions;
using redress::batch::Sink;
using redress::batch::Source;

namespace {

const std::shared_ptr<const r::CompiledPolicy>& default_policy() {
  static const auto loaded = r::load_default_policy();
  REQUIRE(loaded.policy);
  return loaded.policy;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// decide --json's decision for the incident on `line`, on one line.
std::string reference_decision(const std::string& line, bool trace) {
  const auto& policy = *default_policy();
  auto read = r::io::read_incident(line, "ref", r::io::incident_schema(policy));
  REQUIRE(read.incident);
  r::DecideOptions options;
  options.trace = trace;
  r::io::WriteOptions write;
  write.trace = trace;
  write.indent = -1;
  return r::io::to_json(r::decide(policy, *read.incident, options), write);
}

// The input: the CLI's mixed sample (good, malformed, empty, YAML and escaped lines; a newline is
// added after its last line, which has none), a line that fails in decide(), a CRLF line and a
// last line without its newline. Per line: the incident id decided there, or "error:" and the
// code of its record.
struct Case {
  std::string input;
  std::vector<std::string> expected;
};

Case mixed_case() {
  const auto dir = r::test::source_dir();
  Case c;
  c.input = r::test::read_file(dir / "tests/data/batch/mixed.jsonl");
  const auto decide_error =
      split_lines(r::test::read_file(dir / "tests/cli/batch_decide_error.jsonl"));
  REQUIRE(decide_error.size() == 3);
  c.input += "\n" + decide_error[1] + "\n" + decide_error[0] + "\r\n" + decide_error[2];
  c.expected = {"INC-2026-0101", "error:incident.syntax",        "error:incident.syntax",
                "INC-2026-0109", "error:incident.unknown_value", "error:incident.syntax",
                "ESC-1",         "error:incident.syntax",        "error:incident.unknown_field",
                "INC-2026-0102", "error:decide.overflow",        "OK-1",
                "OK-3"};
  return c;
}

void check_output(const Case& c, const std::string& out, bool trace, const std::string& file) {
  auto in_lines = split_lines(c.input);
  for (auto& line : in_lines) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
  }
  REQUIRE(in_lines.size() == c.expected.size());
  REQUIRE(!out.empty());
  REQUIRE(out.back() == '\n');
  const auto out_lines = split_lines(out);
  REQUIRE(out_lines.size() == c.expected.size());
  for (std::size_t i = 0; i < out_lines.size(); ++i) {
    const auto number = static_cast<int>(i + 1);
    INFO("line " << number << ": " << out_lines[i].substr(0, 300));
    const auto record = nlohmann::json::parse(out_lines[i]);
    const std::string& want = c.expected[i];
    if (want.rfind("error:", 0) == 0) {
      CHECK(record.size() == 3);
      CHECK(record["line"] == number);
      CHECK(record["error"]["code"] == want.substr(6));
      CHECK_FALSE(record["error"]["message"].get<std::string>().empty());
      REQUIRE_FALSE(record["diagnostics"].empty());
      CHECK(record["diagnostics"][0]["code"] == want.substr(6));
      for (const auto& d : record["diagnostics"]) {
        if (d["code"] == "decide.overflow") continue;  // located in the policy
        CHECK(d["line"] == number);
        CHECK(d["file"] == file);
      }
    } else {
      CHECK(record["incident"] == want);
      CHECK(out_lines[i] == reference_decision(in_lines[i], trace));
    }
  }
}

}  // namespace

TEST_CASE("decide_lines gives one decision or error record per line, in order", "[batch]") {
  const Case c = mixed_case();
  std::string first;
  for (unsigned threads : {1U, 3U}) {
    for (std::size_t chunk_lines : {std::size_t{2}, std::size_t{4096}}) {
      INFO("threads " << threads << ", chunks of " << chunk_lines << " lines");
      MapOptions map;
      map.threads = threads;
      map.chunk_lines = chunk_lines;
      map.block_lines = 1;
      DecideLinesOptions options;
      options.file = "in.jsonl";
      std::string out;
      const auto result = r::batch::decide_lines(*default_policy(), Source::buffer(c.input),
                                                 Sink::string(out), options, map);
      REQUIRE(result.ok());
      CHECK(result.lines == 13);
      CHECK(result.failed == 7);
      CHECK(result.succeeded() == 6);
      CHECK(result.bytes == c.input.size());
      check_output(c, out, false, "in.jsonl");
      if (first.empty()) first = out;
      CHECK(out == first);  // whatever the threads and chunks
    }
  }
}

TEST_CASE("decide_lines writes the trace when deciding with one", "[batch]") {
  const Case c = mixed_case();
  DecideLinesOptions options;
  options.decide.trace = true;
  std::string out;
  const auto result = r::batch::decide_lines(*default_policy(), Source::buffer(c.input),
                                             Sink::string(out), options);
  REQUIRE(result.ok());
  check_output(c, out, true, "<input>");
  CHECK(out.find("\"trace\":[{") != std::string::npos);
}

TEST_CASE("LineDecider decides line after line into one output", "[batch]") {
  const auto& policy = *default_policy();
  const auto schema = r::io::incident_schema(policy);
  DecideLinesOptions options;
  options.file = "lines";
  LineDecider decider(policy, schema, options);
  const auto lines =
      split_lines(r::test::read_file(r::test::source_dir() / "tests/cli/batch_decide_error.jsonl"));
  std::string buffer = "before|";
  LineOutput out(buffer, buffer.size());
  CHECK(decider.process(lines[0], 1, out));
  const std::size_t after_first = out.size();
  CHECK(buffer.substr(0, after_first) == "before|" + reference_decision(lines[0], false) + "\n");
  // decide() overflows: the record replaces the decision, nothing of it remains.
  CHECK_FALSE(decider.process(lines[1], 2, out));
  const auto record = nlohmann::json::parse(buffer.substr(after_first, out.size() - after_first));
  CHECK(record["line"] == 2);
  CHECK(record["error"]["code"] == "decide.overflow");
  CHECK_FALSE(decider.process("   \t", 3, out));
  CHECK(decider.process(lines[2], 4, out));
  const auto written = split_lines(buffer.substr(0, out.size()));
  REQUIRE(written.size() == 4);
  CHECK(
      written[2] ==
      R"({"line":3,"error":{"code":"incident.syntax","message":"empty line"},"diagnostics":[{"code":"incident.syntax","severity":"error","file":"lines","line":3,"column":1,"message":"empty line","hint":"write one incident as a JSON object per line"}]})");
  CHECK(written[3] == reference_decision(lines[2], false));
}

TEST_CASE("append_error_record moves the diagnostics onto the input line", "[batch]") {
  r::Diagnostics diagnostics;
  diagnostics.warning("policy.missing_text", {"", 0, 2}, "a warning first", "");
  diagnostics.error("incident.syntax", {"", 0, 4}, "bad \"token\"", "fix it");
  diagnostics.error("incident.unknown_field", {"named.yaml", 1, -1}, "second line", "");
  std::string out = "x";
  r::batch::append_error_record(out, 7, diagnostics, "in.jsonl");
  CHECK(
      out ==
      "x"
      R"({"line":7,"error":{"code":"incident.syntax","message":"bad \"token\""},"diagnostics":[)"
      R"({"code":"policy.missing_text","severity":"warning","file":"in.jsonl","line":7,"column":3,"message":"a warning first","hint":""},)"
      R"({"code":"incident.syntax","severity":"error","file":"in.jsonl","line":7,"column":5,"message":"bad \"token\"","hint":"fix it"},)"
      R"({"code":"incident.unknown_field","severity":"error","file":"named.yaml","line":8,"column":null,"message":"second line","hint":""}]})"
      "\n");

  // No error: the first diagnostic; none at all: a generic code.
  r::Diagnostics warnings;
  warnings.warning("policy.missing_text", {"", 0, 0}, "only a warning", "");
  out.clear();
  r::batch::append_error_record(out, 1, warnings, "f");
  CHECK(out.rfind(R"({"line":1,"error":{"code":"policy.missing_text","message":"only a warning"},)",
                  0) == 0);
  out.clear();
  r::batch::append_error_record(out, 2, r::Diagnostics{}, "f");
  CHECK(out == R"({"line":2,"error":{"code":"incident.invalid","message":""},"diagnostics":[]})"
               "\n");
}

TEST_CASE("the README's batch example decides a body of JSON lines", "[batch][readme]") {
  const auto& policy = default_policy();
  const std::string body = split_lines(r::test::read_file(r::test::source_dir() /
                                                          "tests/data/batch/examples.jsonl"))[0] +
                           "\n\n";
  std::uint64_t reported = 0;

  namespace batch = redress::batch;
  batch::DecideLinesOptions options;
  options.file = "upload.jsonl";  // names the input in error records
  batch::MapOptions map;
  map.threads = 4;  // 0: one per core
  std::string out;
  batch::MapResult result = batch::decide_lines(
      *policy, batch::Source::buffer(body),    // or Source::fd(0), Source::stream(in)
      batch::Sink::string(out), options, map,  // or Sink::fd(1), Sink::stream(os)
      [&](const batch::Progress& p) { reported = p.lines; });

  REQUIRE(result.ok());
  CHECK(result.succeeded() == 1);
  CHECK(result.failed == 1);
  CHECK(reported == 2);
  const auto lines = split_lines(out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == reference_decision(split_lines(body)[0], false));
  CHECK_THAT(lines[1], Catch::Contains(R"("file":"upload.jsonl","line":2,)"));
}
