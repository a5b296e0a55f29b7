// The facts every policy can read without declaring them: the incident's fields that feed a
// fact (redress/model/incident_fields.hpp), in the table's order, then the built-in derived fact
// `priority`. Slots 0..builtin_facts().size()-1 hold them, in this order; a fact of several
// values (cause, failure_type) is followed by one entry per further value, named `fact#2`, ...,
// which no expression can name.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "redress/expr/type.hpp"
#include "redress/model/incident_fields.hpp"

namespace redress::detail {

struct BuiltinFact {
  std::string name;
  expr::Type type;
  std::string_view description;
  /// The slots of its values from its own (FactInfo::values): 1, more for a fact of several
  /// values, 0 for the entry of a further value.
  std::uint8_t values = 1;
};

/// Every built-in fact, indexed by slot.
std::span<const BuiltinFact> builtin_facts();

/// The slot of the derived fact `priority`: right after the incident's facts.
inline constexpr std::uint32_t kPrioritySlot = kIncidentFactCount;

/// The slot of the built-in fact `name`; a name that is not built in does not compile.
consteval std::uint32_t slot(std::string_view name) {
  return name == "priority" ? kPrioritySlot : incident_fact_index(name);
}

}  // namespace redress::detail
