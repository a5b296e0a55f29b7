#include "redress/engine/fact_values.hpp"

#include "engine/incident_slots.hpp"
#include "redress/engine/decide.hpp"

namespace redress {

std::vector<std::int64_t> fact_values(const CompiledPolicy& policy, const Incident& incident) {
  std::vector<std::int64_t> slots;
  Diagnostics problems;
  detail::load_slots(policy, incident, slots, problems);
  if (problems.has_errors()) throw DecideError(std::move(problems));
  return slots;
}

FactValue fact_value(const CompiledPolicy& policy, const Incident& incident, std::uint32_t slot,
                     std::int64_t value) {
  // A text's slot holds the id of the literal it equals (-1: none): the id names the text.
  if (slot < policy.facts.size() && policy.facts[slot].type.kind == expr::TypeKind::string &&
      value >= 0) {
    for (const auto& [text, id] : policy.interned) {
      if (id == value) return Symbol{text};
    }
  }
  return detail::slot_value(policy, incident, slot, value);
}

}  // namespace redress
