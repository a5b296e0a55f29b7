#include "redress/explain/input_space.hpp"

#include <algorithm>
#include <limits>
#include <set>

#include "redress/compile/condition_constants.hpp"
#include "redress/engine/fact_values.hpp"
#include "redress/model/incident_fields.hpp"

namespace redress::explain {
namespace {

using expr::TypeKind;

/// The slots any rule's condition or action expressions read.
std::set<std::uint32_t> read_slots(const CompiledPolicy& policy) {
  std::set<std::uint32_t> out;
  for (const auto& rule : policy.rules) {
    if (rule.when) out.insert(rule.when->reads.begin(), rule.when->reads.end());
    for (const auto& action : rule.actions) {
      action.for_each_program([&out](const expr::Program& program) {
        out.insert(program.reads.begin(), program.reads.end());
      });
    }
  }
  return out;
}

/// The range the incident field table gives a built-in fact; the whole int64 range for host
/// facts.
std::pair<std::int64_t, std::int64_t> range_of(std::uint32_t slot) {
  if (const FieldInfo* field = incident_field_of_slot(slot)) return {field->min, field->max};
  return {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()};
}

/// c - 1, c and c + 1 for every constant, within [min, max].
std::vector<std::int64_t> around(const std::vector<std::int64_t>& constants, std::int64_t min,
                                 std::int64_t max) {
  std::vector<std::int64_t> out;
  for (const auto c : constants) {
    for (const auto d : {-1, 0, 1}) {
      if ((d < 0 && c == std::numeric_limits<std::int64_t>::min()) ||
          (d > 0 && c == std::numeric_limits<std::int64_t>::max())) {
        continue;
      }
      const auto v = c + d;
      if (v >= min && v <= max) out.push_back(v);
    }
  }
  if (min != std::numeric_limits<std::int64_t>::min()) out.push_back(min);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

/// Amounts computed from money (half the loss, capped) meet the roles' authority at values no
/// condition names: a 1-1.5-2-3-5-7 series of amounts, from 1.00 up to four times the largest
/// amount the policy names (an authority or a condition's constant), gives the search a value
/// near each.
void add_ladder(const CompiledPolicy& policy, const std::vector<std::int64_t>& constants,
                Dimension& d) {
  std::int64_t largest = 100'000;
  for (const auto& role : policy.roles) {
    if (role.authority) largest = std::max(largest, *role.authority);
  }
  if (!constants.empty()) largest = std::max(largest, constants.back());
  const auto cap = largest > std::numeric_limits<std::int64_t>::max() / 4 ? largest : largest * 4;
  for (std::int64_t decade = 100; decade <= cap && decade <= d.max / 10; decade *= 10) {
    for (const auto tenths : {10, 15, 20, 30, 50, 70}) {
      const auto v = decade * tenths / 10;
      if (v >= d.min && v <= cap) d.values.push_back(v);
    }
  }
  std::sort(d.values.begin(), d.values.end());
  d.values.erase(std::unique(d.values.begin(), d.values.end()), d.values.end());
}

std::vector<std::int64_t> indices(std::size_t count) {
  std::vector<std::int64_t> out(count);
  for (std::size_t i = 0; i < count; ++i) out[i] = static_cast<std::int64_t>(i);
  return out;
}

}  // namespace

bool is_numeric(const CompiledPolicy& policy, std::uint32_t slot) {
  const auto kind = policy.facts[slot].type.kind;
  return kind == TypeKind::integer || kind == TypeKind::money;
}

std::vector<Dimension> input_space(const CompiledPolicy& policy) {
  const auto constants = condition_constants(policy);
  std::vector<Dimension> out;
  for (const auto slot : read_slots(policy)) {
    if (slot >= policy.facts.size()) continue;
    const auto& fact = policy.facts[slot];
    if (fact.source == FactSource::derived) continue;
    // A fact of several values varies in its primary value: the further values of an incident
    // (secondary causes) are the host's detail, and keep repeating the primary.
    if (fact.values == 0) continue;
    Dimension d;
    d.slot = slot;
    const auto& type = fact.type;
    switch (type.kind) {
      case TypeKind::boolean:
        d.values = {0, 1};
        break;
      case TypeKind::enumeration:
        d.values = indices(type.enumeration->values.size());
        break;
      case TypeKind::set:
        d.values = indices(type.enumeration->values.size());
        break;
      case TypeKind::category:
        d.values = constants[slot];
        break;
      case TypeKind::integer:
      case TypeKind::money: {
        std::tie(d.min, d.max) = range_of(slot);
        if (fact.source == FactSource::host && type.kind == TypeKind::money) d.min = 0;
        d.values = around(constants[slot], d.min, d.max);
        if (type.kind == TypeKind::money) add_ladder(policy, constants[slot], d);
        break;
      }
      case TypeKind::string:  // the texts conditions compare it with (interned ids)
        if (constants[slot].empty()) continue;
        d.values = constants[slot];
        break;
    }
    out.push_back(std::move(d));
  }
  return out;
}

namespace {

template <std::size_t I>
void set_field(const CompiledPolicy& policy, Incident& in, std::int64_t value) {
  constexpr const FieldInfo& info = kIncidentFields[I];
  using T = typename IncidentField<I>::type;
  auto& field = IncidentField<I>::of(in);
  if constexpr (info.fact_is_given) {  // given or not: any id is alike to the policy
    field = value != 0 ? std::string("G") : std::string();
  } else if constexpr (info.max_values > 1) {  // the primary value alone
    field.clear();
    if constexpr (info.kind == FieldKind::category) {
      field.push_back(policy.categories.at(static_cast<std::size_t>(value)).id);
    } else {
      field.push_back(static_cast<typename T::value_type>(value));
    }
  } else if constexpr (info.kind == FieldKind::category) {
    field = policy.categories.at(static_cast<std::size_t>(value)).id;
  } else if constexpr (info.kind == FieldKind::flag) {
    field = value != 0;
  } else if constexpr (info.kind == FieldKind::integer) {
    field = value;
  } else if constexpr (info.kind == FieldKind::money) {
    field = Money(value, policy.currency);
  } else if constexpr (info.kind == FieldKind::enum_set) {
    using E = typename T::value_type;
    field.clear();
    for (std::size_t i = 0; i < enum_names<E>().size(); ++i) {
      if ((static_cast<std::uint64_t>(value) >> i) & 1U) field.push_back(static_cast<E>(i));
    }
  } else if constexpr (info.kind == FieldKind::text) {
    for (const auto& [text, id] : policy.interned) {
      if (id == value) field = text;
    }
  } else if constexpr (std::is_enum_v<T>) {
    field = static_cast<T>(value);
  }
  // A text fact takes the texts conditions compare it with; texts no condition names are all
  // alike to the policy, so they are not part of the space.
}

}  // namespace

void set_fact(const CompiledPolicy& policy, Incident& incident, std::uint32_t slot,
              std::int64_t value) {
  const auto& fact = policy.facts.at(slot);
  if (fact.source == FactSource::host) {
    incident.facts[fact.name] = fact_value(policy, incident, slot, value);
    return;
  }
  for_each_incident_field([&](auto field) {
    if constexpr (!kIncidentFields[field].fact.empty()) {
      if (kIncidentFactSlot[field] == slot) set_field<field>(policy, incident, value);
    }
  });
}

}  // namespace redress::explain
