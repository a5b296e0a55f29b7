// The closed vocabularies of the domain. Enumerators are spelled as in YAML and JSON, so
// parsing and printing are one table lookup.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace redress {

/// Whether the core service failed (outcome) or the way it was delivered (process).
enum class FailureType { outcome, process };
/// How badly the service failed, least to most severe.
enum class Magnitude { minor, moderate, major, critical };
/// Who caused the failure.
enum class Locus { firm, customer, third_party, force_majeure };
/// Whether the failure is a one-off or keeps happening.
enum class Stability { one_off, recurring };
/// Whether the firm could have prevented the failure.
enum class Controllability { firm_controllable, uncontrollable };
/// The customer's dominant emotion.
enum class Emotion { calm, angry, anxious, confused, humorous, aggrieved };
/// Why the customer complains.
enum class Motive {
  respect,
  venting,
  compensation,
  blame_avoidance,
  hostility,
  protect_others,
  mixed
};
/// The three justice dimensions a customer may feel were missing (outcome = distributive).
enum class Justice { outcome, procedural, interactional };
/// The customer's value tier, lowest first.
enum class Tier { basic, standard, premium, vip, strategic };
/// Where the complaint came in.
enum class Channel { phone, email, chat, social, in_person, web, app, letter };
/// Where a customer threatens to take the complaint next (not yet filed there).
enum class Threat { regulator, ombudsman, social_media, review, press, lawyer, court };
/// How the customer took the recovery of their last failure.
enum class RecoveryOutcome { none, satisfied, unsatisfied, unknown };
/// The event a statutory clock runs from: the complaint reaching the firm (Incident::
/// reported_at) or the failure itself (Incident::occurred_at, else reported_at).
enum class ClockStart { reported, occurred };
/// How a clock's period is counted: wall-clock or open hours, or whole local days (calendar
/// days, working days of a calendar, weeks, months), the day of the start not counted.
enum class ClockUnit { hours, business_hours, calendar_days, working_days, weeks, months };
/// Where a clock counted in days ends on its last day: at midnight, or at the calendar's closing
/// time ("close of business").
enum class ClockEnd { end_of_day, close_of_business };
/// Which date decides what was in force for a case (rules, amounts and clocks with
/// `effective:` dates): when it was reported, when it occurred, or when it is decided (a time
/// the host passes).
enum class InForceBasis { reported, occurred, decided };
/// What a commitment promises the customer: a call back, a plan for the solution, the fix
/// itself, a progress update (usually recurring), or a confirmation in writing. A plan can be
/// due in minutes when the fix takes days: they are separate commitments.
enum class CommitmentKind { callback, plan, fix, update, confirm };

/// The spelling of every enumerator, in declaration order. Specialised for each enum above.
template <typename E>
struct EnumNames;

#define REDRESS_ENUM_NAMES(E, ...)                     \
  template <>                                          \
  struct EnumNames<E> {                                \
    static constexpr std::string_view type_name = #E;  \
    static constexpr std::array names = {__VA_ARGS__}; \
  }

using namespace std::string_view_literals;
REDRESS_ENUM_NAMES(FailureType, "outcome"sv, "process"sv);
REDRESS_ENUM_NAMES(Magnitude, "minor"sv, "moderate"sv, "major"sv, "critical"sv);
REDRESS_ENUM_NAMES(Locus, "firm"sv, "customer"sv, "third_party"sv, "force_majeure"sv);
REDRESS_ENUM_NAMES(Stability, "one_off"sv, "recurring"sv);
REDRESS_ENUM_NAMES(Controllability, "firm_controllable"sv, "uncontrollable"sv);
REDRESS_ENUM_NAMES(Emotion, "calm"sv, "angry"sv, "anxious"sv, "confused"sv, "humorous"sv,
                   "aggrieved"sv);
REDRESS_ENUM_NAMES(Motive, "respect"sv, "venting"sv, "compensation"sv, "blame_avoidance"sv,
                   "hostility"sv, "protect_others"sv, "mixed"sv);
REDRESS_ENUM_NAMES(Justice, "outcome"sv, "procedural"sv, "interactional"sv);
REDRESS_ENUM_NAMES(Tier, "basic"sv, "standard"sv, "premium"sv, "vip"sv, "strategic"sv);
REDRESS_ENUM_NAMES(Channel, "phone"sv, "email"sv, "chat"sv, "social"sv, "in_person"sv, "web"sv,
                   "app"sv, "letter"sv);
REDRESS_ENUM_NAMES(Threat, "regulator"sv, "ombudsman"sv, "social_media"sv, "review"sv, "press"sv,
                   "lawyer"sv, "court"sv);
REDRESS_ENUM_NAMES(RecoveryOutcome, "none"sv, "satisfied"sv, "unsatisfied"sv, "unknown"sv);
REDRESS_ENUM_NAMES(ClockStart, "reported"sv, "occurred"sv);
REDRESS_ENUM_NAMES(ClockUnit, "hours"sv, "business_hours"sv, "calendar_days"sv, "working_days"sv,
                   "weeks"sv, "months"sv);
REDRESS_ENUM_NAMES(ClockEnd, "end_of_day"sv, "close_of_business"sv);
REDRESS_ENUM_NAMES(InForceBasis, "reported"sv, "occurred"sv, "decided"sv);
REDRESS_ENUM_NAMES(CommitmentKind, "callback"sv, "plan"sv, "fix"sv, "update"sv, "confirm"sv);
#undef REDRESS_ENUM_NAMES

/// The spelling of `value`, as in YAML and JSON. Undefined for a value outside the enum.
template <typename E>
[[nodiscard]] constexpr std::string_view to_string(E value) {
  return EnumNames<E>::names[static_cast<std::size_t>(value)];
}

/// The enumerator spelled `text` (exact, case-sensitive match), or nullopt.
template <typename E>
[[nodiscard]] constexpr std::optional<E> parse_enum(std::string_view text) {
  const auto& names = EnumNames<E>::names;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == text) return static_cast<E>(i);
  }
  return std::nullopt;
}

/// Every spelling of enum E, in declaration order (index = underlying value). Static storage.
template <typename E>
[[nodiscard]] constexpr std::span<const std::string_view> enum_names() {
  return EnumNames<E>::names;
}

}  // namespace redress
