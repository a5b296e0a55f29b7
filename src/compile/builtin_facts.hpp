// The facts every policy can read without declaring them: the incident's fields, plus the
// built-in derived fact `priority`. Slots 0..builtin_facts().size()-1 hold them, in this order.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "redress/expr/type.hpp"
#include "redress/model/enums.hpp"

namespace redress::detail {

/// Slot numbers of the built-in facts.
enum class Builtin : std::uint32_t {
  category,
  failure_type,
  magnitude,
  loss,
  locus,
  stability,
  controllability,
  safety_critical,
  affected_count,
  touchpoint,
  emotion,
  intensity,
  motives,
  deficits,
  tier,
  channel,
  prior_failures,
  last_failure_days_ago,
  last_failure_same_category,
  last_recovery_outcome,
  open_complaints,
  reopen_count,
  compensation_given,
  external_complaint,
  priority,  ///< derived; last, so host and policy facts follow it
};

struct BuiltinFact {
  std::string_view name;
  expr::Type type;
  std::string_view description;
};

/// Every built-in fact, indexed by Builtin.
std::span<const BuiltinFact> builtin_facts();

/// The expression-level enum type of a model enum (one static instance per enum).
template <typename E>
const expr::EnumType& enum_type();

constexpr std::uint32_t slot(Builtin b) { return static_cast<std::uint32_t>(b); }

}  // namespace redress::detail
