#include "compile/builtin_facts.hpp"

#include <fmt/format.h>

#include <array>
#include <string>
#include <vector>

namespace redress::detail {
namespace {

// The expression-level enum type of a model enum (one static instance per enum).
template <typename E>
const expr::EnumType& enum_type() {
  static const expr::EnumType type = [] {
    expr::EnumType t;
    t.name = std::string(EnumNames<E>::type_name);
    for (auto name : enum_names<E>()) t.values.emplace_back(name);
    return t;
  }();
  return type;
}

// The expression type of field I's fact, from its kind and its member's C++ type.
template <std::size_t I>
expr::Type fact_type() {
  using T = typename IncidentField<I>::type;
  constexpr FieldKind kind = kIncidentFields[I].fact_kind();
  using expr::Type;
  if constexpr (kind == FieldKind::category) {
    return Type::category();
  } else if constexpr (kind == FieldKind::text) {
    return Type::string();
  } else if constexpr (kind == FieldKind::flag) {
    return Type::boolean();
  } else if constexpr (kind == FieldKind::integer) {
    return Type::integer();
  } else if constexpr (kind == FieldKind::money) {
    return Type::money();
  } else if constexpr (kind == FieldKind::enumeration) {
    return Type::enumeration_of(enum_type<typename redress::detail::fields::Enumerated<T>::type>());
  } else if constexpr (kind == FieldKind::enum_set) {
    return Type::set_of(enum_type<typename redress::detail::fields::Enumerated<T>::type>());
  } else {
    static_assert(I < 0, "a field of this kind cannot feed a fact");
  }
}

std::vector<BuiltinFact> make_builtin_facts() {
  std::vector<BuiltinFact> facts;
  for_each_incident_field([&](auto field) {
    constexpr auto& info = kIncidentFields[field];
    if constexpr (!info.fact.empty()) {
      facts.push_back(
          {std::string(info.fact), fact_type<field>(), info.description, info.max_values});
      for (unsigned k = 2; k <= info.max_values; ++k) {
        facts.push_back(
            {fmt::format("{}#{}", info.fact, k), fact_type<field>(), info.description, 0});
      }
    }
  });
  facts.push_back({"priority", expr::Type::integer(), "derived: 1 is the most urgent", 1});
  return facts;
}

}  // namespace

std::span<const BuiltinFact> builtin_facts() {
  static const std::vector<BuiltinFact> facts = make_builtin_facts();
  return facts;
}

}  // namespace redress::detail
