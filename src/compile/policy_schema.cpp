#include "compile/policy_schema.hpp"

#include "redress/compile/compiler.hpp"

namespace redress::detail {

std::optional<expr::FactRef> PolicySchema::fact(std::string_view name) const {
  const auto slot = policy_.fact_slot(name);
  if (!slot || policy_.facts[*slot].values == 0) return std::nullopt;  // a further value's slot
  return expr::FactRef{*slot, policy_.facts[*slot].type, policy_.facts[*slot].values};
}

std::vector<std::string> PolicySchema::fact_names() const {
  std::vector<std::string> names;
  names.reserve(policy_.facts.size());
  for (const auto& fact : policy_.facts) {
    if (fact.values > 0) names.push_back(fact.name);
  }
  return names;
}

std::optional<expr::CategoryRef> PolicySchema::category(std::string_view id) const {
  const auto it = policy_.category_index.find(std::string(id));
  if (it == policy_.category_index.end()) return std::nullopt;
  const auto& node = policy_.categories[static_cast<std::size_t>(it->second)];
  return expr::CategoryRef{it->second, node.end};
}

std::vector<std::string> PolicySchema::category_names() const {
  std::vector<std::string> names;
  names.reserve(policy_.categories.size());
  for (const auto& node : policy_.categories) names.push_back(node.id);
  return names;
}

std::int64_t PolicySchema::intern(std::string_view text) {
  if (!interning_) {
    const auto it = policy_.interned.find(std::string(text));
    return it == policy_.interned.end() ? -1 : it->second;
  }
  const auto next = static_cast<std::int64_t>(policy_.interned.size());
  return interning_->interned.emplace(std::string(text), next).first->second;
}

}  // namespace redress::detail

namespace redress {

std::optional<expr::Program> compile_expression(const CompiledPolicy& policy, std::string_view text,
                                                std::optional<expr::Type> expected,
                                                Diagnostics& diagnostics) {
  detail::PolicySchema schema(policy);
  return expr::compile(
      text, schema, expected, [](std::size_t) { return SourceLocation{}; }, diagnostics);
}

}  // namespace redress
