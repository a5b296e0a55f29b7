#include "engine/incident_slots.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "compile/builtin_facts.hpp"

namespace redress::detail {
namespace {

template <typename E>
std::int64_t enum_slot(E value) {
  return static_cast<std::int64_t>(value);
}

template <typename E>
std::int64_t set_slot(const std::vector<E>& values) {
  std::uint64_t mask = 0;
  for (auto v : values) mask |= std::uint64_t{1} << static_cast<unsigned>(v);
  return static_cast<std::int64_t>(mask);
}

std::int64_t interned(const CompiledPolicy& policy, const std::string& text) {
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

/// Ranges the incident reader enforces, checked again for incidents built in code.
void check_ranges(const Incident& in, Diagnostics& problems) {
  const auto out_of_range = [&](std::string_view field, std::int64_t value, std::string range) {
    problems.error("incident.out_of_range", {},
                   fmt::format("{} must be {}, found {}", field, range, value));
  };
  if (in.intensity < 1 || in.intensity > 5) out_of_range("intensity", in.intensity, "1 to 5");
  const std::pair<std::string_view, std::int64_t> counts[] = {
      {"affected_count", in.affected_count},
      {"history.prior_failures", in.history.prior_failures},
      {"history.last_failure_days_ago", in.history.last_failure_days_ago},
      {"history.open_complaints", in.history.open_complaints},
      {"history.reopen_count", in.history.reopen_count}};
  for (const auto& [field, value] : counts) {
    if (value < 0) out_of_range(field, value, "0 or more");
  }
  if (!in.reported_at.representable()) {
    problems.error("incident.out_of_range", {},
                   "reported_at must be in the years 0001 to 9999 (in its own UTC offset)");
  }
}

void load_builtins(const CompiledPolicy& policy, const Incident& in, std::vector<std::int64_t>& s,
                   Diagnostics& problems) {
  check_ranges(in, problems);
  const auto category = policy.category_index.find(in.category);
  if (category == policy.category_index.end()) {
    std::vector<std::string> ids;
    for (const auto& node : policy.categories) ids.push_back(node.id);
    problems.error("incident.unknown_value", {},
                   fmt::format("category '{}' is not in the policy's taxonomy", in.category),
                   "use a category the policy declares (see its taxonomy), e.g. core.unavailable");
  } else {
    s[slot(Builtin::category)] = category->second;
  }
  const auto type = in.failure_type ? *in.failure_type
                    : category != policy.category_index.end()
                        ? policy.categories[static_cast<std::size_t>(category->second)].failure_type
                        : FailureType::outcome;
  s[slot(Builtin::failure_type)] = enum_slot(type);
  s[slot(Builtin::magnitude)] = enum_slot(in.magnitude);
  s[slot(Builtin::loss)] = money_slot(policy, in.loss, "loss", problems);
  s[slot(Builtin::locus)] = enum_slot(in.locus);
  s[slot(Builtin::stability)] = enum_slot(in.stability);
  s[slot(Builtin::controllability)] = enum_slot(in.controllability);
  s[slot(Builtin::safety_critical)] = in.safety_critical ? 1 : 0;
  s[slot(Builtin::affected_count)] = in.affected_count;
  s[slot(Builtin::touchpoint)] = interned(policy, in.touchpoint);
  s[slot(Builtin::emotion)] = enum_slot(in.emotion);
  s[slot(Builtin::intensity)] = in.intensity;
  s[slot(Builtin::motives)] = set_slot(in.motives);
  s[slot(Builtin::deficits)] = set_slot(in.deficits);
  s[slot(Builtin::tier)] = enum_slot(in.tier);
  s[slot(Builtin::channel)] = enum_slot(in.channel);
  const auto& h = in.history;
  s[slot(Builtin::prior_failures)] = h.prior_failures;
  s[slot(Builtin::last_failure_days_ago)] = h.last_failure_days_ago;
  s[slot(Builtin::last_failure_same_category)] = h.last_failure_same_category ? 1 : 0;
  s[slot(Builtin::last_recovery_outcome)] = enum_slot(h.last_recovery_outcome);
  s[slot(Builtin::open_complaints)] = h.open_complaints;
  s[slot(Builtin::reopen_count)] = h.reopen_count;
  s[slot(Builtin::compensation_given)] =
      money_slot(policy, h.compensation_given, "history.compensation_given", problems);
  s[slot(Builtin::external_complaint)] = h.external_complaint ? 1 : 0;
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
  for (std::uint32_t i = slot(Builtin::priority); i < policy.facts.size(); ++i) {
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
      if (slot_index == slot(Builtin::touchpoint)) return Symbol{incident.touchpoint};
      const auto given = incident.facts.find(fact.name);
      if (given != incident.facts.end()) return given->second;
      return Symbol{};
    }
  }
  return value;
}

}  // namespace redress::detail
