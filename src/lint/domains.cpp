// The domains of the facts. They must hold every value a fact can have when a rule reads it,
// or the linter would call a rule dead that can fire.
#include "compile/builtin_facts.hpp"
#include "lint/conditions.hpp"
#include "redress/model/incident_fields.hpp"

namespace redress::linting {
namespace {

using detail::kPrioritySlot;

/// Every value of the type (nullopt for strings, which the analysis does not model).
std::optional<Constraint> full(const CompiledPolicy& policy, const expr::Type& type) {
  switch (type.kind) {
    case expr::TypeKind::boolean:
      return Constraint::values(0b11);
    case expr::TypeKind::integer:
    case expr::TypeKind::money:
      return Constraint::interval({});
    case expr::TypeKind::enumeration:
      return Constraint::values(low_bits(type.enumeration->values.size()));
    case expr::TypeKind::set:
      return Constraint::set(0, 0);
    case expr::TypeKind::category:
      return Constraint::interval({0, static_cast<std::int64_t>(policy.categories.size()) - 1});
    case expr::TypeKind::string:
      break;
  }
  return std::nullopt;
}

/// Adds one possible value to a derived fact's domain.
void add_value(Constraint& domain, std::int64_t value) {
  if (domain.kind == Constraint::Kind::mask) {
    if (value >= 0 && value < 64) domain.mask |= std::uint64_t{1} << value;
  } else if (domain.kind == Constraint::Kind::interval) {
    domain.range = hull(domain.range, Interval::of(value));
  }
}

/// A derived fact (other than priority) is its default or a value some rule sets: the
/// constants rules assign, or anything of its type when a rule computes it.
std::optional<Constraint> derived_domain(const CompiledPolicy& policy, std::uint32_t fact) {
  const auto& info = policy.facts[fact];
  auto domain = full(policy, info.type);
  if (!domain || domain->kind == Constraint::Kind::set) return domain;
  Constraint seen = *domain;
  seen.mask = 0;
  seen.range = Interval::none();
  if (info.default_value) add_value(seen, *info.default_value);
  for (const auto& rule : policy.rules) {
    for (const auto& action : rule.actions) {
      if (action.kind != ActionInfo::Kind::set || action.target != fact) continue;
      const auto constant = action.value ? action.value->constant() : std::nullopt;
      if (!constant) return domain;
      add_value(seen, *constant);
    }
  }
  return seen;
}

/// The engine clamps every priority a rule sets into the SLA's range, and the default must be
/// a declared target.
Constraint priority_domain(const CompiledPolicy& policy) {
  Interval range = Interval::of(policy.default_priority);
  if (!policy.sla.empty()) {
    range = hull(range, {policy.sla.front().priority, policy.sla.back().priority});
  }
  return Constraint::interval(range);
}

/// The ranges the incident reader and the engine enforce on the incident's integer and money
/// facts (the field table's min and max).
void narrow_builtins(const CompiledPolicy& policy, Domains& domains) {
  for (std::size_t i = 0; i < kIncidentFieldCount; ++i) {
    const auto& field = kIncidentFields[i];
    if (field.fact.empty()) continue;
    if (field.kind == FieldKind::integer || field.kind == FieldKind::money) {
      domains[kIncidentFactSlot[i]] = Constraint::interval({field.min, field.max});
    }
  }
  domains[policy.priority_slot] = priority_domain(policy);
}

}  // namespace

Domains fact_domains(const CompiledPolicy& policy) {
  Domains domains(policy.facts.size());
  for (std::uint32_t i = 0; i < policy.facts.size(); ++i) {
    const auto& fact = policy.facts[i];
    domains[i] = fact.source == FactSource::derived && i != policy.priority_slot
                     ? derived_domain(policy, i)
                     : full(policy, fact.type);
  }
  if (domains.size() > kPrioritySlot) narrow_builtins(policy, domains);
  return domains;
}

}  // namespace redress::linting
