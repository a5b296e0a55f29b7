// The fields of an incident document, once: names, nesting, kinds, ranges, defaults, the built-in
// facts they feed, and where each is kept in an Incident. The readers (JSON and YAML), the
// built-in facts, the engine's fact slots and the linter's ranges are derived from this table;
// rules/schema/incident.schema.json is checked against it by a test.
//
// Adding a field: a member in Incident (or History), one entry in kIncidentFieldTable, and the
// code that uses it. The readers, the facts and the checks follow.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "redress/model/enums.hpp"
#include "redress/model/incident.hpp"

namespace redress {

/// What a field holds, as documents write it.
enum class FieldKind : std::uint8_t {
  group,        ///< a map of the fields below it (a table entry of its own)
  text,         ///< a string
  timestamp,    ///< an RFC 3339 timestamp with an offset
  category,     ///< a string that must be a category of the policy's taxonomy
  enumeration,  ///< one value of an enum
  enum_set,     ///< a list of an enum's values, read as a set
  text_list,    ///< a list of strings, in written order
  flag,         ///< true or false
  integer,      ///< a 64-bit integer within [min, max]
  money,        ///< "800.00 CNY" or {minor: 80000, currency: CNY}, at least `min` minor units
  host_facts,   ///< the policy's host facts, by name
};

/// What a field tells of the incident. The members of an incident group (customers hit by one
/// failure) share the failure's facts and differ in their own: a remedy that depends only on the
/// former is the same for the whole group.
enum class Describes : std::uint8_t {
  failure,   ///< the failure, or the case (ids, times, host facts)
  customer,  ///< the customer: who they are, how they feel, their past with the firm
};

/// One field of the incident document.
struct FieldInfo {
  /// Dotted path from the document root ("history.prior_failures"); the parent (the path
  /// before the last dot) is a group listed earlier in the table.
  std::string_view path;
  FieldKind kind = FieldKind::text;  ///< what the field holds
  /// Must be present, not null and not empty (inside its group, when the group is given).
  bool required = false;
  /// The built-in fact the field feeds (policies read it under this name), or empty.
  std::string_view fact;
  /// The fact is a flag, true when the field is given (not empty), rather than the field's value:
  /// policies test that an incident has a group id, never the id itself.
  bool fact_is_given = false;
  Describes describes = Describes::failure;                     ///< the failure or the customer
  std::int64_t min = std::numeric_limits<std::int64_t>::min();  ///< integer, money (minor units)
  std::int64_t max = std::numeric_limits<std::int64_t>::max();  ///< integer
  /// Group: a bare value (not a map) stands for the group's first field.
  bool shorthand = false;
  /// Category, enumeration: more than 1 when the field holds one value or a list of up to this
  /// many different ones, the first the primary. Its fact keeps each value in a slot of its own
  /// (slots the list leaves unused repeat the primary), and a test of the fact holds when it
  /// holds for any of them.
  std::uint8_t max_values = 1;
  std::string_view example;        ///< a value as hints write it: "core.unavailable"
  std::string_view default_value;  ///< what an absent field means, for the reference
  std::string_view description;    ///< one line for the reference
  // Derived by incident_fields(), never written in the table:
  int parent = -1;                           ///< index of the enclosing group, -1 at the root
  std::span<const std::string_view> values;  ///< enumeration, enum_set: the spellings

  /// The kind of the fact the field feeds: a flag for fact_is_given, else the field's kind.
  [[nodiscard]] constexpr FieldKind fact_kind() const {
    return fact_is_given ? FieldKind::flag : kind;
  }

  /// The fact slots the field's fact takes: max_values, or 0 when it feeds no fact.
  [[nodiscard]] constexpr std::uint32_t fact_slots() const {
    return fact.empty() ? 0U : static_cast<std::uint32_t>(max_values);
  }

  /// The key in its map: the path after the last dot.
  [[nodiscard]] constexpr std::string_view name() const {
    const auto dot = path.rfind('.');
    return dot == std::string_view::npos ? path : path.substr(dot + 1);
  }
};

namespace detail::fields {

/// Where a field's value is kept, from its group's object (the Incident at the root): a chain
/// of members. A group with no member keeps its fields in its parent's object.
template <auto... Members>
struct Stored {
  template <typename Object>
  static constexpr auto& in(Object& object) {
    return (object.*....*Members);
  }
};

template <typename Where>
struct Field {
  FieldInfo info;
  using stored = Where;
};

template <auto... Members>
constexpr Field<Stored<Members...>> field(FieldInfo info) {
  return {info};
}

}  // namespace detail::fields

// Designated initializers leave the other members at their defaults, on purpose.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
// clang-format off
/// The table. Groups come before their fields; order is the order of the built-in fact slots,
/// of the reference documentation and of diagnostics.
inline constexpr auto kIncidentFieldTable = std::tuple{
    detail::fields::field<&Incident::id>({
        .path = "id", .kind = FieldKind::text, .required = true, .example = "\"INC-1\"",
        .description = "the host's id, echoed in the decision"}),
    detail::fields::field<&Incident::reported_at>({
        .path = "reported_at", .kind = FieldKind::timestamp, .required = true,
        .example = "\"2026-11-25T09:30:00+08:00\"",
        .description = "when the customer reported it; SLA deadlines count from here"}),
    detail::fields::field<&Incident::occurred_at>({
        .path = "occurred_at", .kind = FieldKind::timestamp,
        .example = "\"2026-11-24T20:00:00+08:00\"", .default_value = "reported_at",
        .description = "when the failure happened; clocks with start: occurred run from here"}),
    detail::fields::field<&Incident::category>({
        .path = "category", .kind = FieldKind::category, .required = true, .fact = "category",
        .example = "core.unavailable",
        .description = "the failure category (taxonomy id)"}),
    detail::fields::field<&Incident::causes>({
        .path = "cause", .kind = FieldKind::category, .fact = "cause", .max_values = 3,
        .example = "core.system", .default_value = "the category itself",
        .description = "the root causes as categories (the primary first), when not the symptom"}),
    detail::fields::field<&Incident::failure_types>({
        .path = "failure_type", .kind = FieldKind::enumeration, .fact = "failure_type",
        .max_values = 2, .example = "outcome", .default_value = "the category's declared type",
        .description = "outcome or process failure, or both: [outcome, process]"}),
    detail::fields::field<&Incident::magnitude>({
        .path = "magnitude", .kind = FieldKind::enumeration, .fact = "magnitude",
        .example = "major", .default_value = "minor", .description = "how bad"}),
    detail::fields::field<&Incident::loss>({
        .path = "loss", .kind = FieldKind::money, .fact = "loss", .min = 0,
        .example = "\"800.00 CNY\"", .default_value = "0 in the policy's currency",
        .description = "money lost or at stake"}),
    detail::fields::field<&Incident::locus>({
        .path = "locus", .kind = FieldKind::enumeration, .fact = "locus", .example = "firm",
        .default_value = "firm", .description = "who caused the failure"}),
    detail::fields::field<&Incident::stability>({
        .path = "stability", .kind = FieldKind::enumeration, .fact = "stability",
        .example = "recurring", .default_value = "one_off",
        .description = "one-off or recurring"}),
    detail::fields::field<&Incident::controllability>({
        .path = "controllability", .kind = FieldKind::enumeration, .fact = "controllability",
        .example = "uncontrollable", .default_value = "firm_controllable",
        .description = "could the firm have prevented it"}),
    detail::fields::field<&Incident::safety_critical>({
        .path = "safety_critical", .kind = FieldKind::flag, .fact = "safety_critical",
        .example = "true", .default_value = "false",
        .description = "a safety risk is involved"}),
    detail::fields::field<&Incident::affected_count>({
        .path = "affected_count", .kind = FieldKind::integer, .fact = "affected_count",
        .min = 0, .example = "12", .default_value = "1",
        .description = "customers hit by the same failure"}),
    detail::fields::field<&Incident::group>({
        .path = "group", .kind = FieldKind::text, .fact = "in_group", .fact_is_given = true,
        .example = "\"FL-2026-1125-MU5101\"", .default_value = "empty: no group",
        .description = "the id of the incident group: every customer hit by one failure"}),
    detail::fields::field<&Incident::touchpoint>({
        .path = "touchpoint", .kind = FieldKind::text, .fact = "touchpoint",
        .example = "hotel.check_in", .default_value = "empty",
        .description = "blueprint step where it failed"}),
    detail::fields::field<&Incident::jurisdiction>({
        .path = "jurisdiction", .kind = FieldKind::text, .fact = "jurisdiction",
        .example = "CN", .default_value = "empty",
        .description = "where the complaint is governed, e.g. CN, EU, UK, US"}),
    detail::fields::field<&Incident::sector>({
        .path = "sector", .kind = FieldKind::text, .fact = "sector",
        .example = "payments", .default_value = "empty",
        .description = "the regulated sector where it matters, e.g. banking, payments"}),
    detail::fields::field<&Incident::involved>({
        .path = "involved", .kind = FieldKind::text_list,
        .example = "[team_lead, \"staff:4711\"]", .default_value = "none",
        .description = "roles or staff ids involved in the matter; recusal skips them"}),
    detail::fields::field<>({
        .path = "emotion", .kind = FieldKind::group, .shorthand = true,
        .example = "{state: angry, intensity: 4}",
        .description = "how the customer feels; a bare value is the state"}),
    detail::fields::field<&Incident::emotion>({
        .path = "emotion.state", .kind = FieldKind::enumeration, .required = true,
        .fact = "emotion", .describes = Describes::customer, .example = "angry",
        .default_value = "calm",
        .description = "the customer's state"}),
    detail::fields::field<&Incident::intensity>({
        .path = "emotion.intensity", .kind = FieldKind::integer, .fact = "intensity",
        .describes = Describes::customer, .min = 1,
        .max = 5, .example = "4", .default_value = "1",
        .description = "emotion intensity, 1 to 5"}),
    detail::fields::field<&Incident::other_emotions>({
        .path = "emotion.also", .kind = FieldKind::enum_set, .fact = "other_emotions",
        .describes = Describes::customer,
        .example = "[anxious]", .default_value = "none",
        .description = "emotions felt beside the dominant one"}),
    detail::fields::field<&Incident::motives>({
        .path = "motives", .kind = FieldKind::enum_set, .fact = "motives",
        .describes = Describes::customer,
        .example = "[venting]", .default_value = "none",
        .description = "why the customer complains"}),
    detail::fields::field<&Incident::deficits>({
        .path = "deficits", .kind = FieldKind::enum_set, .fact = "deficits",
        .describes = Describes::customer,
        .example = "[outcome]", .default_value = "none",
        .description = "justice dimensions the customer says were missing"}),
    detail::fields::field<>({
        .path = "customer", .kind = FieldKind::group, .example = "{tier: vip, channel: phone}",
        .description = "who the customer is"}),
    detail::fields::field<&Incident::tier>({
        .path = "customer.tier", .kind = FieldKind::enumeration, .fact = "tier",
        .describes = Describes::customer,
        .example = "vip", .default_value = "standard", .description = "customer value tier"}),
    detail::fields::field<&Incident::channel>({
        .path = "customer.channel", .kind = FieldKind::enumeration, .fact = "channel",
        .describes = Describes::customer,
        .example = "phone", .default_value = "phone", .description = "complaint channel"}),
    detail::fields::field<&Incident::tenure_months>({
        .path = "customer.tenure_months", .kind = FieldKind::integer, .fact = "tenure_months",
        .describes = Describes::customer,
        .min = 0, .example = "36", .default_value = "0",
        .description = "months the customer has been one"}),
    detail::fields::field<&Incident::past_purchases>({
        .path = "customer.past_purchases", .kind = FieldKind::integer, .fact = "past_purchases",
        .describes = Describes::customer,
        .min = 0, .example = "12", .default_value = "0",
        .description = "purchases, stays or trips before this one"}),
    detail::fields::field<&Incident::threatened>({
        .path = "threatened", .kind = FieldKind::enum_set, .fact = "threatened",
        .describes = Describes::customer,
        .example = "[regulator, social_media]", .default_value = "none",
        .description = "where the customer threatens to take the complaint (not yet filed)"}),
    detail::fields::field<&Incident::history>({
        .path = "history", .kind = FieldKind::group,
        .example = "{prior_failures: 1, last_failure_days_ago: 30}",
        .description = "the customer's past with the firm"}),
    detail::fields::field<&History::prior_failures>({
        .path = "history.prior_failures", .kind = FieldKind::integer, .fact = "prior_failures",
        .describes = Describes::customer,
        .min = 0, .example = "1", .default_value = "0",
        .description = "failures in the look-back window"}),
    detail::fields::field<&History::last_failure_days_ago>({
        .path = "history.last_failure_days_ago", .kind = FieldKind::integer,
        .fact = "last_failure_days_ago", .describes = Describes::customer, .min = 0,
        .example = "30", .default_value = "0",
        .description = "days since the last failure"}),
    detail::fields::field<&History::last_failure_same_category>({
        .path = "history.last_failure_same_category", .kind = FieldKind::flag,
        .fact = "last_failure_same_category", .describes = Describes::customer,
        .example = "true", .default_value = "false",
        .description = "last failure was similar"}),
    detail::fields::field<&History::last_recovery_outcome>({
        .path = "history.last_recovery_outcome", .kind = FieldKind::enumeration,
        .fact = "last_recovery_outcome", .describes = Describes::customer,
        .example = "unsatisfied", .default_value = "none",
        .description = "how the last recovery ended"}),
    detail::fields::field<&History::open_complaints>({
        .path = "history.open_complaints", .kind = FieldKind::integer,
        .fact = "open_complaints", .describes = Describes::customer, .min = 0, .example = "1",
        .default_value = "0",
        .description = "complaints still open"}),
    detail::fields::field<&History::reopen_count>({
        .path = "history.reopen_count", .kind = FieldKind::integer, .fact = "reopen_count",
        .describes = Describes::customer,
        .min = 0, .example = "1", .default_value = "0",
        .description = "times this case was reopened"}),
    detail::fields::field<&History::compensation_given>({
        .path = "history.compensation_given", .kind = FieldKind::money,
        .fact = "compensation_given", .describes = Describes::customer, .min = 0,
        .example = "\"200.00 CNY\"",
        .default_value = "0 in the policy's currency",
        .description = "goodwill given in the window"}),
    detail::fields::field<&History::compensation_window_days>({
        .path = "history.compensation_window_days", .kind = FieldKind::integer,
        .min = 0, .example = "90", .default_value = "0 (not said: the cap's own window)",
        .description = "the days up to this incident that compensation_given covers"}),
    detail::fields::field<&History::external_complaint>({
        .path = "history.external_complaint", .kind = FieldKind::flag,
        .fact = "external_complaint", .describes = Describes::customer, .example = "true",
        .default_value = "false",
        .description = "regulator, media or social complaint"}),
    detail::fields::field<&Incident::facts>({
        .path = "facts", .kind = FieldKind::host_facts, .example = "{room_rate: \"1200 CNY\"}",
        .default_value = "none; each fact's declared default",
        .description = "host facts the policy declares, typed as declared"}),
};
// clang-format on
#pragma GCC diagnostic pop

/// The number of fields in the table (groups included).
inline constexpr std::size_t kIncidentFieldCount = std::tuple_size_v<decltype(kIncidentFieldTable)>;

namespace detail::fields {

using Infos = std::array<FieldInfo, kIncidentFieldCount>;

constexpr Infos written_infos() {
  return std::apply([](const auto&... f) { return Infos{f.info...}; }, kIncidentFieldTable);
}

// The index of the group whose path is `path` minus its last component: -1 at the root, -2 when
// that group is not listed before the field.
constexpr int parent_index(const Infos& infos, std::size_t i) {
  const auto path = infos[i].path;
  const auto dot = path.rfind('.');
  if (dot == std::string_view::npos) return -1;
  for (std::size_t j = 0; j < i; ++j) {
    if (infos[j].path == path.substr(0, dot) && infos[j].kind == FieldKind::group) {
      return static_cast<int>(j);
    }
  }
  return -2;
}

template <typename T>
struct Enumerated {
  static constexpr bool value = false;
};
template <typename E>
requires std::is_enum_v<E>
struct Enumerated<E> {
  static constexpr bool value = true;
  using type = E;
};
template <typename E>
struct Enumerated<std::optional<E>> : Enumerated<E> {};
template <typename E>
struct Enumerated<std::vector<E>> : Enumerated<E> {};

template <typename T>
inline constexpr bool kIsEnumSet = false;
template <typename E>
inline constexpr bool kIsEnumSet<std::vector<E>> = std::is_enum_v<E>;

}  // namespace detail::fields

/// Typed access to field I: its value (or, for a group, the object holding its fields) in an
/// Incident, and its C++ type.
template <std::size_t I>
struct IncidentField {
  /// The index of the field's group, -1 at the document root.
  static constexpr int parent = detail::fields::parent_index(detail::fields::written_infos(), I);
  static_assert(parent != -2, "a field's group must be listed before it in the table");
  /// Where the value is kept, from the group's object.
  using Stored = typename std::tuple_element_t<I, decltype(kIncidentFieldTable)>::stored;

  /// The field's value in `in` (const or not).
  template <typename In>
  requires std::is_same_v<std::remove_const_t<In>, Incident>
  static constexpr auto& of(In& in) {
    if constexpr (parent < 0) {
      return Stored::in(in);
    } else {
      return Stored::in(IncidentField<static_cast<std::size_t>(parent)>::of(in));
    }
  }
  /// The member's C++ type.
  using type = std::remove_cvref_t<decltype(of(std::declval<Incident&>()))>;
};

namespace detail::fields {

// Whether the member's C++ type can hold what the table says the field is.
template <typename T>
constexpr bool holds(const FieldInfo& info) {
  const bool many = info.max_values > 1;
  if (many && info.kind != FieldKind::category && info.kind != FieldKind::enumeration) {
    return false;  // only categories and enum values come as one or a list
  }
  switch (info.kind) {
    case FieldKind::group:
      return std::is_class_v<T>;
    case FieldKind::text:
      return std::is_same_v<T, std::string>;
    case FieldKind::category:
      return many ? std::is_same_v<T, std::vector<std::string>> : std::is_same_v<T, std::string>;
    case FieldKind::timestamp:  // a required one, or an optional one
      return std::is_same_v<T, Timestamp> || std::is_same_v<T, std::optional<Timestamp>>;
    case FieldKind::enumeration:
      return many ? kIsEnumSet<T> : Enumerated<T>::value && !kIsEnumSet<T>;
    case FieldKind::enum_set:
      return kIsEnumSet<T>;
    case FieldKind::text_list:
      return std::is_same_v<T, std::vector<std::string>>;
    case FieldKind::flag:
      return std::is_same_v<T, bool>;
    case FieldKind::integer:
      return std::is_same_v<T, std::int64_t>;
    case FieldKind::money:
      return std::is_same_v<T, std::optional<Money>>;
    case FieldKind::host_facts:
      return std::is_same_v<T, std::map<std::string, FactValue>>;
  }
  return false;
}

template <std::size_t I>
constexpr std::span<const std::string_view> values_of() {
  using T = typename IncidentField<I>::type;
  if constexpr (Enumerated<T>::value) {
    return enum_names<typename Enumerated<T>::type>();
  } else {
    return {};
  }
}

template <std::size_t... I>
constexpr Infos derive(std::index_sequence<I...>) {
  Infos infos = written_infos();
  ((infos[I].parent = IncidentField<I>::parent, infos[I].values = values_of<I>()), ...);
  return infos;
}

}  // namespace detail::fields

/// Every field, in table order, with its parent and its enum spellings filled in.
inline constexpr detail::fields::Infos kIncidentFields =
    detail::fields::derive(std::make_index_sequence<kIncidentFieldCount>{});

/// Calls `visit(std::integral_constant<std::size_t, I>{})` for every field I, in table order.
template <typename Visit>
constexpr void for_each_incident_field(Visit&& visit) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (visit(std::integral_constant<std::size_t, I>{}), ...);
  }
  (std::make_index_sequence<kIncidentFieldCount>{});
}

/// The indices of the fields directly in group `group` (-1: the document root), in table order.
template <int Group>
constexpr auto incident_group_fields() {
  constexpr std::size_t count = [] {
    std::size_t n = 0;
    for (const auto& f : kIncidentFields) n += f.parent == Group ? 1 : 0;
    return n;
  }();
  std::array<std::size_t, count> out{};
  std::size_t n = 0;
  for (std::size_t i = 0; i < kIncidentFieldCount; ++i) {
    if (kIncidentFields[i].parent == Group) out[n++] = i;
  }
  return out;
}

/// The number of fact slots the fields' built-in facts take (a fact of several values takes
/// one slot per value: FieldInfo::max_values).
inline constexpr std::uint32_t kIncidentFactCount = [] {
  std::uint32_t n = 0;
  for (const auto& f : kIncidentFields) n += f.fact_slots();
  return n;
}();

/// Per field, the slot of its fact's (first) value, in table order; meaningful for the fields
/// that feed a fact.
inline constexpr std::array<std::uint32_t, kIncidentFieldCount> kIncidentFactSlot = [] {
  std::array<std::uint32_t, kIncidentFieldCount> out{};
  std::uint32_t n = 0;
  for (std::size_t i = 0; i < kIncidentFieldCount; ++i) {
    out[i] = n;
    n += kIncidentFields[i].fact_slots();
  }
  return out;
}();

/// The slot of the built-in fact `fact` (of its first value); a name that no field feeds does
/// not compile.
consteval std::uint32_t incident_fact_index(std::string_view fact) {
  for (std::size_t i = 0; i < kIncidentFieldCount; ++i) {
    if (!kIncidentFields[i].fact.empty() && kIncidentFields[i].fact == fact) {
      return kIncidentFactSlot[i];
    }
  }
  throw "no incident field feeds this fact";
}

/// The index in kIncidentFields of the field whose fact holds slot `slot` (any of its values),
/// or kIncidentFieldCount past the fields' facts (derived and host facts).
constexpr std::size_t incident_field_index_of_slot(std::uint32_t slot) {
  for (std::size_t i = 0; i < kIncidentFieldCount; ++i) {
    const auto first = kIncidentFactSlot[i];
    if (slot >= first && slot < first + kIncidentFields[i].fact_slots()) return i;
  }
  return kIncidentFieldCount;
}

/// That field, or nullptr past the fields' facts.
constexpr const FieldInfo* incident_field_of_slot(std::uint32_t slot) {
  const std::size_t i = incident_field_index_of_slot(slot);
  return i < kIncidentFieldCount ? &kIncidentFields[i] : nullptr;
}

/// Whether slot `slot` holds a fact of the customer (Describes::customer: who they are, how
/// they feel, their past): the facts in which members of one incident group may differ.
/// False for the failure's facts, and for derived and host facts. (By index: comparing an
/// address with nullptr is not a constant expression under -fsanitize=undefined.)
constexpr bool is_customer_fact(std::uint32_t slot) {
  const std::size_t i = incident_field_index_of_slot(slot);
  return i < kIncidentFieldCount && kIncidentFields[i].describes == Describes::customer;
}

namespace detail::fields {

template <std::size_t... I>
constexpr bool check(std::index_sequence<I...>) {
  return (holds<typename IncidentField<I>::type>(kIncidentFields[I]) && ...);
}

constexpr bool paths_unique() {
  for (std::size_t i = 0; i < kIncidentFieldCount; ++i) {
    for (std::size_t j = i + 1; j < kIncidentFieldCount; ++j) {
      if (kIncidentFields[i].path == kIncidentFields[j].path) return false;
    }
  }
  return true;
}

// Readers keep the fields seen in a group in 64 bits.
constexpr bool groups_fit() {
  for (int g = -1; g < static_cast<int>(kIncidentFieldCount); ++g) {
    std::size_t n = 0;
    for (const auto& f : kIncidentFields) n += f.parent == g ? 1 : 0;
    if (n > 64) return false;
  }
  return true;
}

}  // namespace detail::fields

static_assert(detail::fields::check(std::make_index_sequence<kIncidentFieldCount>{}),
              "a field's kind does not fit the type of the member it is kept in");
static_assert(detail::fields::paths_unique(), "two fields share a path");
static_assert(detail::fields::groups_fit(), "a group has more than 64 fields");

}  // namespace redress
