// Explanations for people (text) and for programs (JSON).
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "redress/explain/counterfactual.hpp"

namespace redress::explain {
namespace {

namespace v2 = boost::variant2;

std::string value_text(const FactValue& value) {
  if (const auto* m = v2::get_if<Money>(&value)) return money_text(*m);
  if (const auto* s = v2::get_if<Symbol>(&value); s && s->name.empty()) return "\"\"";  // no text
  return to_string(value);
}

/// The set values `to` has and `from` lacks (added) or the reverse.
std::vector<std::string> difference(const SymbolSet& a, const SymbolSet& b) {
  std::vector<std::string> out;
  for (const auto& name : a.names) {
    if (std::find(b.names.begin(), b.names.end(), name) == b.names.end()) out.push_back(name);
  }
  return out;
}

std::string condition_text(const Change& c) {
  if (c.relation == Change::Relation::below) {
    return fmt::format("{} were below {}", c.fact, value_text(c.bound));
  }
  if (c.relation == Change::Relation::at_least) {
    return fmt::format("{} were at least {}", c.fact, value_text(c.bound));
  }
  const auto* from = v2::get_if<SymbolSet>(&c.from);
  const auto* to = v2::get_if<SymbolSet>(&c.to);
  if (from && to) {
    for (const auto& added : difference(*to, *from)) {
      return fmt::format("{} were among the {}", added, c.fact);
    }
    for (const auto& removed : difference(*from, *to)) {
      return fmt::format("{} were not among the {}", removed, c.fact);
    }
  }
  return fmt::format("{} were {}", c.fact, value_text(c.to));
}

nlohmann::ordered_json json_value(const FactValue& value) {
  if (const auto* b = v2::get_if<bool>(&value)) return *b;
  if (const auto* i = v2::get_if<std::int64_t>(&value)) return *i;
  if (const auto* m = v2::get_if<Money>(&value)) return m->to_string();
  if (const auto* s = v2::get_if<Symbol>(&value)) return s->name;
  if (const auto* set = v2::get_if<SymbolSet>(&value)) return set->names;
  return nullptr;
}

/// Two single changes of one fact to plain values, giving the same outcome.
bool same_line(const Counterfactual& a, const Counterfactual& b) {
  if (a.changes.size() != 1 || b.changes.size() != 1 || a.value != b.value) return false;
  const auto& x = a.changes[0];
  const auto& y = b.changes[0];
  return x.slot == y.slot && x.relation == Change::Relation::is &&
         y.relation == Change::Relation::is && v2::get_if<Symbol>(&x.to) &&
         v2::get_if<Symbol>(&y.to);
}

std::string_view relation_name(Change::Relation r) {
  switch (r) {
    case Change::Relation::below:
      return "below";
    case Change::Relation::at_least:
      return "at_least";
    case Change::Relation::is:
      break;
  }
  return "is";
}

}  // namespace

std::string money_text(const Money& money) {
  const auto text = money.to_string();  // "-1234567.89 CNY"
  const auto begin = text.find_first_of("0123456789");
  if (begin == std::string::npos) return text;
  auto end = text.find_first_not_of("0123456789", begin);
  if (end == std::string::npos) end = text.size();
  // Copied digit by digit rather than with insert(): GCC 12 at -O2 reports a false -Wrestrict
  // in string::insert here.
  std::string out(text, 0, begin);
  for (auto at = begin; at < end; ++at) {
    if (at > begin && (end - at) % 3 == 0) out += ',';
    out += text[at];
  }
  out.append(text, end);
  return out;
}

std::string to_text(const CompiledPolicy& policy, const Explanation& e) {
  std::string out =
      fmt::format("{} is {} for incident {} (policy {} {})\n", e.outcome.subject(), e.value,
                  e.decision.incident_id, policy.identity.id, policy.identity.version);
  if (e.counterfactuals.empty()) {
    out += fmt::format("no change of one or two facts changes it ({} incidents decided)\n",
                       e.decisions);
    return out;
  }
  const auto& list = e.counterfactuals;
  for (std::size_t i = 0; i < list.size();) {
    // Values of one enum that give the same outcome share a line: "if tier were basic or
    // standard".
    std::size_t end = i + 1;
    while (end < list.size() && same_line(list[i], list[end])) ++end;
    std::string conditions;
    if (end - i > 1) {
      conditions = fmt::format("{} were ", list[i].changes[0].fact);
      for (auto k = i; k < end; ++k) {
        if (k > i) conditions += k + 1 == end ? " or " : ", ";
        conditions += value_text(list[k].changes[0].to);
      }
    } else {
      for (const auto& c : list[i].changes) {
        if (!conditions.empty()) conditions += " and ";
        conditions += condition_text(c);
      }
    }
    out += fmt::format("  {} would be {} if {}\n", e.outcome.subject(), list[i].value, conditions);
    i = end;
  }
  out +=
      fmt::format("({} counterfactual{}, each verified by deciding; {} incidents decided)\n",
                  e.counterfactuals.size(), e.counterfactuals.size() == 1 ? "" : "s", e.decisions);
  return out;
}

std::string to_json(const Explanation& e, int indent) {
  nlohmann::ordered_json out;
  out["incident_id"] = e.decision.incident_id;
  out["outcome"] = e.outcome.text();
  out["value"] = e.value;
  out["decisions"] = e.decisions;
  auto& list = out["counterfactuals"] = nlohmann::ordered_json::array();
  for (const auto& cf : e.counterfactuals) {
    nlohmann::ordered_json item;
    auto& changes = item["changes"] = nlohmann::ordered_json::array();
    for (const auto& c : cf.changes) {
      nlohmann::ordered_json change;
      change["fact"] = c.fact;
      change["from"] = json_value(c.from);
      change["to"] = json_value(c.to);
      change["relation"] = relation_name(c.relation);
      if (c.relation != Change::Relation::is) change["bound"] = json_value(c.bound);
      changes.push_back(std::move(change));
    }
    item["value"] = cf.value;
    list.push_back(std::move(item));
  }
  return out.dump(indent);
}

}  // namespace redress::explain
