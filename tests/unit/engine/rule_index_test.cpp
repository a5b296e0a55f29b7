// The rule index (src/compile/rule_index.cpp) against deciding without it: fact tests read off
// conditions, buckets sorted by a lower bound, and, on generated policies and incidents, the
// same decisions as a copy of the policy with the index stripped.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "compile/rule_index.hpp"
#include "redress/engine/decide.hpp"
#include "support/policies.hpp"

namespace {

constexpr const char* kHeader = R"(
policy: {id: idx, version: "1", currency: CNY}
taxonomy:
  base: none
  add:
    - {id: a, type: outcome}
    - {id: a.x}
    - {id: a.y}
    - {id: b, type: process}
    - {id: b.z}
facts:
  - {id: sev, type: int, default: 0}
  - {id: band, type: enum, values: [t0, t1, t2, t3], default: t0}
  - {id: vip, type: bool, default: false}
  - {id: hot, type: bool, derived: true, default: false}
roles:
  - {id: desk, authority: unlimited, entry: true}
sla:
  default_priority: 1
  targets: [{priority: 1, first_response: 1h, resolution: 1d}]
)";

std::shared_ptr<const redress::CompiledPolicy> compile(const std::string& text) {
  return redress::test::compiled_policy(text, "idx.yaml");
}

/// The same policy without its index: every rule admitted everywhere, no fact tests, every
/// condition run.
std::shared_ptr<const redress::CompiledPolicy> without_index(const redress::CompiledPolicy& p) {
  auto plain = std::make_shared<redress::CompiledPolicy>(p);
  auto index = std::make_shared<redress::detail::RuleIndex>(*p.index);
  const auto n = plain->rules.size();
  index->rules_by_category.clear();
  index->category_guard.assign(n, {0, static_cast<std::int32_t>(plain->categories.size())});
  for (auto& head : index->rule_heads) {
    head.tests = 0;
    head.tests_decide = 0;
  }
  plain->index = index;
  return plain;
}

/// A random condition of one to three conjuncts, mixing shapes the index reads (category,
/// bounds, enum equality and membership, flags) with shapes it must leave to the condition.
std::string random_condition(std::mt19937& rng) {
  const std::vector<std::string> categories = {"a", "a.x", "a.y", "b", "b.z"};
  const std::vector<std::string> deficits = {"outcome", "procedural", "interactional"};
  const auto pick = [&rng](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const auto conjunct = [&]() -> std::string {
    switch (pick(18)) {
      case 0:
        return fmt::format("category in {}", categories[pick(5)]);
      case 1:
        return fmt::format("category == {}", categories[pick(5)]);
      case 2:
        return fmt::format("category in [{}, {}]", categories[pick(5)], categories[pick(5)]);
      case 3:
        return fmt::format("sev >= {}", pick(6));
      case 4:
        return fmt::format("sev > {}", pick(6));
      case 5:
        return fmt::format("sev < {}", pick(6));
      case 6:
        return fmt::format("{} <= sev", pick(6));
      case 7:
        return fmt::format("sev == {}", pick(6));
      case 8:
        return fmt::format("sev != {}", pick(6));
      case 9:
        return fmt::format("loss >= {} CNY", pick(200));
      case 10:
        return fmt::format("loss < {} CNY", pick(200));
      case 11:
        return fmt::format("band == t{}", pick(4));
      case 12:
        return fmt::format("band in [t{}, t{}]", pick(4), pick(4));
      case 13:
        return pick(2) ? "vip" : "not vip";
      case 16:
        return fmt::format("{} in deficits", deficits[pick(3)]);
      case 17:
        return "category in [a.x, a.y]";
      case 14:
        return "hot";
      default:
        return fmt::format("(sev >= {} or vip)", pick(6));
    }
  };
  std::string out = conjunct();
  for (int i = pick(3); i > 0; --i) out += " and " + conjunct();
  return out;
}

std::string random_policy(std::mt19937& rng, int rules) {
  std::string text = kHeader;
  text += "remedies:\n";
  for (int k = 0; k < rules; ++k) text += fmt::format("  - {{id: r{}}}\n", k);
  text += "rules:\n";
  text += "  - {id: heat, when: \"sev >= 4\", then: [{set: {hot: \"true\"}}]}\n";
  // Some rules are dated: the index tests their dates like a fact, the walk over every rule
  // checks them itself.
  const std::vector<std::string> dates = {"",
                                          "",
                                          "",
                                          ", effective: {from: 2026-06-01}",
                                          ", effective: {until: 2026-06-01}",
                                          ", effective: {from: 2026-03-01, until: 2026-09-01}"};
  for (int k = 0; k < rules; ++k) {
    text += fmt::format("  - {{id: k{}, when: \"{}\", then: [{{remedy: r{}}}]{}}}\n", k,
                        random_condition(rng), k, dates[rng() % dates.size()]);
  }
  text += "  - group: one\n    hit: first\n    rules:\n";
  for (int k = 0; k < 6; ++k) {
    text += fmt::format("      - {{id: g{}, when: \"{}\", then: [{{remedy: r{}}}]}}\n", k,
                        random_condition(rng), k);
  }
  return text;
}

redress::Incident random_incident(std::mt19937& rng) {
  const std::vector<std::string> categories = {"a", "a.x", "a.y", "b", "b.z"};
  redress::Incident in;
  in.id = "i";
  std::string error;
  REQUIRE(redress::Timestamp::parse("2026-01-01T09:30:00+08:00", in.reported_at, error));
  in.reported_at.utc_seconds += static_cast<std::int64_t>(rng() % 365) * 86400;
  in.category = categories[rng() % 5];
  redress::Currency cny;
  redress::Currency::parse("CNY", cny);
  in.loss = redress::Money(static_cast<std::int64_t>(rng() % 25000), cny);
  in.facts.emplace("sev", redress::FactValue(static_cast<std::int64_t>(rng() % 7) - 1));
  in.facts.emplace("band", redress::FactValue(redress::Symbol{fmt::format("t{}", rng() % 4)}));
  in.facts.emplace("vip", redress::FactValue(rng() % 2 == 0));
  for (auto j :
       {redress::Justice::outcome, redress::Justice::procedural, redress::Justice::interactional}) {
    if (rng() % 3 == 0) in.deficits.push_back(j);
  }
  return in;
}

}  // namespace

TEST_CASE("the index reads fact tests off a condition's conjuncts", "[engine][index]") {
  const auto policy = compile(std::string(kHeader) + R"(
remedies: [{id: r}]
rules:
  - {id: bounds, when: "category in a and sev >= 3 and 100 CNY > loss and band in [t1, t3] and not vip", then: [{remedy: r}]}
  - {id: residual, when: "sev != 2 and band == t2", then: [{remedy: r}]}
  - {id: derived, when: "hot and sev > 1", then: [{remedy: r}]}
  - {id: listed, when: "category in [a.x, b]", then: [{remedy: r}]}
  - {id: siblings, when: "category in [a.y, a.x] and procedural in deficits", then: [{remedy: r}]}
)");
  const auto& p = *policy;
  const auto tests = [&p](std::uint32_t rule) {
    const auto& head = p.index->rule_heads[rule];
    const auto first = p.index->fact_tests.begin() + head.first_test;
    return std::vector<redress::detail::FactTest>(first, first + head.tests);
  };
  const auto sev = *p.fact_slot("sev");
  const auto band = *p.fact_slot("band");
  const auto loss = *p.fact_slot("loss");
  const auto vip = *p.fact_slot("vip");

  const auto bounds = tests(0);
  REQUIRE(bounds.size() == 4);
  CHECK((bounds[0].slot == sev && bounds[0].lo == 3));
  CHECK((bounds[1].slot == loss && bounds[1].hi == 9999));  // 100 CNY > loss: loss <= 99.99
  CHECK((bounds[2].slot == band && bounds[2].kind == redress::detail::FactTest::Kind::mask &&
         bounds[2].mask == 0b1010));
  CHECK((bounds[3].slot == vip && bounds[3].lo == 0 && bounds[3].hi == 0));
  CHECK(p.index->rule_heads[0].tests_decide == 1);
  CHECK(p.index->category_guard[0] == std::pair<std::int32_t, std::int32_t>{0, 3});

  CHECK(tests(1).size() == 1);  // band == t2; `!=` stays in the condition
  CHECK(p.index->rule_heads[1].tests_decide == 0);
  CHECK(tests(2).size() == 1);  // sev > 1; `hot` is derived: rules change it
  CHECK(tests(2)[0].lo == 2);
  CHECK(p.index->rule_heads[2].tests_decide == 0);
  CHECK(p.index->rule_heads[3].tests_decide == 0);  // a list of categories guards by its hull only
  CHECK(p.index->category_guard[4] == std::pair<std::int32_t, std::int32_t>{1, 3});  // a.x, a.y
  CHECK(p.index->rule_heads[4].tests_decide == 1);  // siblings side by side: the hull is exact
  const auto has = tests(4);
  REQUIRE(has.size() == 1);
  CHECK((has[0].kind == redress::detail::FactTest::Kind::has && has[0].mask == 0b010));
}

TEST_CASE("a category's rules are sorted on the lower bound most of them share",
          "[engine][index]") {
  std::string text = std::string(kHeader) + "remedies: [{id: r}]\nrules:\n";
  for (int k = 0; k < 12; ++k) {
    text += fmt::format(
        "  - {{id: k{}, when: \"category in a and loss >= {} CNY\", then: "
        "[{{remedy: r}}]}}\n",
        k, (12 - k) * 10);
  }
  text += "  - {id: free, when: \"category in a and sev >= 1\", then: [{remedy: r}]}\n";
  const auto policy = compile(text);
  const auto& bucket = policy->index->rules_by_category.at(0);  // category a
  CHECK(bucket.key_slot == *policy->fact_slot("loss"));
  REQUIRE(bucket.bands.size() == 1);  // no second bound to split them by
  const auto& sorted = bucket.bands[0].by_bound;
  REQUIRE(sorted.size() == 12);
  CHECK(sorted.front().first == 1000);  // k11: loss >= 10 CNY
  CHECK(sorted.back().first == 12000);  // k0
  CHECK(bucket.unbounded == std::vector<std::uint32_t>{12});

  // An incident with 35 CNY at stake reaches k9, k10, k11 (and `free`, unbounded), in order.
  auto in = random_incident(*std::make_unique<std::mt19937>(1));
  in.category = "a";
  in.loss = redress::Money(3500, in.loss->currency());
  in.facts["sev"] = redress::FactValue(std::int64_t{1});
  const auto d = redress::decide(*policy, in);
  CHECK(d.rules_fired == std::vector<std::string_view>{"k9", "k10", "k11", "free"});
}

TEST_CASE("deciding with the index equals deciding without it", "[engine][index]") {
  std::mt19937 rng(20261125);
  for (int round = 0; round < 6; ++round) {
    const auto text = random_policy(rng, 120);
    const auto indexed = compile(text);
    const auto plain = without_index(*indexed);
    const auto sorted = std::count_if(
        indexed->index->rules_by_category.begin(), indexed->index->rules_by_category.end(),
        [](const redress::detail::CategoryBucket& bucket) { return !bucket.bands.empty(); });
    CHECK(sorted > 0);  // the generated policies exercise the sorted path
    redress::Decision fast, slow, traced;
    for (int i = 0; i < 400; ++i) {
      const auto in = random_incident(rng);
      redress::decide(*indexed, in, fast);
      redress::decide(*plain, in, slow);
      redress::decide(*indexed, in, traced, {true, ""});
      INFO("round " << round << ", incident " << i << ", category " << in.category);
      REQUIRE(fast.rules_fired == slow.rules_fired);
      REQUIRE(traced.rules_fired == slow.rules_fired);
      REQUIRE(fast.remedies.size() == slow.remedies.size());
      for (std::size_t r = 0; r < fast.remedies.size(); ++r) {
        CHECK(fast.remedies[r].id == slow.remedies[r].id);
        CHECK(fast.remedies[r].rules == slow.remedies[r].rules);
      }
    }
  }
}

TEST_CASE("a second bound with few values splits a category's rules into bands",
          "[engine][index]") {
  std::string text = std::string(kHeader) + "remedies: [{id: r}]\nrules:\n";
  for (int k = 0; k < 12; ++k) {
    text += fmt::format(
        "  - {{id: k{}, when: \"category in a and sev >= {} and loss >= {} CNY\", then: "
        "[{{remedy: r}}]}}\n",
        k, 1 + k % 3, k * 10);
  }
  const auto policy = compile(text);
  const auto& bucket = policy->index->rules_by_category.at(0);
  CHECK(bucket.key_slot == *policy->fact_slot("loss"));
  CHECK(bucket.band_slot == *policy->fact_slot("sev"));
  REQUIRE(bucket.bands.size() == 3);
  CHECK(bucket.bands[0].floor == 1);
  CHECK(bucket.bands[2].floor == 3);
  CHECK(bucket.bands[1].by_bound.size() == 4);  // k1, k4, k7, k10

  // sev 2 and 45 CNY reach bands 1 and 2 up to loss 40: k0, k1, k3, k4.
  std::mt19937 rng(1);
  auto in = random_incident(rng);
  in.category = "a.x";  // a's subtree: a.x's bucket holds the same rules
  in.loss = redress::Money(4500, in.loss->currency());
  in.facts["sev"] = redress::FactValue(std::int64_t{2});
  const auto d = redress::decide(*policy, in);
  CHECK(d.rules_fired == std::vector<std::string_view>{"k0", "k1", "k3", "k4"});
}
