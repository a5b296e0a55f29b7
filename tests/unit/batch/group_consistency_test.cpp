// GroupConsistency: members of one incident group with the same shared facts and different
// decisions are found, with the first difference and the customer facts that set them apart;
// a policy that keys its remedies on the failure alone gives nothing to report.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "redress/batch/decide_lines.hpp"
#include "redress/batch/group_consistency.hpp"
#include "redress/engine/decide.hpp"
#include "redress/io/incident_reader.hpp"
#include "redress/io/incident_schema.hpp"
#include "redress/io/load_policy.hpp"
#include "support/fixtures.hpp"

namespace r = redress;
using redress::batch::GroupConsistency;

namespace {

std::shared_ptr<const r::CompiledPolicy> policy_file(std::string_view name) {
  auto loaded = r::load_policy_file(
      (r::test::source_dir() / "tests/data/groups" / std::string(name)).string());
  REQUIRE(loaded.policy);
  return loaded.policy;
}

std::shared_ptr<const r::CompiledPolicy> policy_text(std::string_view text) {
  auto loaded = r::load_policy(text, "policy.yaml");
  REQUIRE(loaded.policy);
  return loaded.policy;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (auto end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// Decides each line with `policy` and adds it, in the order given (line numbers as given).
void add_all(GroupConsistency& groups, const r::CompiledPolicy& policy,
             const std::vector<std::pair<std::uint64_t, std::string>>& lines) {
  const auto schema = r::io::incident_schema(policy);
  for (const auto& [number, line] : lines) {
    const auto read = r::io::read_incident(line, "line", schema);
    REQUIRE(read.incident);
    groups.add(*read.incident, r::decide(policy, *read.incident), number);
  }
}

std::vector<std::pair<std::uint64_t, std::string>> members_file() {
  const auto lines =
      lines_of(r::test::read_file(r::test::source_dir() / "tests/data/groups/members.jsonl"));
  std::vector<std::pair<std::uint64_t, std::string>> out;
  for (std::size_t i = 0; i < lines.size(); ++i) out.emplace_back(i + 1, lines[i]);
  return out;
}

std::string member(std::string_view id, std::string_view rest) {
  std::string line = R"({"id":")";  // appended: see with_head
  line.append(id);
  line.append(R"(","reported_at":"2026-11-25T09:30:00+08:00","category":"core.unavailable",)"
              R"("group":"G","affected_count":100,)");
  line.append(rest);
  line.append("}");
  return line;
}

constexpr std::string_view kHead = R"(
policy: {id: p, version: "1", currency: CNY}
remedies:
  - {id: credit, covers: [outcome], monetary: true, goodwill: true}
roles:
  - {id: agent, authority: 100 CNY, reports_to: lead, entry: true}
  - {id: lead, authority: unlimited}
sla:
  default_priority: 3
  targets: [{priority: 2, first_response: 1h, resolution: 1d}, {priority: 3, first_response: 4h, resolution: 3d}]
)";

// kHead followed by `rules`. Appending, not operator+ on a temporary: GCC 12 at -O2 reports a
// false -Warray-bounds for the latter.
std::string with_head(std::string_view rules) {
  std::string text(kHead);
  text.append(rules);
  return text;
}

}  // namespace

TEST_CASE("a VIP gesture within a group is found, with the customer fact behind it",
          "[batch][groups]") {
  const auto policy = policy_file("outage.yaml");
  GroupConsistency groups(*policy);
  add_all(groups, *policy, members_file());
  CHECK(groups.groups() == 2);
  CHECK(groups.members() == 6);  // S-1 has no group
  const auto found = groups.inconsistencies();
  REQUIRE(found.size() == 1);  // P-3 has another loss, P-4 is decided as P-1, FL-9 alike
  const auto& f = found.front();
  CHECK(f.group == "OUT-7");
  CHECK(f.incident == "P-2");
  CHECK(f.line == 2);
  CHECK(f.reference_incident == "P-1");
  CHECK(f.reference_line == 1);
  CHECK(f.difference.field == "remedies");
  CHECK(f.difference.reference == R"(["apology","service_credit"])");
  CHECK(f.difference.member == R"(["apology","service_credit","vip_voucher"])");
  CHECK(f.customer == std::vector<std::string>{"tier"});  // emotion differs but is not read

  std::string report;
  r::batch::append_group_report(report, found);
  CHECK(report ==
        R"({"group":"OUT-7","incident":"P-2","line":2,"reference":{"incident":"P-1","line":1},)"
        R"("difference":{"field":"remedies","reference":["apology","service_credit"],)"
        R"("member":["apology","service_credit","vip_voucher"]},"customer_facts":["tier"]})"
        "\n");
}

TEST_CASE("the consistent policy pattern leaves nothing to report", "[batch][groups]") {
  const auto policy = policy_file("outage-consistent.yaml");
  GroupConsistency groups(*policy);
  add_all(groups, *policy, members_file());
  CHECK(groups.members() == 6);
  CHECK(groups.inconsistencies().empty());
}

TEST_CASE("the reference is the first member in input order, whatever order they come in",
          "[batch][groups]") {
  const auto policy = policy_file("outage.yaml");
  auto lines = members_file();
  std::reverse(lines.begin(), lines.end());
  GroupConsistency groups(*policy);
  add_all(groups, *policy, lines);
  const auto found = groups.inconsistencies();
  REQUIRE(found.size() == 1);
  CHECK(found.front().reference_incident == "P-1");
  CHECK(found.front().incident == "P-2");
}

TEST_CASE("amounts, priority and owner differences are named in that order", "[batch][groups]") {
  SECTION("an amount from a customer fact") {
    const auto policy = policy_text(with_head(R"(
rules:
  - id: credit-by-intensity
    when: in_group
    then: [{remedy: {id: credit, amount: "10 CNY * intensity"}}]
)"));
    GroupConsistency groups(*policy);
    add_all(groups, *policy,
            {{1, member("A", R"("emotion":{"state":"angry","intensity":2})")},
             {2, member("B", R"("emotion":{"state":"angry","intensity":4})")},
             {3, member("C", R"("emotion":{"state":"calm","intensity":2})")}});
    const auto found = groups.inconsistencies();
    REQUIRE(found.size() == 1);
    CHECK(found[0].incident == "B");
    CHECK(found[0].difference.field == "remedies.credit.amount");
    CHECK(found[0].difference.reference == R"("20.00 CNY")");
    CHECK(found[0].difference.member == R"("40.00 CNY")");
    CHECK(found[0].customer == std::vector<std::string>{"intensity"});
  }
  SECTION("priority, then owner") {
    const auto policy = policy_text(with_head(R"(
rules:
  - id: credit
    when: in_group
    then: [{remedy: {id: credit, amount: "50 CNY"}}]
  - id: repeat-is-urgent
    when: prior_failures > 0
    then: [{set: {priority: "2"}}]
  - id: vip-to-lead
    when: tier >= vip
    then: [{escalate: lead}]
)"));
    GroupConsistency groups(*policy);
    add_all(groups, *policy,
            {{1, member("A", "\"customer\":{\"tier\":\"standard\"}")},
             {2, member("B", "\"history\":{\"prior_failures\":1}")},
             {3, member("C", "\"customer\":{\"tier\":\"vip\"}")}});
    const auto found = groups.inconsistencies();
    REQUIRE(found.size() == 2);
    CHECK(found[0].incident == "B");
    CHECK(found[0].difference.field == "priority");
    CHECK(found[0].difference.reference == "3");
    CHECK(found[0].difference.member == "2");
    CHECK(found[0].customer == std::vector<std::string>{"prior_failures"});
    CHECK(found[1].incident == "C");
    CHECK(found[1].difference.field == "owner");
    CHECK(found[1].difference.reference == R"("agent")");
    CHECK(found[1].difference.member == R"("lead")");
    CHECK(found[1].customer == std::vector<std::string>{"tier"});
  }
}

TEST_CASE("members that differ in a shared fact the rules read are not compared",
          "[batch][groups]") {
  const auto policy = policy_text(with_head(R"(
rules:
  - id: credit-by-loss
    when: in_group
    then: [{remedy: {id: credit, amount: "loss"}}]
)"));
  GroupConsistency groups(*policy);
  add_all(groups, *policy,
          {{1, member("A", R"("loss":"10.00 CNY")")},
           {2, member("B", R"("loss":"30.00 CNY")")},
           {3, member("C", R"("loss":"30.00 CNY","touchpoint":"web")")}});  // not read
  CHECK(groups.inconsistencies().empty());
  CHECK(groups.members() == 3);
}

TEST_CASE("decide_lines hands every decided incident to the group check, on many threads",
          "[batch][groups]") {
  const auto policy = policy_file("outage.yaml");
  std::string input;
  for (int copy = 0; copy < 200; ++copy) {
    for (const auto& [number, line] : members_file()) input += line + "\n";
  }
  GroupConsistency groups(*policy);
  r::batch::DecideLinesOptions options;
  options.on_decided = [&](const r::Incident& incident, const r::Decision& decision,
                           std::uint64_t line) { groups.add(incident, decision, line); };
  r::batch::MapOptions map;
  map.threads = 4;
  map.chunk_lines = 16;
  map.block_lines = 4;
  std::string output;
  const auto result = r::batch::decide_lines(*policy, r::batch::Source::buffer(input),
                                             r::batch::Sink::string(output), options, map);
  REQUIRE(result.ok());
  CHECK(groups.members() == 1200);
  const auto found = groups.inconsistencies();
  // Each copy repeats P-1 (standard), P-2 (VIP) and P-4 (premium) with one loss: against the
  // first P-1, every P-2 differs and every P-1 and P-4 is alike. The P-3 copies (another loss)
  // and the FL-9 members are alike among themselves.
  REQUIRE(found.size() == 200);
  CHECK(found.front().reference_line == 1);
  CHECK(found.front().line == 2);
  CHECK(found.back().line == 7 * 199 + 2);
}
