// A policy as written: the YAML file read into plain structs, names and expressions still text,
// every element with its source location. The compiler (compile/) resolves and checks it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
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
  Text id;                         ///< the id `sla.calendar` names it by
  Text utc_offset;                 ///< "+08:00", "-05:30" or "Z"; empty means UTC
  std::vector<Text> working_days;  ///< mon..sun; empty when not given: Monday to Friday
  /// Where `working_days:` is given (even as an empty list); unknown when it is absent.
  SourceLocation working_days_location;
  Text hours;                  ///< "09:00-18:00"
  std::vector<Text> holidays;  ///< YYYY-MM-DD
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

/// What an action does: its key in YAML (`remedy`, `set`, `involve`, `escalate`, `say`).
/// Compiled actions (ActionInfo) share it.
enum class ActionKind { remedy, set, involve, escalate, say };

/// One action under a rule's `then:`.
struct ActionSpec {
  using Kind = ActionKind;   ///< what the action does
  Kind kind = Kind::remedy;  ///< which action
  Text target;               ///< remedy id, fact id, department id, role id, or step id
  Text value;  ///< amount expression (remedy) or value expression (set); empty otherwise
  SourceLocation location;  ///< of the action's key
};

/// A rule: a condition and the actions taken when it holds.
struct RuleSpec {
  Text id;                          ///< unique among rules
  Text description;                 ///< free text; may be empty
  Text when;                        ///< boolean expression; empty means always
  std::vector<Text> after;          ///< ids of rules that must be evaluated before this one
  std::vector<ActionSpec> actions;  ///< the `then:` list, in written order
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

/// Top-level rule entries keep their written order: a rule alone, or a group of rules.
struct RuleEntry {
  std::optional<RuleSpec> rule;    ///< set for a lone rule
  std::optional<GroupSpec> group;  ///< set for a group; exactly one of the two is set
};

/// The whole policy document, as returned by io::load_policy_spec() and read by
/// compile_policy().
struct PolicySpec {
  std::string file;                         ///< as given to the loader, used in diagnostics
  std::string source;                       ///< the whole text, for rendering and hashing
  Metadata metadata;                        ///< the `policy:` section
  TaxonomySpec taxonomy;                    ///< the `taxonomy:` section
  std::vector<FactSpec> facts;              ///< the `facts:` section, in written order
  std::vector<RemedySpec> remedies;         ///< the `remedies:` catalogue
  std::vector<StepSpec> communication;      ///< the `communication:` catalogue
  std::vector<DepartmentSpec> departments;  ///< the `departments:` catalogue
  std::vector<RoleSpec> roles;              ///< the `roles:` hierarchy
  std::vector<CalendarSpec> calendars;      ///< the `calendars:` section
  SlaSpec sla;                              ///< the `sla:` section
  std::vector<RuleEntry> rules;             ///< the `rules:` section, in written order
};

}  // namespace redress::policy
