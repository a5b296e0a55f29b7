// The public pieces batch commands read and write lines with: IncidentReader must give what
// read_incident() gives, line after line into one Incident, and write_json_line() what to_json()
// writes, in place in a reused buffer.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "redress/engine/decide.hpp"
#include "redress/io/decision_writer.hpp"
#include "redress/io/diagnostics_writer.hpp"
#include "redress/io/incident_reader.hpp"
#include "redress/io/incident_schema.hpp"
#include "redress/io/load_policy.hpp"
#include "support/fixtures.hpp"

namespace r = redress;

namespace {

std::vector<std::string> sample_lines() {
  std::vector<std::string> lines;
  std::istringstream in(
      r::test::read_file(r::test::source_dir() / "tests/data/batch/mixed.jsonl") + "\n" +
      r::test::read_file(r::test::source_dir() / "tests/data/batch/examples.jsonl"));
  for (std::string line; std::getline(in, line);) {
    if (line.find_first_not_of(" \t") != std::string::npos) lines.push_back(line);
  }
  return lines;
}

std::string one_line(const r::Decision& decision, bool trace) {
  r::io::WriteOptions options;
  options.trace = trace;
  options.indent = -1;
  return r::io::to_json(decision, options);
}

}  // namespace

TEST_CASE("a reused IncidentReader reads each line as read_incident() does", "[io]") {
  const auto loaded = r::load_default_policy();
  REQUIRE(loaded.policy);
  const auto schema = r::io::incident_schema(*loaded.policy);
  r::io::IncidentReader reader(schema);
  r::Incident reused;
  r::Diagnostics problems;
  int accepted = 0;
  int refused = 0;
  for (int round = 0; round < 2; ++round) {
    for (const auto& line : sample_lines()) {
      INFO(line.substr(0, 200));
      const auto expected = r::io::read_incident(line, "in.jsonl", schema);
      const bool read = reader.read(line, "in.jsonl", reused, problems);
      REQUIRE(read == expected.incident.has_value());
      if (read) {
        ++accepted;
        // Equal incidents give equal decisions, the trace included.
        const r::DecideOptions trace{true, ""};
        CHECK(one_line(r::decide(*loaded.policy, reused, trace), true) ==
              one_line(r::decide(*loaded.policy, *expected.incident, trace), true));
      } else {
        ++refused;
        CHECK(r::io::to_json(problems) == r::io::to_json(expected.diagnostics));
        CHECK(problems.items().front().location.file == "in.jsonl");
      }
    }
  }
  CHECK(accepted > 10);
  CHECK(refused == 2 * 4);
}

TEST_CASE("write_json_line writes to_json's line in place, after what the buffer holds", "[io]") {
  const auto loaded = r::load_default_policy();
  REQUIRE(loaded.policy);
  const auto schema = r::io::incident_schema(*loaded.policy);
  const auto lines = sample_lines();
  auto read = r::io::read_incident(lines.front(), "", schema);
  REQUIRE(read.incident);
  const auto decision = r::decide(*loaded.policy, *read.incident, r::DecideOptions{true, ""});
  for (bool trace : {false, true}) {
    const std::string expected = one_line(decision, trace);
    // Scratch space beyond the prefix: overwritten, never cleared first.
    std::string buffer = "prefix" + std::string(100000, '#');
    std::size_t end = r::io::write_json_line(buffer, 6, decision, trace);
    CHECK(buffer.substr(0, end) == "prefix" + expected);
    CHECK(buffer.size() == 100006);  // there was room: no growth
    // Too small: it grows.
    buffer = "p";
    end = r::io::write_json_line(buffer, 1, decision, trace);
    CHECK(buffer.substr(0, end) == "p" + expected);
    // Twice in a row.
    end = r::io::write_json_line(buffer, end, decision, trace);
    CHECK(buffer.substr(0, end) == "p" + expected + expected);
  }
}
