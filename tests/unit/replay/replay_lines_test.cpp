// replay_lines(): the same case lines and summary as the golden files whatever the threads and
// chunking, the side of a one-sided error, and the summary's figures.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "redress/io/load_policy.hpp"
#include "redress/replay/replay_lines.hpp"

namespace r = redress;
namespace replay = redress::replay;
using redress::batch::MapOptions;
using redress::batch::Sink;
using redress::batch::Source;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string data(const std::string& name) {
  return std::string(REDRESS_SOURCE_DIR) + "/tests/data/" + name;
}

std::shared_ptr<const r::CompiledPolicy> load(const std::string& path) {
  const auto loaded = r::load_policy(read_file(path), path);
  REQUIRE(loaded.policy);
  return loaded.policy;
}

}  // namespace

TEST_CASE("replay_lines: the golden lines and summary on any number of threads", "[replay]") {
  const auto baseline = r::load_default_policy().policy;
  const auto candidate = load(data("replay/candidate.yaml"));
  const std::string cases = read_file(data("replay/cases.jsonl"));
  replay::ReplayOptions options;
  options.file = "cases.jsonl";
  options.top = 3;
  for (unsigned threads : {1U, 2U, 3U}) {
    MapOptions map;
    map.threads = threads;
    map.chunk_lines = 2;  // many chunks and blocks: order and summary must not depend on them
    map.block_lines = 1;
    std::string out;
    const auto result = replay::replay_lines(*baseline, *candidate, Source::buffer(cases),
                                             Sink::string(out), options, map);
    REQUIRE(result.run.ok());
    CHECK(result.run.lines == 13);
    CHECK(result.run.failed == 2);
    CHECK(out == read_file(data("replay/expected.jsonl")));
    CHECK(replay::to_json(result.summary) == read_file(data("replay/expected-summary.json")));
  }
}

TEST_CASE("replay_lines: summary figures", "[replay]") {
  const auto baseline = r::load_default_policy().policy;
  const auto candidate = load(data("replay/candidate.yaml"));
  std::string out;
  replay::ReplayOptions options;
  options.top = 1;
  const auto result = replay::replay_lines(*baseline, *candidate,
                                           Source::buffer(read_file(data("replay/cases.jsonl"))),
                                           Sink::string(out), options);
  const auto& s = result.summary;
  CHECK(s.cases == 13);
  CHECK(s.changed == 5);
  CHECK(s.unchanged == 6);
  CHECK(s.errors == 2);
  REQUIRE(s.totals.size() == 1);
  CHECK(s.totals[0].currency == "CNY");
  // compensate-moderate pays 60 % instead of 50 % of INC-2026-0101's 1,600 CNY: +160 CNY.
  CHECK(s.totals[0].goodwill_after - s.totals[0].goodwill_before == 16000);
  CHECK(s.totals[0].restitution_after == s.totals[0].restitution_before);
  REQUIRE(s.top.size() == 1);
  CHECK(s.top[0].incident == "INC-2026-0101");
  CHECK(s.top[0].delta() == 16000);
  // The angry customer at intensity 4 no longer goes to the team lead.
  const auto owner = [&s](const std::string& id) {
    for (const auto& o : s.owners) {
      if (o.name == id) return o;
    }
    FAIL("no owner " << id);
    return replay::OwnerCount{};
  };
  CHECK(owner("team_lead").before == 2);
  CHECK(owner("team_lead").after == 1);
  CHECK(owner("team_lead").level == 1);
  CHECK(owner("frontline").after - owner("frontline").before == 1);
  REQUIRE(s.rules.size() == 2);
  CHECK(s.rules[0].name == "angry-intense-senior-voice");
  CHECK(s.rules[0].delta() == -2);
  CHECK(s.rules[1].name == "humorous-match-tone");
  CHECK(s.rules[1].delta() == -1);
}

TEST_CASE("replay_lines: an incident only one policy refuses names its side", "[replay]") {
  const auto baseline = r::load_default_policy().policy;
  // The R1 policy requires host facts the default policy's incidents do not carry.
  const auto candidate = load(std::string(REDRESS_SOURCE_DIR) + "/bench/policies/r1.yaml");
  const std::string line =
      R"({"id":"X","reported_at":"2026-11-25T09:30:00+08:00","category":"core.slow"})";
  std::string out;
  const auto result =
      replay::replay_lines(*baseline, *candidate, Source::buffer(line), Sink::string(out));
  CHECK(result.run.failed == 1);
  CHECK(result.summary.errors == 1);
  const auto record = nlohmann::json::parse(out);
  CHECK(record["line"] == 1);
  CHECK(record["side"] == "candidate");
  CHECK(out.rfind(R"({"line":1,"side":"candidate","error":)", 0) == 0);
}
