// Rules and groups: a rule's condition, actions, `after:` list, group and hit policy.
#include <iterator>

#include "diff/element_table.hpp"

namespace redress::diff {
namespace {

// A rule with the group it is written in, as the diff compares it.
struct PlacedRule {
  const policy::RuleSpec* rule = nullptr;
  const policy::GroupSpec* group = nullptr;
};

std::vector<PlacedRule> placed_rules(const policy::PolicySpec& spec) {
  std::vector<PlacedRule> out;
  for (const auto& entry : spec.rules) {
    if (entry.rule) out.push_back({&*entry.rule, nullptr});
    if (entry.group) {
      for (const auto& rule : entry.group->rules) out.push_back({&rule, &*entry.group});
    }
  }
  return out;
}

std::vector<policy::GroupSpec> groups(const policy::PolicySpec& spec) {
  std::vector<policy::GroupSpec> out;
  for (const auto& entry : spec.rules) {
    if (entry.group) out.push_back(*entry.group);
  }
  return out;
}

/// One action as text: its key, target and value, then the terms a remedy is offered on (the
/// options of a choice, `if:` and the fallback, the contingency), so that changing any of them
/// changes the text.
void append_action(std::string& out, const policy::ActionSpec& a) {
  out += policy::to_string(a.kind);
  out += ' ';
  out += a.target.value;
  if (!a.value.value.empty()) out += " = " + a.value.value;
  if (!a.options.empty()) {
    out += " of [";
    for (std::size_t i = 0; i < a.options.size(); ++i) {
      if (i > 0) out += ", ";
      out += a.options[i].target.value;
      if (!a.options[i].value.value.empty()) out += " = " + a.options[i].value.value;
    }
    out += ']';
  }
  if (!a.available.value.empty()) out += " if " + a.available.value;
  for (const auto& fallback : a.fallback) {
    out += " else ";
    append_action(out, fallback);
  }
  for (const auto& [locale, text] : a.contingent_on) out += " contingent on " + text.value;
  if (!a.confirmed.value.empty()) out += " confirmed " + a.confirmed.value;
}

std::string actions_text(const PlacedRule& r) {
  std::string out;
  for (const auto& a : r.rule->actions) {
    if (!out.empty()) out += "; ";
    append_action(out, a);
  }
  return out;
}

const Property<PlacedRule> kRuleProperties[] = {
    {"when", [](const PlacedRule& r) { return r.rule->when.value; }},
    {"actions", actions_text},
    {"after", [](const PlacedRule& r) { return join(r.rule->after); }, true},
    {"group", [](const PlacedRule& r) { return r.group ? r.group->id.value : std::string(); }},
    {"description", [](const PlacedRule& r) { return r.rule->description.value; }},
};

const Property<policy::GroupSpec> kGroupProperties[] = {
    {"hit", [](const policy::GroupSpec& g) { return g.hit.value; }},
    {"rules",
     [](const policy::GroupSpec& g) {
       std::string out;
       for (const auto& r : g.rules) out += (out.empty() ? "" : ", ") + r.id.value;
       return out;
     },
     true},
};

}  // namespace

void diff_rules(const policy::PolicySpec& before, const policy::PolicySpec& after,
                std::vector<ElementChange>& out) {
  diff_elements(
      "rule", placed_rules(before), placed_rules(after),
      [](const PlacedRule& r) { return r.rule->id.value; }, kRuleProperties, out);
  diff_elements(
      "group", groups(before), groups(after), [](const policy::GroupSpec& g) { return g.id.value; },
      kGroupProperties, out);
}

}  // namespace redress::diff
