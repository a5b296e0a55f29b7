#include "testing/invariant.hpp"

#include <algorithm>

#include "redress/engine/fact_values.hpp"

namespace redress::testing::detail {
namespace {

namespace v2 = boost::variant2;

std::int64_t position(const std::vector<std::uint32_t>& chain, const CompiledPolicy& policy,
                      std::string_view role) {
  for (std::size_t i = 0; i < chain.size(); ++i) {
    if (policy.roles[chain[i]].id == role) return static_cast<std::int64_t>(i);
  }
  return -1;
}

template <typename Items, typename Id>
std::int64_t mask_of(const expr::EnumType& e, const Items& items, Id id) {
  std::uint64_t mask = 0;
  for (const auto& item : items) {
    if (const auto index = e.index_of(id(item))) mask |= std::uint64_t{1} << *index;
  }
  return static_cast<std::int64_t>(mask);
}

/// A derived fact's value as the decision reports it, as a slot value.
std::optional<std::int64_t> slot_of(const FactInfo& fact, const FactValue& value) {
  if (const auto* b = v2::get_if<bool>(&value)) return *b ? 1 : 0;
  if (const auto* i = v2::get_if<std::int64_t>(&value)) return *i;
  if (const auto* m = v2::get_if<Money>(&value)) return m->minor();
  if (const auto* s = v2::get_if<Symbol>(&value)) {
    if (fact.type.enumeration) return fact.type.enumeration->index_of(s->name);
  }
  if (const auto* set = v2::get_if<SymbolSet>(&value); set && fact.type.enumeration) {
    std::uint64_t mask = 0;
    for (const auto& name : set->names) {
      if (auto index = fact.type.enumeration->index_of(name)) mask |= std::uint64_t{1} << *index;
    }
    return static_cast<std::int64_t>(mask);
  }
  return std::nullopt;
}

}  // namespace

std::string invariant_names() {
  return "compensation_total, goodwill_total, restitution_total (money), owner (a role), "
         "owner_level (int, 0 for the entry role), offered (set of remedies), involved (set of "
         "departments), remedies_offered (int)";
}

InvariantSchema::InvariantSchema(const CompiledPolicy& policy) : policy_(policy) {
  const auto money = [](Money(Decision::*member)) {
    return [member](const Decision& d) { return (d.*member).minor(); };
  };
  extras_.push_back(
      {"compensation_total", expr::Type::money(), money(&Decision::compensation_total)});
  extras_.push_back({"goodwill_total", expr::Type::money(), money(&Decision::goodwill_total)});
  extras_.push_back(
      {"restitution_total", expr::Type::money(), money(&Decision::restitution_total)});
  auto& roles = enums_.emplace_back();
  roles.name = "Role";
  for (const auto& role : policy.roles) roles.values.push_back(role.id);
  extras_.push_back({"owner", expr::Type::enumeration_of(roles),
                     [&roles](const Decision& d) { return roles.index_of(d.owner).value_or(-1); }});
  extras_.push_back({"owner_level", expr::Type::integer(), [&policy](const Decision& d) {
                       return position(policy.escalation_chain, policy, d.owner);
                     }});
  if (policy.remedies.size() <= 64) {
    auto& remedies = enums_.emplace_back();
    remedies.name = "Remedy";
    for (const auto& remedy : policy.remedies) remedies.values.push_back(remedy.id);
    extras_.push_back({"offered", expr::Type::set_of(remedies), [&remedies](const Decision& d) {
                         return mask_of(remedies, d.remedies,
                                        [](const RemedyOffer& r) { return r.id; });
                       }});
  }
  if (policy.departments.size() <= 64) {
    auto& departments = enums_.emplace_back();
    departments.name = "Department";
    for (const auto& department : policy.departments) departments.values.push_back(department.id);
    extras_.push_back(
        {"involved", expr::Type::set_of(departments), [&departments](const Decision& d) {
           return mask_of(departments, d.departments, [](std::string_view id) { return id; });
         }});
  }
  extras_.push_back({"remedies_offered", expr::Type::integer(), [](const Decision& d) {
                       return static_cast<std::int64_t>(d.remedies.size());
                     }});
}

std::optional<expr::FactRef> InvariantSchema::fact(std::string_view name) const {
  if (const auto slot = policy_.fact_slot(name)) {
    const auto& fact = policy_.facts[*slot];
    if (fact.values == 0) return std::nullopt;  // a further value's slot: no expression names it
    return expr::FactRef{*slot, fact.type, fact.values};
  }
  for (std::size_t i = 0; i < extras_.size(); ++i) {
    if (extras_[i].name == name) {
      return expr::FactRef{static_cast<std::uint32_t>(policy_.facts.size() + i), extras_[i].type};
    }
  }
  return std::nullopt;
}

std::vector<std::string> InvariantSchema::fact_names() const {
  std::vector<std::string> out;
  for (const auto& fact : policy_.facts) {
    if (fact.values > 0) out.push_back(fact.name);
  }
  for (const auto& extra : extras_) out.push_back(extra.name);
  return out;
}

std::optional<expr::CategoryRef> InvariantSchema::category(std::string_view id) const {
  const auto it = policy_.category_index.find(std::string(id));
  if (it == policy_.category_index.end()) return std::nullopt;
  return expr::CategoryRef{it->second,
                           policy_.categories[static_cast<std::size_t>(it->second)].end};
}

std::vector<std::string> InvariantSchema::category_names() const {
  std::vector<std::string> out;
  for (const auto& node : policy_.categories) out.push_back(node.id);
  return out;
}

std::int64_t InvariantSchema::intern(std::string_view text) {
  const auto it = policy_.interned.find(std::string(text));
  if (it != policy_.interned.end()) return it->second;
  // A string the policy never names: an id no incident's string fact can have (those the
  // policy does not name are -1).
  const auto found = fresh_.find(text);
  if (found != fresh_.end()) return found->second;
  const auto id = static_cast<std::int64_t>(policy_.interned.size() + fresh_.size()) + 1'000'000;
  fresh_.emplace(std::string(text), id);
  return id;
}

std::vector<std::int64_t> InvariantSchema::slots(const Incident& incident,
                                                 const Decision& decision) const {
  auto out = fact_values(policy_, incident);
  for (const auto& derived : decision.classification.derived) {
    const auto slot = policy_.fact_slot(derived.name);
    if (!slot) continue;
    if (const auto value = slot_of(policy_.facts[*slot], derived.value)) out[*slot] = *value;
  }
  out[policy_.priority_slot] = decision.priority;
  for (const auto& extra : extras_) out.push_back(extra.value(decision));
  return out;
}

}  // namespace redress::testing::detail
