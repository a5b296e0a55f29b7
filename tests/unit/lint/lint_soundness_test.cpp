// Soundness of the linter's condition analysis against brute force: random conditions are
// linted, and whenever the linter says a rule can never fire or is shadowed, every incident of
// a sample of the facts' values is evaluated to confirm it. Any counterexample is a bug.
#include <catch2/catch.hpp>

#include <array>
#include <random>
#include <string>
#include <vector>

#include "lint/conditions.hpp"
#include "lint/ranges.hpp"
#include "redress/expr/ast.hpp"
#include "redress/expr/program.hpp"
#include "redress/io/load_policy.hpp"
#include "redress/lint/lint.hpp"

namespace {

constexpr const char* kHead = R"y(policy: {id: fuzz, version: "1", currency: CNY}
taxonomy:
  base: none
  add:
    - {id: core, type: outcome}
    - {id: core.slow}
    - {id: core.slow.queue}
    - {id: core.broken}
    - {id: process, type: process}
    - {id: process.billing}
remedies:
  - {id: apology, covers: [interactional, outcome, procedural]}
roles:
  - {id: boss, authority: unlimited}
sla:
  default_priority: 1
  targets:
    - {priority: 1, first_response: 15m, resolution: 1h}
rules:
  - group: table
    hit: first
    rules:
)y";

class Generator {
 public:
  explicit Generator(unsigned seed) : random_(seed) {}

  std::string condition(int depth) {
    if (depth == 0 || pick(3) == 0) return atom();
    switch (pick(3)) {
      case 0:
        return "(" + condition(depth - 1) + " and " + condition(depth - 1) + ")";
      case 1:
        return "(" + condition(depth - 1) + " or " + condition(depth - 1) + ")";
      default:
        return "not (" + condition(depth - 1) + ")";
    }
  }

 private:
  std::size_t pick(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_);
  }

  template <std::size_t N>
  std::string one_of(const std::array<const char*, N>& items) {
    return items[pick(N)];
  }

  std::string atom() {
    static constexpr std::array<const char*, 6> kOps = {"==", "!=", "<", "<=", ">", ">="};
    static constexpr std::array<const char*, 3> kEmotions = {"calm", "angry", "aggrieved"};
    static constexpr std::array<const char*, 4> kMagnitudes = {"minor", "moderate", "major",
                                                               "critical"};
    static constexpr std::array<const char*, 6> kCategories = {
        "core", "core.slow", "core.slow.queue", "core.broken", "process", "process.billing"};
    static constexpr std::array<const char*, 3> kJustice = {"outcome", "procedural",
                                                            "interactional"};
    const auto op = one_of(kOps);
    switch (pick(12)) {
      case 0:
        return "intensity " + op + " " + std::to_string(pick(7));
      case 1:
        return "emotion " + op.substr(0, 1) + "= " + one_of(kEmotions);
      case 2:
        return "emotion " + std::string(pick(2) == 0 ? "in" : "not in") + " [" + one_of(kEmotions) +
               ", " + one_of(kEmotions) + "]";
      case 3:
        return "magnitude " + op + " " + one_of(kMagnitudes);
      case 4:
        return "category " + std::string(pick(2) == 0 ? "in" : "not in") + " " +
               one_of(kCategories);
      case 5:
        return pick(2) == 0 ? "safety_critical" : "not safety_critical";
      case 6:
        return one_of(kJustice) + (pick(2) == 0 ? " in deficits" : " not in deficits");
      case 7:
        return pick(2) == 0 ? "empty(deficits)"
                            : "count(deficits) " + op + " " + std::to_string(pick(4));
      case 8:
        return "loss " + op + " " + std::to_string(pick(4) * 100) + " CNY";
      case 9:
        return "prior_failures " + op + " " + std::to_string(static_cast<int>(pick(4)) - 1);
      case 10:
        return "intensity * 2 " + op + " " + std::to_string(pick(12));
      default:
        return "intensity + prior_failures " + op + " " + std::to_string(pick(8));
    }
  }

  std::mt19937 random_;
};

/// Random int expressions over intensity and prior_failures, for the interval analysis.
class NumberGenerator {
 public:
  explicit NumberGenerator(unsigned seed) : random_(seed) {}

  std::string expression(int depth) {
    if (depth == 0 || pick(4) == 0) {
      switch (pick(3)) {
        case 0:
          return "intensity";
        case 1:
          return "prior_failures";
        default:
          return std::to_string(static_cast<int>(pick(11)) - 5);
      }
    }
    static constexpr std::array<const char*, 5> kOps = {"+", "-", "*", "/", "%"};
    switch (pick(4)) {
      case 0:
        return "min(" + expression(depth - 1) + ", " + expression(depth - 1) + ")";
      case 1:
        return "max(" + expression(depth - 1) + ", " + expression(depth - 1) + ")";
      case 2:
        return "-(" + expression(depth - 1) + ")";
      default:
        return "(" + expression(depth - 1) + " " + kOps[pick(kOps.size())] + " " +
               expression(depth - 1) + ")";
    }
  }

 private:
  std::size_t pick(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_);
  }

  std::mt19937 random_;
};

/// Every combination of a sample of the values of the facts the generator uses.
std::vector<std::vector<std::int64_t>> sample_incidents(const redress::CompiledPolicy& policy) {
  std::vector<std::int64_t> base(policy.facts.size(), 0);
  for (std::size_t i = 0; i < policy.facts.size(); ++i) {
    if (policy.facts[i].default_value) base[i] = *policy.facts[i].default_value;
  }
  const auto slot = [&](const char* name) { return *policy.fact_slot(name); };
  std::vector<std::vector<std::int64_t>> out{base};
  const auto vary = [&](std::uint32_t s, const std::vector<std::int64_t>& values) {
    std::vector<std::vector<std::int64_t>> next;
    for (const auto& slots : out) {
      for (const auto v : values) {
        next.push_back(slots);
        next.back()[s] = v;
      }
    }
    out = std::move(next);
  };
  vary(slot("intensity"), {1, 2, 3, 4, 5});
  vary(slot("emotion"), {0, 1, 5});
  vary(slot("magnitude"), {0, 1, 2, 3});
  vary(slot("category"), {0, 1, 2, 3, 4, 5});
  vary(slot("safety_critical"), {0, 1});
  vary(slot("deficits"), {0, 1, 2, 3, 4, 5, 6, 7});
  vary(slot("loss"), {0, 10000, 30000});
  vary(slot("prior_failures"), {0, 2});
  return out;
}

bool has_code(const redress::Diagnostics& findings, const std::string& code,
              const std::string& rule) {
  for (const auto& d : findings.items()) {
    if (d.code == code && d.message.find("'" + rule + "'") != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("never_fires and shadowed hold on every sampled incident", "[lint][soundness]") {
  Generator generate(20260425);
  int dead = 0;
  int shadowed = 0;
  for (int round = 0; round < 150; ++round) {
    const std::string a = generate.condition(3);
    const std::string b = generate.condition(3);
    const std::string text = std::string(kHead) + "      - id: a\n        when: '" + a +
                             "'\n        then: [{remedy: apology}]\n      - id: b\n"
                             "        when: '" +
                             b + "'\n        then: [{remedy: apology}]\n";
    const auto compiled = redress::load_policy(text, "fuzz.yaml");
    INFO("a: " << a << "\nb: " << b);
    REQUIRE(compiled.policy);
    const auto& policy = *compiled.policy;
    const auto findings = redress::lint(policy);
    const bool a_dead = has_code(findings, "lint.never_fires", "a");
    const bool b_dead = has_code(findings, "lint.never_fires", "b");
    const bool b_shadowed = has_code(findings, "lint.shadowed", "b");
    dead += (a_dead ? 1 : 0) + (b_dead ? 1 : 0);
    shadowed += b_shadowed ? 1 : 0;
    if (!a_dead && !b_dead && !b_shadowed) continue;
    const auto& when_a = *policy.rules[0].when;
    const auto& when_b = *policy.rules[1].when;
    for (const auto& slots : sample_incidents(policy)) {
      const bool fires_a = redress::expr::evaluate(when_a, slots) != 0;
      const bool fires_b = redress::expr::evaluate(when_b, slots) != 0;
      const bool wrong =
          (a_dead && fires_a) || (b_dead && fires_b) || (b_shadowed && fires_b && !fires_a);
      if (wrong) FAIL("counterexample: a " << fires_a << ", b " << fires_b);
    }
  }
  // The generator must exercise both findings, or this test proves nothing.
  CHECK(dead > 5);
  CHECK(shadowed > 5);
}

TEST_CASE("the interval analysis holds every value an expression takes", "[lint][soundness]") {
  NumberGenerator generate(20260426);
  int checked = 0;
  for (int round = 0; round < 300; ++round) {
    const std::string expression = generate.expression(4);
    const std::string text =
        std::string(kHead) + "      - id: a\n        then: [{set: {x: '" + expression + "'}}]\n";
    const auto with_fact = text.substr(0, text.find("remedies:")) +
                           "facts:\n  - {id: x, type: int, derived: true, default: 0}\n" +
                           text.substr(text.find("remedies:"));
    const auto compiled = redress::load_policy(with_fact, "fuzz.yaml");
    INFO(expression);
    if (!compiled.policy) continue;  // a constant division by zero is a compile error
    ++checked;
    const auto& policy = *compiled.policy;
    const auto& program = *policy.rules[0].actions[0].value;
    const auto domains = redress::linting::fact_domains(policy);
    const auto range = redress::linting::range_of(*program.ast, {}, domains);
    for (std::int64_t intensity = 1; intensity <= 5; ++intensity) {
      for (std::int64_t prior = 0; prior <= 12; prior += 3) {
        std::vector<std::int64_t> slots(policy.facts.size(), 0);
        slots[*policy.fact_slot("intensity")] = intensity;
        slots[*policy.fact_slot("prior_failures")] = prior;
        std::int64_t value = 0;
        try {
          value = redress::expr::evaluate(program, slots);
        } catch (const redress::expr::EvaluationError&) {
          continue;  // division by zero: no value
        }
        if (value < range.lo || value > range.hi) {
          FAIL("intensity " << intensity << ", prior_failures " << prior << ": " << value
                            << " outside " << range.lo << ".." << range.hi);
        }
      }
    }
  }
  CHECK(checked > 200);
}
