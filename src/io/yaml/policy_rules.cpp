// The `rules:` section: rules, groups (decision tables) and the actions under `then:`.
#include <fmt/format.h>

#include <algorithm>

#include "diag/suggest.hpp"
#include "io/yaml/policy_sections.hpp"

namespace redress::io::yaml {
namespace {

using Kind = policy::ActionSpec::Kind;

const std::vector<std::string_view> kHitPolicies = {"first", "collect"};
constexpr std::string_view kActionForms =
    "write an action as a one-key map: '- remedy: ID', '- remedy: {id: ID, amount: EXPR}', "
    "'- set: {FACT: EXPR}', '- involve: ID', '- escalate: ID', '- say: ID', '- clock: ID', "
    "'- commit: ID', '- recusal: required' or "
    "'- options: {id: ID, choose: one, of: [ID, ...]}'";

/// The key entry named `key` in `map`, if any (checked before choosing rule or group).
std::optional<YAML::Node> key_node(const YAML::Node& map, std::string_view key) {
  for (const auto& pair : map) {
    if (pair.first.IsScalar() && pair.first.Scalar() == key) return pair.first;
  }
  return std::nullopt;
}

/// `contingent: {on: {LOCALE: TEXT}, confirmed: EXPR}`: the finding a remedy waits for.
void read_contingent(MapReader& reader, policy::ActionSpec& action) {
  const Entry* entry = reader.map("contingent");
  if (!entry) return;
  Context& ctx = reader.context();
  action.contingent_location = ctx.location(entry->value_mark);
  MapReader terms(ctx, entry->value, "'contingent'", {"on", "confirmed"});
  if (!terms.require("on", "add 'on: {en: \"the finding it waits for\"}'")) return;
  action.contingent_on = terms.localized("on");
  action.confirmed = terms.text("confirmed");
}

/// `remedy: ID` or `remedy: {id: ID, amount: EXPR, effective: {from, until}, if: EXPR,
/// fallback: REMEDY, contingent: {on, confirmed}}`; `what` names it in messages. A fallback is
/// read the same way (without `effective` and `contingent`, which belong to the action).
void read_remedy_terms(Context& ctx, const YAML::Node& value, const YAML::Mark& mark,
                       policy::ActionSpec& action, bool fallback) {
  const std::string_view name = fallback ? "fallback" : "remedy";
  if (value.IsScalar()) {
    action.target = ctx.text(value);
    return;
  }
  if (!value.IsMap()) {
    ctx.error("policy.wrong_type", mark,
              fmt::format("'{}' must be a remedy id or a map {{id, amount}}, found {}", name,
                          kind_name(value)),
              fmt::format("write '{0}: ID' or '{0}: {{id: ID, amount: EXPR}}'", name));
    return;
  }
  std::vector<std::string_view> keys = {"id", "amount", "if", "fallback"};
  if (!fallback) keys.insert(keys.end(), {"effective", "contingent"});
  MapReader reader(ctx, value, fmt::format("'{}' action", name), keys);
  action.target = reader.text("id", true);
  action.value = reader.text("amount");
  action.available = reader.text("if");
  if (!fallback) {
    action.effective = read_effective(reader);
    read_contingent(reader, action);
  }
  if (const Entry* next = reader.find("fallback"); next && !next->value.IsNull()) {
    policy::ActionSpec alternative;
    alternative.kind = Kind::remedy;
    alternative.location = ctx.location(next->key.Mark());
    read_remedy_terms(ctx, next->value, next->value_mark, alternative, true);
    action.fallback.push_back(std::move(alternative));
  }
}

/// `options: {id: ID, choose: one, of: [REMEDY, ...]}`, each option `ID` or `{id, amount}`.
void read_options_action(Context& ctx, const Entry& entry, policy::ActionSpec& action) {
  if (!expect_map(ctx, entry.value, "'options'", entry.value_mark)) return;
  MapReader reader(ctx, entry.value, "'options' action", {"id", "choose", "of"});
  action.target = reader.text("id", true);
  action.choose = reader.text("choose");
  const Entry* of =
      reader.list("of", true, "add 'of: [REMEDY, REMEDY]', the remedies to choose from");
  if (!of) return;
  for (const auto& item : of->value) {
    policy::ActionSpec option;
    option.kind = Kind::remedy;
    option.location = ctx.location(item.Mark());
    if (item.IsScalar()) {
      option.target = ctx.text(item);
    } else if (expect_map(ctx, item, "each item of 'of'", item.Mark())) {
      MapReader terms(ctx, item, "option", {"id", "amount"});
      option.target = terms.text("id", true);
      option.value = terms.text("amount");
    } else {
      continue;
    }
    action.options.push_back(std::move(option));
  }
}

/// `set: {FACT: EXPR, ...}`: one action per fact, in written order.
void read_set_action(Context& ctx, const Entry& entry, std::vector<policy::ActionSpec>& out) {
  if (!expect_map(ctx, entry.value, "'set'", entry.value_mark)) return;
  const auto facts = map_entries(ctx, entry.value, "'set' action");
  if (facts.empty() && entry.value.size() == 0) {
    ctx.error("policy.wrong_type", entry.value_mark,
              "'set' must give at least one fact, found an empty map", "write 'set: {FACT: EXPR}'");
  }
  for (const auto& fact : facts) {
    if (!expect_scalar(ctx, fact.value, fmt::format("the value of '{}'", fact.name),
                       fact.value_mark)) {
      continue;
    }
    policy::ActionSpec action;
    action.kind = Kind::set;
    action.target = ctx.text(fact.key);
    action.value = ctx.text(fact.value);
    action.location = ctx.location(fact.key.Mark());
    out.push_back(std::move(action));
  }
}

void report_action_keys(Context& ctx, const YAML::Node& item, const std::vector<Entry>& keys) {
  if (keys.empty()) {
    ctx.error("policy.wrong_type", item.Mark(), "an action must have exactly one key, found none",
              std::string(kActionForms));
    return;
  }
  std::vector<std::string> names;
  for (const auto& key : keys) names.push_back(fmt::format("'{}'", key.name));
  const bool split_amount =
      std::any_of(keys.begin(), keys.end(), [](const Entry& e) { return e.name == "amount"; });
  ctx.error("policy.wrong_type", keys[1].key.Mark(),
            fmt::format("an action must have exactly one key, found {} ({})", keys.size(),
                        fmt::join(names, ", ")),
            split_amount ? "put the amount inside the remedy: 'remedy: {id: ID, amount: EXPR}'"
                         : "write each action as its own list item, each starting with '- '");
}

/// One item of `then:`, a one-key map.
void read_action(Context& ctx, const YAML::Node& item, std::vector<policy::ActionSpec>& out) {
  if (!item.IsMap()) {
    ctx.error("policy.wrong_type", item.Mark(),
              fmt::format("each item of 'then' must be a map, found {}", kind_name(item)),
              std::string(kActionForms));
    return;
  }
  const auto keys = map_entries(ctx, item, "action");
  if (keys.size() != 1) {
    if (keys.size() > 1 || item.size() == 0) report_action_keys(ctx, item, keys);
    return;
  }
  const Entry& entry = keys.front();
  const auto known = policy::parse_action_kind(entry.name);
  if (!known) {
    auto hint = redress::detail::did_you_mean(entry.name, policy::kActionNames);
    ctx.error(
        "policy.unknown_key", entry.key.Mark(), fmt::format("unknown action '{}'", entry.name),
        hint.empty() ? fmt::format("actions are {}", quoted_list(policy::kActionNames)) : hint);
    return;
  }
  const auto kind = *known;
  if (kind == Kind::set) {
    read_set_action(ctx, entry, out);
    return;
  }
  policy::ActionSpec action;
  action.kind = kind;
  action.location = ctx.location(entry.key.Mark());
  if (kind == Kind::remedy) {
    read_remedy_terms(ctx, entry.value, entry.value_mark, action, false);
  } else if (kind == Kind::options) {
    read_options_action(ctx, entry, action);
  } else if (expect_scalar(ctx, entry.value, fmt::format("'{}'", entry.name), entry.value_mark)) {
    action.target = ctx.text(entry.value);
  } else {
    return;
  }
  out.push_back(std::move(action));
}

policy::RuleSpec read_rule(Context& ctx, const YAML::Node& item) {
  MapReader reader(ctx, item, "rule", {"id", "description", "when", "after", "then", "effective"});
  policy::RuleSpec rule;
  rule.location = ctx.location(item.Mark());
  rule.id = reader.text("id", true);
  rule.description = reader.text("description");
  rule.when = reader.text("when");
  rule.after = reader.texts("after");
  rule.effective = read_effective(reader);
  // `then:` with no value is read as an empty list, like `then: []`.
  const Entry* then = reader.find("then");
  if (!then) {
    reader.require("then",
                   "add 'then:' with a list of actions, e.g. 'then: [{say: STEP}]' "
                   "('then: []' is allowed)");
  } else if (!then->value.IsNull() && expect_list(ctx, then->value, "'then'", then->value_mark)) {
    for (const auto& action : then->value) read_action(ctx, action, rule.actions);
  }
  return rule;
}

void check_hit(Context& ctx, const policy::Text& hit, const YAML::Mark& mark) {
  if (hit.value.empty() ||
      std::find(kHitPolicies.begin(), kHitPolicies.end(), hit.value) != kHitPolicies.end()) {
    return;
  }
  auto hint = redress::detail::did_you_mean(hit.value, kHitPolicies);
  if (hint.empty())
    hint = "first: only the first matching rule fires; collect: all that match fire";
  ctx.error("policy.bad_value", mark,
            fmt::format("'hit' must be {}, found '{}'", quoted_list(kHitPolicies), hit.value),
            hint);
}

policy::GroupSpec read_group(Context& ctx, const YAML::Node& item) {
  MapReader reader(ctx, item, "group", {"group", "hit", "description", "rules"});
  policy::GroupSpec group;
  group.location = ctx.location(item.Mark());
  group.id = reader.text("group", true);
  group.hit = reader.text("hit", true);
  if (const Entry* hit = reader.find("hit")) check_hit(ctx, group.hit, hit->value_mark);
  group.description = reader.text("description");
  const Entry* rules = reader.list("rules", true, "add 'rules:' with the group's rules");
  if (!rules) return group;
  for_each_map(ctx, rules->value, "'rules'", [&](const YAML::Node& rule) {
    if (const auto nested = key_node(rule, "group")) {
      ctx.error("policy.wrong_type", nested->Mark(),
                fmt::format("groups cannot nest: a group inside group '{}'", group.id.value),
                "move the inner group to the top level of 'rules'");
      return;
    }
    group.rules.push_back(read_rule(ctx, rule));
  });
  return group;
}

}  // namespace

void read_rules(MapReader& top, std::vector<policy::RuleEntry>& out) {
  const Entry* entry =
      top.list("rules", true, "add 'rules:' with a list of rules ('rules: []' is allowed)");
  if (!entry) return;
  Context& ctx = top.context();
  if (entry->value.IsSequence()) out.reserve(out.size() + entry->value.size());
  for_each_map(ctx, entry->value, "'rules'", [&](const YAML::Node& item) {
    policy::RuleEntry rule_entry;
    if (key_node(item, "group")) {
      rule_entry.group = read_group(ctx, item);
    } else {
      rule_entry.rule = read_rule(ctx, item);
    }
    out.push_back(std::move(rule_entry));
  });
}

}  // namespace redress::io::yaml
