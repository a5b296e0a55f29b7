// A policy as written: the YAML file read into plain structs, names and expressions still text,
// every element with its source location. The compiler (compile/) resolves and checks it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "redress/diag/diagnostic.hpp"

/// A policy as written, before compilation (see io/policy_loader.hpp and compile/compiler.hpp).
namespace redress::policy {

/// A scalar as written, with where it was written. Expressions, ids and literals are all Text.
struct Text {
  std::string value;        ///< the scalar's content after YAML unquoting; empty when absent
  SourceLocation location;  ///< where the scalar starts (its opening quote, if quoted)
  /// Where value[0] is in the file: differs from `location` for quoted and block scalars.
  /// The loader fills `offsets` so that value[i] is at offsets[i] (same size as value) when the
  /// scalar spans several lines; otherwise offsets is empty and value[i] is at column+i.
  SourceLocation first_char;
  std::vector<SourceLocation> offsets;  ///< per-byte locations of a multi-line scalar, or empty

  /// The location of value[offset] (for a caret under an expression's bad token); an offset
  /// past the end gives the position just after the last byte.
  [[nodiscard]] SourceLocation at(std::size_t offset) const;
};

/// Texts in several locales: {en: "...", zh: "..."}.
using LocalizedText = std::map<std::string, Text>;

/// The `policy:` section: what the policy is called and the currency its amounts are in.
struct Metadata {
  Text id;                    ///< the policy's id, as it appears in decisions and audit records
  Text version;               ///< free-form version string
  Text currency;              ///< ISO 4217 code every amount in the policy must use
  std::vector<Text> locales;  ///< the first is the default
  Text description;           ///< free text; may be empty
  /// Which date decides what is in force for a case: reported | occurred | decided (empty:
  /// reported). See EffectiveSpec.
  Text in_force;
  /// `required`: the case's owner must not be involved in the matter (Incident::involved);
  /// `none` or empty: no such requirement unless a rule's `recusal: required` fires.
  Text recusal;
};

/// When a rule, a remedy amount or a clock is in force: from `from` (inclusive) until `until`
/// (exclusive: the first day it no longer applies). Either may be empty (no bound); both empty
/// when the element has no `effective:`.
struct EffectiveSpec {
  Text from;                ///< YYYY-MM-DD, or empty
  Text until;               ///< YYYY-MM-DD, or empty
  SourceLocation location;  ///< of the `effective:` map; unknown when absent

  /// True when the element carries `effective:`.
  [[nodiscard]] bool present() const { return location.known(); }
};

/// One taxonomy category, from a policy's `taxonomy.add` or from a taxonomy document.
struct CategorySpec {
  Text id;            ///< dotted: family.leaf(.sub...)
  Text failure_type;  ///< outcome | process (empty: inherit from the parent)
  Text description;   ///< free text; may be empty
};

/// The `taxonomy:` section: a base taxonomy and the categories the policy adds to it.
struct TaxonomySpec {
  Text base;                      ///< "standard" (the default) or "none"
  std::vector<CategorySpec> add;  ///< the policy's own categories, in written order
  SourceLocation location;        ///< of the section; unknown when the policy has none
};

/// A fact the policy declares under `facts:`: supplied by the host, or derived by rules.
struct FactSpec {
  Text id;                            ///< the name expressions and incidents use
  Text type;                          ///< bool | int | money | string | enum | set
  std::vector<Text> values;           ///< for enum and set
  std::optional<Text> default_value;  ///< a literal of `type`; required for derived facts
  bool derived = false;               ///< set by rules, not supplied by the host
  bool sensitive = false;             ///< masked in traces and audit records
  Text description;                   ///< free text; may be empty
};

/// A remedy in the `remedies:` catalogue.
struct RemedySpec {
  Text id;                   ///< the id rules offer it by
  std::vector<Text> covers;  ///< justice dimensions
  bool monetary = false;     ///< true when rules give it an amount
  bool goodwill = false;     ///< counts against authority; false means restitution
  LocalizedText text;        ///< what to tell the customer, per locale
  SourceLocation location;   ///< of the catalogue entry
};

/// A step in the `communication:` catalogue, said to the customer when a rule asks for it.
struct StepSpec {
  Text id;             ///< the id rules `say` it by
  LocalizedText text;  ///< what to say, per locale
};

/// A department in the `departments:` catalogue, which rules may `involve`.
struct DepartmentSpec {
  Text id;    ///< the id rules involve it by
  Text name;  ///< display name
};

/// A role in the `roles:` hierarchy, with the goodwill it may grant on its own.
struct RoleSpec {
  Text id;                  ///< the id rules escalate to
  Text title;               ///< display name
  Text authority;           ///< a money literal, or "unlimited"
  Text reports_to;          ///< empty for the top role
  bool entry = false;       ///< the role cases start at; at most one (none: the first role)
  SourceLocation location;  ///< of the list entry
};

/// A business-hours calendar under `calendars:` (compiled into a redress::Calendar).
struct CalendarSpec {
  Text id;                         ///< the id `sla.calendar` and clocks name it by
  Text utc_offset;                 ///< "+08:00", "-05:30" or "Z"; empty means UTC
  std::vector<Text> working_days;  ///< mon..sun; empty when not given: Monday to Friday
  /// Where `working_days:` is given (even as an empty list); unknown when it is absent.
  SourceLocation working_days_location;
  Text hours;                     ///< "09:00-18:00"
  std::vector<Text> holidays;     ///< YYYY-MM-DD
  std::vector<Text> makeup_days;  ///< YYYY-MM-DD: rest days worked instead (调休)
};

/// A longer period a clock may be extended to, with a holding reply sent before it falls due.
struct ClockExtensionSpec {
  Text due;                     ///< the whole extended period from the same start
  LocalizedText when;           ///< when the extension may be used (complex cases, ...)
  LocalizedText holding_reply;  ///< what the holding reply must tell the customer
  SourceLocation location;      ///< of the list entry
};

/// Where the customer may refer the complaint, stated in the final reply.
struct ReferralSpec {
  LocalizedText body;       ///< the ombudsman, regulator or ADR body, with how to reach it
  Text within;              ///< a clock period after the final reply; empty: no deadline
  SourceLocation location;  ///< of the `referral:` map
};

/// A statutory (or contractual) clock under `clocks:`, in a policy or a clock library.
struct ClockSpec {
  Text id;                           ///< the id rules attach it by (`clock: ID`)
  LocalizedText title;               ///< what the clock is, per locale
  LocalizedText basis;               ///< the legal citation, per locale
  Text start;                        ///< reported | occurred (empty: reported)
  Text due;                          ///< a clock period, e.g. "15 calendar_days"
  Text calendar;                     ///< a calendar id; empty: none
  Text due_at;                       ///< end_of_day | close_of_business (empty: end_of_day)
  bool roll_to_working_day = false;  ///< a last day that is closed moves on
  std::vector<ClockExtensionSpec> extensions;  ///< longer periods, in written order
  std::vector<LocalizedText> final_reply;      ///< what the final reply must contain
  std::optional<ReferralSpec> referral;        ///< referral rights to state in it
  EffectiveSpec effective;                     ///< when the clock is in force
  SourceLocation location;                     ///< of the list entry
};

/// A task under `commitments:` that rules commit to: who does what for the customer, by when,
/// and how often until when.
struct CommitmentSpec {
  Text id;                  ///< the id rules commit to it by (`commit: ID`)
  Text kind;                ///< callback | plan | fix | update | confirm
  Text assignee;            ///< a role or department id
  Text due;                 ///< a duration ("30m") or a count of days ("3 working_days")
  Text at;                  ///< a local time of day "HH:MM"; may be empty
  Text start;               ///< reported | occurred (empty: reported)
  Text calendar;            ///< a calendar id; empty: the SLA's calendar, if any
  Text every;               ///< a duration the commitment recurs after; may be empty
  LocalizedText until;      ///< the condition that ends the recurrence (with `every`)
  LocalizedText text;       ///< what is promised, per locale
  SourceLocation location;  ///< of the list entry
};

/// One entry of `sla.targets`: the response and resolution times for one priority.
struct SlaTargetSpec {
  Text priority;            ///< an integer >= 1; 1 is the most urgent
  Text first_response;      ///< a duration such as "15m" or "4 business_hours"
  Text resolution;          ///< a duration, as for first_response
  SourceLocation location;  ///< of the list entry
};

/// The `sla:` section.
struct SlaSpec {
  Text calendar;                       ///< calendar id for business units; empty: wall-clock only
  Text default_priority;               ///< empty: the least urgent target's priority
  std::vector<SlaTargetSpec> targets;  ///< in written order
  SourceLocation location;             ///< of the section
};

/// What an action does: its key in YAML (`remedy`, `set`, `involve`, `escalate`, `say`,
/// `clock`, `commit`, `recusal`, `options`). Compiled actions (ActionInfo) share it; `options`
/// compiles into one remedy action per option.
enum class ActionKind : std::uint8_t {
  remedy,
  set,
  involve,
  escalate,
  say,
  clock,
  commit,
  recusal,
  options
};

/// Each action's key in YAML, indexed by ActionKind: the policy reader and the policy diff both
/// read it, so that a new kind is named once.
inline constexpr std::array<std::string_view, 9> kActionNames = {
    "remedy", "set", "involve", "escalate", "say", "clock", "commit", "recusal", "options"};
static_assert(kActionNames.size() == static_cast<std::size_t>(ActionKind::options) + 1,
              "every ActionKind needs its key in kActionNames, in the enum's order");

/// The YAML key of `kind` (`remedy`, `set`, ...).
[[nodiscard]] constexpr std::string_view to_string(ActionKind kind) {
  return kActionNames[static_cast<std::size_t>(kind)];
}

/// The kind whose YAML key is `name` (exact match), or nullopt.
[[nodiscard]] constexpr std::optional<ActionKind> parse_action_kind(std::string_view name) {
  for (std::size_t i = 0; i < kActionNames.size(); ++i) {
    if (kActionNames[i] == name) return static_cast<ActionKind>(i);
  }
  return std::nullopt;
}

/// One action under a rule's `then:`.
struct ActionSpec {
  using Kind = ActionKind;   ///< what the action does
  Kind kind = Kind::remedy;  ///< which action
  /// Remedy, fact, department, role, step, clock, commitment or option group id; `required`
  /// for recusal.
  Text target;
  Text value;  ///< amount expression (remedy) or value expression (set); empty otherwise
  EffectiveSpec effective;  ///< a remedy's `effective:` (remedy: {id, amount, effective})
  SourceLocation location;  ///< of the action's key
  // The terms a remedy may be offered on (rules/README.md, "Options, fallbacks and contingent
  // remedies"):
  Text available;  ///< `if:`: offered only when this bool expression holds; empty: always
  /// `fallback:`: the remedy offered instead when `available` does not hold (0 or 1 entries).
  std::vector<ActionSpec> fallback;
  LocalizedText contingent_on;  ///< `contingent: {on}`: the finding it waits for; empty: none
  Text confirmed;               ///< `contingent: {confirmed}`: when the finding is made
  SourceLocation contingent_location;  ///< of the `contingent:` map; unknown when absent
  /// `options: {id, choose, of}`: the options, each a remedy action (id and amount).
  std::vector<ActionSpec> options;
  Text choose;  ///< `choose:`, "one" (the only kind of choice); empty when not written
};

/// A rule: a condition and the actions taken when it holds.
struct RuleSpec {
  Text id;                          ///< unique among rules
  Text description;                 ///< free text; may be empty
  Text when;                        ///< boolean expression; empty means always
  std::vector<Text> after;          ///< ids of rules that must be evaluated before this one
  std::vector<ActionSpec> actions;  ///< the `then:` list, in written order
  EffectiveSpec effective;          ///< when the rule is in force
  SourceLocation location;          ///< of the list entry
};

/// A group of rules under one hit policy.
struct GroupSpec {
  Text id;                      ///< unique among groups
  Text hit;                     ///< first | collect
  Text description;             ///< free text; may be empty
  std::vector<RuleSpec> rules;  ///< in written order
  SourceLocation location;      ///< of the list entry
};

/// A cap on goodwill per customer over a window of days.
struct CustomerCapSpec {
  Text amount;              ///< a money literal
  Text window;              ///< days, e.g. "90d"
  SourceLocation location;  ///< of the map
};

/// The `caps:` section: the most goodwill a decision may grant (restitution is never capped).
struct CapsSpec {
  Text goodwill_per_incident;                            ///< a money literal; empty: no such cap
  std::optional<CustomerCapSpec> goodwill_per_customer;  ///< empty: no such cap
  SourceLocation location;  ///< of the section; unknown when the policy has none
};

/// Top-level rule entries keep their written order: a rule alone, or a group of rules.
struct RuleEntry {
  std::optional<RuleSpec> rule;    ///< set for a lone rule
  std::optional<GroupSpec> group;  ///< set for a group; exactly one of the two is set
};

/// One entry of `include:`: a clock library, and the names the including file gives the
/// calendars its clocks count in.
struct IncludeSpec {
  Text file;  ///< the library's path, relative to the including file
  /// Calendar renames: a clock of the library counting in calendar `key` counts in the
  /// including policy's calendar `value` (e.g. {cn: cn_office}).
  std::map<std::string, Text> calendars;
};

/// A clock library: a file of clocks that policies (and other libraries) include.
struct ClockLibrarySpec {
  Text id;                           ///< the library's id
  Text version;                      ///< free-form, e.g. the date it was last reviewed
  Text description;                  ///< free text; may be empty
  std::vector<IncludeSpec> include;  ///< other libraries it includes, as written
  std::vector<ClockSpec> clocks;     ///< its clocks, in written order
};

/// A file a policy includes, with its text (for hashing and for rendering diagnostics).
struct SourceFile {
  std::string file;  ///< the name its diagnostics carry
  std::string text;  ///< its whole text
};

/// The whole policy document, as returned by io::load_policy_spec() and read by
/// compile_policy().
struct PolicySpec {
  std::string file;                  ///< as given to the loader, used in diagnostics
  std::string source;                ///< the whole text, for rendering and hashing
  std::vector<IncludeSpec> include;  ///< the `include:` list: clock libraries, as written
  /// The files the includes brought in, in the order read (filled by load_policy()).
  std::vector<SourceFile> included;
  Metadata metadata;                        ///< the `policy:` section
  TaxonomySpec taxonomy;                    ///< the `taxonomy:` section
  std::vector<FactSpec> facts;              ///< the `facts:` section, in written order
  std::vector<RemedySpec> remedies;         ///< the `remedies:` catalogue
  std::vector<StepSpec> communication;      ///< the `communication:` catalogue
  std::vector<DepartmentSpec> departments;  ///< the `departments:` catalogue
  std::vector<RoleSpec> roles;              ///< the `roles:` hierarchy
  std::vector<CalendarSpec> calendars;      ///< the `calendars:` section
  /// The `clocks:` section, then the clocks of the included libraries (each located in its
  /// own file).
  std::vector<ClockSpec> clocks;
  std::vector<CommitmentSpec> commitments;  ///< the `commitments:` section, in written order
  SlaSpec sla;                              ///< the `sla:` section
  CapsSpec caps;                            ///< the `caps:` section
  std::vector<RuleEntry> rules;             ///< the `rules:` section, in written order
};

}  // namespace redress::policy
