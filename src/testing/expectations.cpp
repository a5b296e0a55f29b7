#include "testing/expectations.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <functional>
#include <map>

#include "diag/suggest.hpp"
#include "redress/model/calendar.hpp"
#include "testing/yaml_location.hpp"

namespace redress::testing::detail {
namespace {

struct Checker {
  const Decision& decision;
  const CompiledPolicy& policy;
  std::string_view file;
  Diagnostics& problems;
  std::vector<Mismatch> mismatches;

  SourceLocation where(const YAML::Node& node) const { return detail::where(file, node); }
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
  /// False (and a problem reported) when the policy (with its libraries) has no clock `id`.
  bool known_clock(const YAML::Node& node, const std::string& id) {
    std::vector<std::string> ids;
    for (const auto& c : policy.clocks) {
      if (c.id == id) return true;
      ids.push_back(c.id);
    }
    auto hint = redress::detail::did_you_mean(id, ids);
    if (hint.empty()) hint = "use a clock the policy declares or includes";
    bad(node, fmt::format("unknown clock '{}'", id), std::move(hint));
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

/// `options: {GROUP: [REMEDY, ...]}`: each named choice offered, with exactly these options.
void check_options(Checker& c, const YAML::Node& node) {
  if (!node.IsMap()) {
    c.bad(node, "'options' must be a map of option group to its remedies",
          "write options: {put-right: [replacement, refund]}");
    return;
  }
  for (const auto& entry : node) {
    const auto id = entry.first.as<std::string>();
    const auto& all = c.decision.options;
    const auto choice =
        std::find_if(all.begin(), all.end(), [&](const RemedyOptions& o) { return o.id == id; });
    if (choice == all.end()) {
      std::vector<std::string_view> offered;
      for (const auto& o : all) offered.push_back(o.id);
      const bool declared =
          std::any_of(c.policy.option_groups.begin(), c.policy.option_groups.end(),
                      [&](const OptionGroupInfo& g) { return g.id == id; });
      if (!declared) {
        c.bad(entry.first, fmt::format("unknown option group '{}'", id),
              "use the id of an 'options' action of the policy");
        continue;
      }
      c.mismatch(entry.second, "options." + id, fmt::format("choice {} offered", id),
                 fmt::format("choices offered: [{}]", fmt::join(offered, ", ")));
      continue;
    }
    c.equal_list(entry.second, "options." + id, choice->of);
  }
}

/// `contingent: [REMEDY, ...]`: exactly these remedies wait for a finding (catalogue order).
void check_contingent(Checker& c, const YAML::Node& node) {
  std::vector<std::string_view> contingent;
  for (const auto& r : c.decision.remedies) {
    if (!r.contingent.empty()) contingent.push_back(r.id);
  }
  if (const auto wanted = c.list(node, "contingent")) {
    for (std::size_t i = 0; i < wanted->size(); ++i) c.known_remedy(node[i], (*wanted)[i]);
  }
  c.equal_list(node, "contingent", contingent);
}

/// `instead_of: {FALLBACK: PREFERRED}`: each fallback offered in place of that remedy.
void check_instead_of(Checker& c, const YAML::Node& node) {
  if (!node.IsMap()) {
    c.bad(node, "'instead_of' must be a map of fallback to the remedy it replaces",
          "write instead_of: {equivalent_model: upgrade}");
    return;
  }
  for (const auto& entry : node) {
    const auto id = entry.first.as<std::string>();
    if (!c.known_remedy(entry.first, id)) continue;
    const auto offer = std::find_if(c.decision.remedies.begin(), c.decision.remedies.end(),
                                    [&](const RemedyOffer& r) { return r.id == id; });
    const std::string actual = offer == c.decision.remedies.end() ? "not offered"
                               : offer->instead_of.empty()        ? "offered in its own right"
                                                                  : std::string(offer->instead_of);
    c.equal(entry.second, "instead_of." + id, actual);
  }
}

/// `capped: [REMEDY, ...]`: exactly the remedies the goodwill caps reduced, in the order reduced.
void check_capped(Checker& c, const YAML::Node& node) {
  std::vector<std::string_view> reduced;
  if (c.decision.cap) {
    for (const auto& r : c.decision.cap->reductions) reduced.push_back(r.remedy);
  }
  if (const auto wanted = c.list(node, "capped")) {
    for (std::size_t i = 0; i < wanted->size(); ++i) c.known_remedy(node[i], (*wanted)[i]);
  }
  c.equal_list(node, "capped", reduced);
}

std::vector<std::string> clock_ids(const Decision& d) {
  std::vector<std::string> ids;
  for (const auto& clock : d.clocks) ids.emplace_back(clock.id);
  return ids;
}

const StatutoryClock* attached(const Decision& d, const std::string& id) {
  const auto it = std::find_if(d.clocks.begin(), d.clocks.end(),
                               [&](const StatutoryClock& clock) { return clock.id == id; });
  return it == d.clocks.end() ? nullptr : &*it;
}

/// `clocks: {ID: DUE}` or `{ID: {due: DUE, extensions: [DUE, ...]}}`.
void check_clock_times(Checker& c, const YAML::Node& value, const StatutoryClock& clock,
                       const std::string& field) {
  if (value.IsScalar()) {
    c.equal(value, field, clock.due.to_string());
    return;
  }
  if (!value.IsMap()) {
    c.bad(value, "a clock's expectation is its due time or {due, extensions}",
          "write clocks: {ID: \"2026-12-10T23:59:59+08:00\"}");
    return;
  }
  for (const auto& entry : value) {
    const auto key = entry.first.as<std::string>();
    if (key == "due") {
      c.equal(entry.second, field, clock.due.to_string());
    } else if (key == "extensions") {
      std::vector<std::string> dues;
      for (const auto& e : clock.extensions) dues.push_back(e.due.to_string());
      c.equal_list(entry.second, field + ".extensions", dues);
    } else {
      c.bad(entry.first, fmt::format("unknown key '{}' in a clock's expectation", key),
            "use due and extensions");
    }
  }
}

/// `clocks: [ID, ...]` (each attached) or `clocks: {ID: ...}` (each attached, due then).
void check_clocks(Checker& c, const YAML::Node& node) {
  const auto ids = clock_ids(c.decision);
  const auto missing = [&](const YAML::Node& where, const std::string& id) {
    c.mismatch(where, "clocks", fmt::format("{} attached", id),
               fmt::format("attached: [{}]", fmt::join(ids, ", ")));
  };
  if (node.IsSequence()) {
    for (const auto& item : node) {
      const auto id = item.as<std::string>();
      if (c.known_clock(item, id) && !attached(c.decision, id)) missing(item, id);
    }
    return;
  }
  if (!node.IsMap()) {
    c.bad(node, "'clocks' must be a list of clock ids or a map of clock to due time",
          "write clocks: [ID] or clocks: {ID: \"2026-12-10T23:59:59+08:00\"}");
    return;
  }
  for (const auto& entry : node) {
    const auto id = entry.first.as<std::string>();
    if (!c.known_clock(entry.first, id)) continue;
    const auto* clock = attached(c.decision, id);
    if (!clock) {
      missing(entry.second, id);
      continue;
    }
    check_clock_times(c, entry.second, *clock, "clocks." + id);
  }
}

void check_clocks_absent(Checker& c, const YAML::Node& node) {
  if (!c.list(node, "clocks_absent")) return;
  for (const auto& item : node) {
    const auto id = item.as<std::string>();
    if (c.known_clock(item, id) && attached(c.decision, id)) {
      c.mismatch(item, "clocks_absent", fmt::format("{} not attached", id),
                 fmt::format("attached: [{}]", fmt::join(clock_ids(c.decision), ", ")));
    }
  }
}

bool known_commitment(Checker& c, const YAML::Node& node, const std::string& id) {
  std::vector<std::string> ids;
  for (const auto& commitment : c.policy.commitments) {
    if (commitment.id == id) return true;
    ids.push_back(commitment.id);
  }
  auto hint = redress::detail::did_you_mean(id, ids);
  if (hint.empty()) hint = "use a commitment the policy declares under commitments:";
  c.bad(node, fmt::format("unknown commitment '{}'", id), std::move(hint));
  return false;
}

/// `{due: DUE, assignee: ID, following: [DUE, ...]}`, or the due time alone.
void check_commitment(Checker& c, const YAML::Node& value, const Commitment& commitment,
                      const std::string& field) {
  if (value.IsScalar()) return c.equal(value, field, commitment.due.to_string());
  if (!value.IsMap()) {
    return c.bad(value, "a commitment's expectation is its due time or {due, assignee, following}",
                 "write commitments: {ID: \"2026-10-08T09:00:00+08:00\"}");
  }
  for (const auto& entry : value) {
    const auto key = entry.first.as<std::string>();
    if (key == "due") {
      c.equal(entry.second, field, commitment.due.to_string());
    } else if (key == "assignee") {
      c.equal(entry.second, field + ".assignee", commitment.assignee);
    } else if (key == "following") {
      std::vector<std::string> dues;
      for (const auto& due : commitment.following) dues.push_back(due.to_string());
      c.equal_list(entry.second, field + ".following", dues);
    } else {
      c.bad(entry.first, fmt::format("unknown key '{}' in a commitment's expectation", key),
            "use due, assignee and following");
    }
  }
}

/// `commitments: [ID, ...]` (exactly these, in the decision's order: by due time) or
/// `commitments: {ID: ...}` (each made, with its due time).
void check_commitments(Checker& c, const YAML::Node& node) {
  std::vector<std::string> ids;
  for (const auto& commitment : c.decision.commitments) ids.emplace_back(commitment.id);
  if (node.IsSequence()) {
    for (const auto& item : node) known_commitment(c, item, item.as<std::string>());
    return c.equal_list(node, "commitments", ids);
  }
  if (!node.IsMap()) {
    return c.bad(node, "'commitments' must be a list of commitment ids or a map of id to due time",
                 "write commitments: [ID] or commitments: {ID: \"2026-10-08T09:00:00+08:00\"}");
  }
  for (const auto& entry : node) {
    const auto id = entry.first.as<std::string>();
    if (!known_commitment(c, entry.first, id)) continue;
    const auto& made = c.decision.commitments;
    const auto it = std::find_if(made.begin(), made.end(),
                                 [&](const Commitment& commitment) { return commitment.id == id; });
    if (it == made.end()) {
      c.mismatch(entry.second, "commitments", fmt::format("{} made", id),
                 fmt::format("made: [{}]", fmt::join(ids, ", ")));
      continue;
    }
    check_commitment(c, entry.second, *it, "commitments." + id);
  }
}

/// `recusal_skipped: [ROLE, ...]`: exactly the roles recusal passed over, entry first.
void check_recusal_skipped(Checker& c, const YAML::Node& node) {
  std::vector<std::string_view> skipped;
  if (c.decision.recusal) {
    for (const auto& role : c.decision.recusal->skipped) skipped.push_back(role.role);
  }
  c.equal_list(node, "recusal_skipped", skipped);
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
      {"options", check_options},
      {"contingent", check_contingent},
      {"instead_of", check_instead_of},
      {"capped", check_capped},
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
      {"clocks", check_clocks},
      {"clocks_absent", check_clocks_absent},
      {"commitments", check_commitments},
      {"recusal_skipped", check_recusal_skipped},
      {"in_force",
       [](Checker& c, const YAML::Node& n) {
         c.equal(n, "in_force",
                 c.decision.in_force ? format_local_date(c.decision.in_force->date)
                                     : std::string("(the policy dates nothing)"));
       }},
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
