#include "engine/incident_slots.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "compile/builtin_facts.hpp"
#include "redress/model/incident_fields.hpp"

namespace redress::detail {
namespace {

std::int64_t interned(const CompiledPolicy& policy, const std::string& text) {
  if (policy.interned.empty()) return -1;  // no string literal to compare with: skip the lookup
  const auto it = policy.interned.find(text);
  return it == policy.interned.end() ? -1 : it->second;
}

std::int64_t money_slot(const CompiledPolicy& policy, const std::optional<Money>& money,
                        std::string_view field, Diagnostics& problems) {
  if (!money) return 0;
  if (!(money->currency() == policy.currency)) {
    problems.error("incident.currency_mismatch", {},
                   fmt::format("{} is in {} but the policy uses {}", field,
                               money->currency().code(), policy.currency.code()),
                   fmt::format("convert the amount to {} before deciding", policy.currency.code()));
  }
  return money->minor();
}

// The range the table gives a field, as messages write it: "1 to 5", "0 or more".
std::string range_text(const FieldInfo& info) {
  return info.max == std::numeric_limits<std::int64_t>::max()
             ? fmt::format("{} or more", info.min)
             : fmt::format("{} to {}", info.min, info.max);
}

// The incident's category as a slot, or nullopt (and a problem) when the policy does not know it.
std::optional<std::int64_t> category_slot(const CompiledPolicy& policy, const std::string& category,
                                          Diagnostics& problems) {
  const auto it = policy.category_index.find(category);
  if (it != policy.category_index.end()) return it->second;
  problems.error("incident.unknown_value", {},
                 fmt::format("category '{}' is not in the policy's taxonomy", category),
                 "use a category the policy declares (see its taxonomy), e.g. core.unavailable");
  return std::nullopt;
}

// The slot of field I's fact. Ranges the reader enforces are checked again here, for incidents
// built in code: the linter relies on them.
template <std::size_t I>
std::int64_t fact_slot(const CompiledPolicy& policy, const Incident& in,
                       std::optional<std::int64_t> category, Diagnostics& problems) {
  constexpr const FieldInfo& info = kIncidentFields[I];
  using T = typename IncidentField<I>::type;
  const T& value = IncidentField<I>::of(in);
  const auto out_of_range = [&](const auto& shown) {
    problems.error("incident.out_of_range", {},
                   fmt::format("{} must be {}, found {}", info.path, range_text(info), shown));
  };
  if constexpr (info.fact_is_given) {
    return value.empty() ? 0 : 1;
  } else if constexpr (info.kind == FieldKind::category) {
    // The incident's category, or another category field that defaults to it.
    if (info.path == "category" || value.empty()) return category.value_or(0);
    return category_slot(policy, value, problems).value_or(0);
  } else if constexpr (info.kind == FieldKind::text) {
    return interned(policy, value);
  } else if constexpr (info.kind == FieldKind::flag) {
    return value ? 1 : 0;
  } else if constexpr (info.kind == FieldKind::integer) {
    if (value < info.min || value > info.max) out_of_range(value);
    return value;
  } else if constexpr (info.kind == FieldKind::money) {
    if (value && value->minor() < info.min) out_of_range(value->to_string());
    return money_slot(policy, value, info.path, problems);
  } else if constexpr (info.kind == FieldKind::enum_set) {
    std::uint64_t mask = 0;
    for (auto v : value) mask |= std::uint64_t{1} << static_cast<unsigned>(v);
    return static_cast<std::int64_t>(mask);
  } else if constexpr (std::is_enum_v<T>) {
    return static_cast<std::int64_t>(value);
  } else {
    static_assert(I < 0, "say how this field's fact is loaded");
  }
}

// The default of a field of several values when the incident gives none: the category itself
// for the causes, the category's declared type for the failure type.
template <std::size_t I>
std::int64_t default_value_slot(const CompiledPolicy& policy,
                                std::optional<std::int64_t> category) {
  using T = typename IncidentField<I>::type;
  if constexpr (std::is_same_v<T, std::vector<FailureType>>) {
    if (!category) return static_cast<std::int64_t>(FailureType::outcome);
    return static_cast<std::int64_t>(
        policy.categories[static_cast<std::size_t>(*category)].failure_type);
  } else {
    static_assert(kIncidentFields[I].kind == FieldKind::category,
                  "say what a field of several values defaults to");
    return category.value_or(0);
  }
}

// The slots of field I's values (a field of several values: FieldInfo::max_values), the primary
// first; the slots left over repeat it, so that a test holding for any value is unchanged. The
// count and the uniqueness the reader enforces are checked again, for incidents built in code.
template <std::size_t I>
void value_slots(const CompiledPolicy& policy, const Incident& in,
                 std::optional<std::int64_t> category, std::int64_t* out, Diagnostics& problems) {
  constexpr const FieldInfo& info = kIncidentFields[I];
  const auto& values = IncidentField<I>::of(in);
  if (values.size() > info.max_values) {
    problems.error("incident.too_many_values", {},
                   fmt::format("{} lists {} values; at most {} are allowed", info.path,
                               values.size(), info.max_values),
                   fmt::format("keep the {} that matter most, the primary first", info.max_values));
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (std::find(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(i), values[i]) !=
        values.begin() + static_cast<std::ptrdiff_t>(i)) {
      if constexpr (info.kind == FieldKind::category) {
        problems.error("incident.duplicate_value", {},
                       fmt::format("{} lists '{}' twice", info.path, values[i]),
                       "list each value once");
      } else {
        problems.error("incident.duplicate_value", {},
                       fmt::format("{} lists '{}' twice", info.path, to_string(values[i])),
                       "list each value once");
      }
    }
  }
  for (std::uint32_t k = 0; k < info.max_values; ++k) {
    if (k >= values.size()) {
      out[k] = k == 0 ? default_value_slot<I>(policy, category) : out[0];
    } else if constexpr (info.kind == FieldKind::category) {
      out[k] = category_slot(policy, values[k], problems).value_or(0);
    } else {
      out[k] = static_cast<std::int64_t>(values[k]);
    }
  }
}

void load_builtins(const CompiledPolicy& policy, const Incident& in, std::vector<std::int64_t>& s,
                   Diagnostics& problems) {
  if (!in.reported_at.representable()) {  // every deadline is counted from it
    problems.error("incident.out_of_range", {},
                   "reported_at must be in the years 0001 to 9999 (in its own UTC offset)");
  }
  const auto category = category_slot(policy, in.category, problems);
  for_each_incident_field([&](auto field) {
    constexpr const FieldInfo& info = kIncidentFields[field];
    if constexpr (info.max_values > 1) {
      value_slots<field>(policy, in, category, &s[kIncidentFactSlot[field]], problems);
    } else if constexpr (!info.fact.empty()) {
      s[kIncidentFactSlot[field]] = fact_slot<field>(policy, in, category, problems);
    }
  });
}

// The text of the incident's string fact in `slot`, if it is one.
std::optional<std::string> text_fact(const Incident& incident, std::uint32_t slot_index) {
  std::optional<std::string> out;
  for_each_incident_field([&](auto field) {
    if constexpr (!kIncidentFields[field].fact.empty() &&
                  kIncidentFields[field].fact_kind() == FieldKind::text) {
      if (kIncidentFactSlot[field] == slot_index) out = IncidentField<field>::of(incident);
    }
  });
  return out;
}

/// Converts a host-supplied value to its slot; nullopt (and a problem) when the type is wrong.
std::optional<std::int64_t> host_slot(const CompiledPolicy& policy, const FactInfo& fact,
                                      const FactValue& value, Diagnostics& problems) {
  using expr::TypeKind;
  namespace v2 = boost::variant2;
  const auto wrong = [&]() -> std::optional<std::int64_t> {
    problems.error("incident.wrong_type", {},
                   fmt::format("fact '{}' must be {}, found {}", fact.name, fact.type.name(),
                               to_string(value)));
    return std::nullopt;
  };
  switch (fact.type.kind) {
    case TypeKind::boolean:
      if (const auto* b = v2::get_if<bool>(&value)) return *b ? 1 : 0;
      return wrong();
    case TypeKind::integer:
      if (const auto* i = v2::get_if<std::int64_t>(&value)) return *i;
      return wrong();
    case TypeKind::money:
      if (const auto* m = v2::get_if<Money>(&value)) {
        return money_slot(policy, *m, fmt::format("fact '{}'", fact.name), problems);
      }
      return wrong();
    case TypeKind::string:
      if (const auto* s = v2::get_if<Symbol>(&value)) return interned(policy, s->name);
      return wrong();
    case TypeKind::enumeration:
      if (const auto* s = v2::get_if<Symbol>(&value)) {
        if (auto index = fact.type.enumeration->index_of(s->name)) return *index;
      }
      return wrong();
    case TypeKind::set:
      if (const auto* set = v2::get_if<SymbolSet>(&value)) {
        std::uint64_t mask = 0;
        for (const auto& name : set->names) {
          const auto index = fact.type.enumeration->index_of(name);
          if (!index) return wrong();
          mask |= std::uint64_t{1} << *index;
        }
        return static_cast<std::int64_t>(mask);
      }
      return wrong();
    case TypeKind::category:
      return wrong();
  }
  return wrong();
}

}  // namespace

void load_slots(const CompiledPolicy& policy, const Incident& incident,
                std::vector<std::int64_t>& slots, Diagnostics& problems) {
  slots.assign(policy.facts.size(), 0);
  load_builtins(policy, incident, slots, problems);
  std::size_t matched = 0;
  for (std::uint32_t i = kPrioritySlot; i < policy.facts.size(); ++i) {
    const auto& fact = policy.facts[i];
    if (fact.source == FactSource::host) {
      const auto given = incident.facts.find(fact.name);
      if (given != incident.facts.end()) {
        ++matched;
        if (auto value = host_slot(policy, fact, given->second, problems)) slots[i] = *value;
        continue;
      }
      if (fact.type.kind == expr::TypeKind::string) {
        slots[i] = -1;
        continue;
      }
      if (!fact.default_value) {
        problems.error("incident.missing_field", {},
                       fmt::format("the policy needs fact '{}' ({}) and it has no default",
                                   fact.name, fact.type.name()),
                       fmt::format("add it under facts: in the incident"));
        continue;
      }
    }
    slots[i] = fact.default_value.value_or(0);
  }
  if (matched == incident.facts.size()) return;  // every fact given is a declared host fact
  for (const auto& [name, value] : incident.facts) {
    const auto slot_index = policy.fact_slot(name);
    if (!slot_index || policy.facts[*slot_index].source != FactSource::host) {
      problems.error("incident.unknown_field", {},
                     fmt::format("fact '{}' is not declared by the policy as a host fact", name),
                     "declare it under facts: in the policy, or remove it from the incident");
    }
  }
}

FactValue slot_value(const CompiledPolicy& policy, const Incident& incident,
                     std::uint32_t slot_index, std::int64_t value) {
  const auto& fact = policy.facts[slot_index];
  using expr::TypeKind;
  switch (fact.type.kind) {
    case TypeKind::boolean:
      return value != 0;
    case TypeKind::integer:
      return value;
    case TypeKind::money:
      return Money(value, policy.currency);
    case TypeKind::enumeration:
      return Symbol{fact.type.enumeration->values.at(static_cast<std::size_t>(value))};
    case TypeKind::set: {
      SymbolSet set;
      const auto& values = fact.type.enumeration->values;
      for (std::size_t i = 0; i < values.size(); ++i) {
        if ((static_cast<std::uint64_t>(value) >> i) & 1U) set.names.push_back(values[i]);
      }
      return set;
    }
    case TypeKind::category:
      return Symbol{policy.categories.at(static_cast<std::size_t>(value)).id};
    case TypeKind::string: {
      if (auto text = text_fact(incident, slot_index)) return Symbol{std::move(*text)};
      const auto given = incident.facts.find(fact.name);
      if (given != incident.facts.end()) return given->second;
      return Symbol{};
    }
  }
  return value;
}

}  // namespace redress::detail
