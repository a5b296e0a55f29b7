#include "testing/expectations.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <functional>
#include <map>

#include "diag/suggest.hpp"

namespace redress::testing::detail {
namespace {

struct Checker {
  const Decision& decision;
  const CompiledPolicy& policy;
  std::string_view file;
  Diagnostics& problems;
  std::vector<Mismatch> mismatches;

  SourceLocation where(const YAML::Node& node) const {
    return {std::string(file), node.Mark().line, node.Mark().column};
  }
  void mismatch(const YAML::Node& node, std::string field, std::string expected,
                std::string actual) {
    mismatches.push_back({std::move(field), std::move(expected), std::move(actual), where(node)});
  }
  void bad(const YAML::Node& node, std::string message, std::string hint) {
    problems.error("suite.bad_value", where(node), std::move(message), std::move(hint));
  }
  std::optional<std::vector<std::string>> list(const YAML::Node& node, const std::string& key) {
    if (!node.IsSequence()) {
      bad(node, fmt::format("'{}' must be a list", key), fmt::format("write {}: [a, b]", key));
      return std::nullopt;
    }
    std::vector<std::string> out;
    for (const auto& item : node) out.push_back(item.as<std::string>());
    return out;
  }
  void equal(const YAML::Node& node, const std::string& field, std::string_view actual) {
    const auto expected = node.as<std::string>();
    if (expected != actual) mismatch(node, field, expected, std::string(actual));
  }
  template <typename Text>
  void equal_list(const YAML::Node& node, const std::string& field,
                  const std::vector<Text>& actual) {
    const auto differs = [&actual](const std::vector<std::string>& expected) {
      return !std::equal(expected.begin(), expected.end(), actual.begin(), actual.end());
    };
    if (auto expected = list(node, field); expected && differs(*expected)) {
      mismatch(node, field, fmt::format("[{}]", fmt::join(*expected, ", ")),
               fmt::format("[{}]", fmt::join(actual, ", ")));
    }
  }
  /// False (and a problem reported) when the policy declares no remedy `id`.
  bool known_remedy(const YAML::Node& node, const std::string& id) {
    std::vector<std::string> ids;
    for (const auto& r : policy.remedies) {
      if (r.id == id) return true;
      ids.push_back(r.id);
    }
    auto hint = redress::detail::did_you_mean(id, ids);
    if (hint.empty()) hint = "use a remedy the policy declares under remedies:";
    bad(node, fmt::format("unknown remedy '{}'", id), std::move(hint));
    return false;
  }
  void money(const YAML::Node& node, const std::string& field, const Money& actual) {
    Money expected;
    std::string error;
    if (!parse_money(node.as<std::string>(), expected, error)) {
      bad(node, error, "write amounts as e.g. 120.00 CNY");
      return;
    }
    if (!(expected == actual)) mismatch(node, field, expected.to_string(), actual.to_string());
  }
};

std::vector<std::string> remedy_ids(const Decision& d) {
  std::vector<std::string> ids;
  for (const auto& r : d.remedies) ids.emplace_back(r.id);
  return ids;
}

void check_remedies(Checker& c, const YAML::Node& node, bool present) {
  const auto ids = remedy_ids(c.decision);
  if (!c.list(node, present ? "remedies" : "absent")) return;
  for (const auto& item : node) {
    const auto id = item.as<std::string>();
    if (!c.known_remedy(item, id)) continue;
    const bool found = std::find(ids.begin(), ids.end(), id) != ids.end();
    if (found != present) {
      c.mismatch(item, present ? "remedies" : "absent",
                 fmt::format("{} {}", id, present ? "offered" : "not offered"),
                 fmt::format("offered: [{}]", fmt::join(ids, ", ")));
    }
  }
}

void check_amounts(Checker& c, const YAML::Node& node) {
  if (!node.IsMap()) {
    c.bad(node, "'amounts' must be a map of remedy to amount", "write amounts: {voucher: 50 CNY}");
    return;
  }
  for (const auto& entry : node) {
    const auto id = entry.first.as<std::string>();
    if (!c.known_remedy(entry.first, id)) continue;
    const auto field = "amounts." + id;
    const auto offer = std::find_if(c.decision.remedies.begin(), c.decision.remedies.end(),
                                    [&](const RemedyOffer& r) { return r.id == id; });
    if (offer == c.decision.remedies.end() || !offer->amount) {
      c.mismatch(entry.second, field, entry.second.as<std::string>(),
                 offer == c.decision.remedies.end() ? "not offered" : "offered without amount");
      continue;
    }
    c.money(entry.second, field, *offer->amount);
  }
}

void check_derived(Checker& c, const YAML::Node& node) {
  for (const auto& entry : node) {
    const auto name = entry.first.as<std::string>();
    const auto& derived = c.decision.classification.derived;
    const auto fact = std::find_if(derived.begin(), derived.end(),
                                   [&](const NamedValue& v) { return v.name == name; });
    c.equal(entry.second, "derived." + name,
            fact == derived.end() ? std::string("(no such derived fact)") : to_string(fact->value));
  }
}

void check_coverage(Checker& c, const YAML::Node& node, bool covered) {
  const auto wanted = c.list(node, covered ? "covered" : "uncovered");
  if (!wanted) return;
  for (const auto& dimension : *wanted) {
    const auto& all = c.decision.coverage;
    const auto entry = std::find_if(all.begin(), all.end(), [&](const JusticeCoverage& j) {
      return to_string(j.dimension) == dimension;
    });
    const std::string actual = entry == all.end() ? "not a deficit of this incident"
                               : entry->covered   ? "covered"
                                                  : "not covered";
    if (actual != (covered ? "covered" : "not covered")) {
      c.mismatch(node, covered ? "covered" : "uncovered",
                 fmt::format("{} {}", dimension, covered ? "covered" : "not covered"),
                 fmt::format("{} {}", dimension, actual));
    }
  }
}

void check_communication(Checker& c, const YAML::Node& node) {
  std::vector<std::string> said;
  for (const auto& step : c.decision.communication) said.emplace_back(step.id);
  const auto wanted = c.list(node, "communication");
  if (!wanted) return;
  // The listed steps must all be said, in this relative order.
  auto from = said.begin();
  for (const auto& id : *wanted) {
    const auto found = std::find(from, said.end(), id);
    if (found == said.end()) {
      c.mismatch(node, "communication", fmt::format("{} (in this order)", fmt::join(*wanted, ", ")),
                 fmt::format("[{}]", fmt::join(said, ", ")));
      return;
    }
    from = found + 1;
  }
}

using Check = std::function<void(Checker&, const YAML::Node&)>;

const std::map<std::string, Check>& checks() {
  static const std::map<std::string, Check> table = {
      {"priority",
       [](Checker& c, const YAML::Node& n) {
         c.equal(n, "priority", std::to_string(c.decision.priority));
       }},
      {"owner", [](Checker& c, const YAML::Node& n) { c.equal(n, "owner", c.decision.owner); }},
      {"escalation_path",
       [](Checker& c, const YAML::Node& n) {
         c.equal_list(n, "escalation_path", c.decision.escalation_path);
       }},
      {"departments",
       [](Checker& c, const YAML::Node& n) {
         c.equal_list(n, "departments", c.decision.departments);
       }},
      {"remedies", [](Checker& c, const YAML::Node& n) { check_remedies(c, n, true); }},
      {"absent", [](Checker& c, const YAML::Node& n) { check_remedies(c, n, false); }},
      {"amounts", check_amounts},
      {"compensation_total",
       [](Checker& c, const YAML::Node& n) {
         c.money(n, "compensation_total", c.decision.compensation_total);
       }},
      {"goodwill_total",
       [](Checker& c, const YAML::Node& n) {
         c.money(n, "goodwill_total", c.decision.goodwill_total);
       }},
      {"restitution_total",
       [](Checker& c, const YAML::Node& n) {
         c.money(n, "restitution_total", c.decision.restitution_total);
       }},
      {"first_response_due",
       [](Checker& c, const YAML::Node& n) {
         c.equal(n, "first_response_due", c.decision.deadlines.first_response_due.to_string());
       }},
      {"resolution_due",
       [](Checker& c, const YAML::Node& n) {
         c.equal(n, "resolution_due", c.decision.deadlines.resolution_due.to_string());
       }},
      {"derived", check_derived},
      {"covered", [](Checker& c, const YAML::Node& n) { check_coverage(c, n, true); }},
      {"uncovered", [](Checker& c, const YAML::Node& n) { check_coverage(c, n, false); }},
      {"communication", check_communication},
      {"warnings",
       [](Checker& c, const YAML::Node& n) {
         std::vector<std::string> codes;
         for (const auto& w : c.decision.warnings) codes.emplace_back(w.code);
         c.equal_list(n, "warnings", codes);
       }},
  };
  return table;
}

}  // namespace

const std::vector<std::string>& expectation_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out;
    for (const auto& [key, check] : checks()) out.push_back(key);
    return out;
  }();
  return keys;
}

std::vector<Mismatch> check_expectations(const YAML::Node& expect, const Decision& decision,
                                         const CompiledPolicy& policy, std::string_view file,
                                         Diagnostics& problems) {
  Checker checker{decision, policy, file, problems, {}};
  if (!expect.IsMap()) {
    checker.bad(expect, "'expect' must be a map of decision fields", "write expect: {owner: ...}");
    return {};
  }
  for (const auto& entry : expect) {
    const auto key = entry.first.as<std::string>();
    const auto check = checks().find(key);
    if (check == checks().end()) {
      problems.error("suite.unknown_key", checker.where(entry.first),
                     fmt::format("unknown expectation '{}'", key),
                     redress::detail::did_you_mean(key, expectation_keys()));
      continue;
    }
    check->second(checker, entry.second);
  }
  return std::move(checker.mismatches);
}

}  // namespace redress::testing::detail
