// PolicyStore: reloads swap whole policies atomically, failed reloads change nothing, and
// deciding threads only ever see a whole, valid policy.
#include <catch2/catch.hpp>

#include <atomic>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <redress/engine/policy_store.hpp>
#include <redress/io/diagnostics_writer.hpp>
#include <redress/redress.hpp>

#include "support/fixtures.hpp"

namespace {

using redress::test::replaced;

// Two good versions of the default policy that differ in the priority-4 resolution target, and
// a bad one: deciding a minor incident shows which version made the decision.
struct Versions {
  std::string v1, v2, bad;
};

Versions versions() {
  const auto v1 = redress::test::read_file(redress::test::source_dir() / "rules/default.yaml");
  auto v2 = replaced(v1, "version: \"1.0.0\"", "version: \"2.0.0\"");
  v2 = replaced(v2, "resolution: 3 business_days", "resolution: 5 business_days");
  auto bad = replaced(v2, "version: \"2.0.0\"", "version: \"3.0.0\"");
  bad = replaced(bad, "then: [{set: {priority: \"1\"}}]", "then: [{set: {priority: \"1 +\"}}]");
  return {v1, v2, bad};
}

/// A name beside the shipped policies, so that their includes resolve.
std::string beside_shipped(const char* name) {
  return (redress::test::source_dir() / "rules" / name).string();
}

redress::Incident minor_incident() {
  redress::Incident incident;
  incident.id = "S-1";
  std::string error;
  REQUIRE(redress::Timestamp::parse("2026-11-25T09:30:00+08:00", incident.reported_at, error));
  incident.category = "core.unavailable";
  return incident;
}

}  // namespace

TEST_CASE("PolicyStore: a good reload is applied, a bad one keeps the old policy",
          "[engine][store]") {
  const auto texts = versions();
  redress::PolicyStore store(redress::load_policy(texts.v1, beside_shipped("v1.yaml")).policy);
  const auto before = store.current();
  CHECK(before->identity.version == "1.0.0");

  const auto good = store.reload(redress::load_policy(texts.v2, beside_shipped("v2.yaml")));
  CHECK(good.applied);
  CHECK_FALSE(good.diagnostics.has_errors());
  CHECK(good.current.version == "2.0.0");
  CHECK(store.current()->identity.version == "2.0.0");
  CHECK(before->identity.version == "1.0.0");  // a held policy is never changed by a reload

  const auto bad = store.reload(redress::load_policy(texts.bad, beside_shipped("bad.yaml")));
  CHECK_FALSE(bad.applied);
  REQUIRE(bad.diagnostics.has_errors());
  CHECK(bad.diagnostics.items().front().code == "expr.syntax");
  CHECK(bad.diagnostics.items().front().location.file == beside_shipped("bad.yaml"));
  CHECK(bad.current.version == "2.0.0");
  CHECK(store.current()->identity.version == "2.0.0");

  const auto missing = store.reload(redress::load_policy_file("/no/such/policy.yaml"));
  CHECK_FALSE(missing.applied);
  CHECK(missing.diagnostics.items().front().code == "policy.io");
  CHECK(store.current()->identity.hash == good.current.hash);
}

TEST_CASE("PolicyStore: null is refused, and a refused policy changes nothing", "[engine][store]") {
  redress::PolicyStore store(redress::load_default_policy().policy);
  CHECK(store.current()->identity.id == "default");
  CHECK_THROWS_AS(redress::PolicyStore(nullptr), std::invalid_argument);
  CHECK_THROWS_AS(store.replace(nullptr), std::invalid_argument);
  CHECK(store.current()->identity.id == "default");
}

TEST_CASE("PolicyStore: threads decide while another reloads good and bad policies",
          "[engine][store][concurrency]") {
  const auto texts = versions();
  const auto v1 = redress::load_policy(texts.v1, beside_shipped("v1.yaml")).policy;
  const auto v2 = redress::load_policy(texts.v2, beside_shipped("v2.yaml")).policy;
  REQUIRE(v1);
  REQUIRE(v2);
  redress::PolicyStore store(v1);
  const auto incident = minor_incident();

  std::atomic<bool> stop{false};
  std::atomic<int> decisions{0}, wrong{0}, v2_seen{0};
  auto decider = [&] {
    while (!stop.load()) {
      const auto policy = store.current();
      const auto decision = redress::decide(*policy, incident);
      // Each decision must be whole: the version it names and the target it used agree.
      const auto& version = decision.policy.version;
      const auto target = decision.deadlines.resolution_target.to_string();
      const bool consistent = (version == "1.0.0" && decision.policy.hash == v1->identity.hash &&
                               target == "3 business_days") ||
                              (version == "2.0.0" && decision.policy.hash == v2->identity.hash &&
                               target == "5 business_days");
      if (!consistent) ++wrong;
      if (version == "2.0.0") ++v2_seen;
      ++decisions;
    }
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i) threads.emplace_back(decider);

  int applied = 0, refused = 0;
  for (int round = 0; round < 6; ++round) {
    const bool to_v2 = round % 2 == 0;
    const auto good = store.reload(
        redress::load_policy(to_v2 ? texts.v2 : texts.v1, beside_shipped("good.yaml")));
    applied += good.applied ? 1 : 0;
    const auto bad = store.reload(redress::load_policy(texts.bad, beside_shipped("bad.yaml")));
    refused += bad.applied ? 0 : 1;
    // A failed reload leaves the version the good one installed.
    CHECK(bad.current.version == (to_v2 ? "2.0.0" : "1.0.0"));
    // Swapping precompiled policies is cheap: many swaps while the deciders run.
    for (int i = 0; i < 50; ++i) store.replace(i % 2 == 0 ? v1 : v2);
  }
  stop = true;
  for (auto& t : threads) t.join();

  CHECK(applied == 6);
  CHECK(refused == 6);
  CHECK(wrong.load() == 0);
  CHECK(decisions.load() > 0);
  CHECK(v2_seen.load() > 0);
}

TEST_CASE("PolicyStore: the README's hot reload snippet keeps the old policy on a bad file",
          "[engine][store][readme]") {
  const auto policy_path = redress::test::source_dir() / "tests/data/bad/rule_cycle.yaml";
  const auto incident = minor_incident();
  std::ostringstream log;
  // clang-format off
  // From README.md, "Hot reload and audit records" (checked verbatim by readme.snippets):
redress::PolicyStore store(redress::load_default_policy().policy);
auto result = store.reload(redress::load_policy_file(policy_path));
if (!result.applied) log << redress::io::to_json(result.diagnostics) << "\n";
auto decision = redress::decide(*store.current(), incident);
  // End of the README snippet.
  // clang-format on
  CHECK_FALSE(result.applied);
  CHECK_THAT(log.str(), Catch::Contains("\"code\":\"graph.rule_cycle\""));
  CHECK(decision.policy.id == "default");
  CHECK(result.current.id == "default");
}
