// A policy as written: the YAML file read into plain structs, names and expressions still text,
// every element with its source location. The compiler (compile/) resolves and checks it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "redress/diag/diagnostic.hpp"

namespace redress::policy {

/// A scalar as written, with where it was written. Expressions, ids and literals are all Text.
struct Text {
  std::string value;
  SourceLocation location;
  /// Where value[0] is in the file: differs from `location` for quoted and block scalars.
  /// The loader fills `offsets` so that value[i] is at offsets[i] (same size as value) when the
  /// scalar spans several lines; otherwise offsets is empty and value[i] is at column+i.
  SourceLocation first_char;
  std::vector<SourceLocation> offsets;

  /// The location of value[offset] (for a caret under an expression's bad token).
  [[nodiscard]] SourceLocation at(std::size_t offset) const;
};

/// Texts in several locales: {en: "...", zh: "..."}.
using LocalizedText = std::map<std::string, Text>;

struct Metadata {
  Text id;
  Text version;
  Text currency;
  std::vector<Text> locales;  ///< the first is the default
  Text description;
};

struct CategorySpec {
  Text id;            ///< dotted: family.leaf(.sub...)
  Text failure_type;  ///< outcome | process (empty: inherit from the parent)
  Text description;
};

struct TaxonomySpec {
  Text base;  ///< "standard" (the default) or "none"
  std::vector<CategorySpec> add;
  SourceLocation location;
};

struct FactSpec {
  Text id;
  Text type;                 ///< bool | int | money | string | enum | set
  std::vector<Text> values;  ///< for enum and set
  std::optional<Text> default_value;
  bool derived = false;      ///< set by rules, not supplied by the host
  bool sensitive = false;    ///< masked in traces and audit records
  Text description;
};

struct RemedySpec {
  Text id;
  std::vector<Text> covers;  ///< justice dimensions
  bool monetary = false;
  bool goodwill = false;     ///< counts against authority; false means restitution
  LocalizedText text;
  SourceLocation location;
};

struct StepSpec {  ///< a communication step
  Text id;
  LocalizedText text;
};

struct DepartmentSpec {
  Text id;
  Text name;
};

struct RoleSpec {
  Text id;
  Text title;
  Text authority;   ///< a money literal, or "unlimited"
  Text reports_to;  ///< empty for the top role
  bool entry = false;
  SourceLocation location;
};

struct CalendarSpec {
  Text id;
  Text utc_offset;
  std::vector<Text> working_days;  ///< mon..sun
  Text hours;                      ///< "09:00-18:00"
  std::vector<Text> holidays;      ///< YYYY-MM-DD
};

struct SlaTargetSpec {
  Text priority;
  Text first_response;
  Text resolution;
  SourceLocation location;
};

struct SlaSpec {
  Text calendar;
  Text default_priority;
  std::vector<SlaTargetSpec> targets;
  SourceLocation location;
};

/// One action under a rule's `then:`.
struct ActionSpec {
  enum class Kind { remedy, set, involve, escalate, say };
  Kind kind = Kind::remedy;
  Text target;  ///< remedy id, fact id, department id, role id, or step id
  Text value;   ///< amount expression (remedy) or value expression (set); empty otherwise
  SourceLocation location;
};

struct RuleSpec {
  Text id;
  Text description;
  Text when;  ///< empty means always
  std::vector<Text> after;
  std::vector<ActionSpec> actions;
  SourceLocation location;
};

struct GroupSpec {
  Text id;
  Text hit;  ///< first | collect
  Text description;
  std::vector<RuleSpec> rules;
  SourceLocation location;
};

/// Top-level rule entries keep their written order: a rule alone, or a group of rules.
struct RuleEntry {
  std::optional<RuleSpec> rule;
  std::optional<GroupSpec> group;
};

struct PolicySpec {
  std::string file;    ///< as given to the loader, used in diagnostics
  std::string source;  ///< the whole text, for rendering and hashing
  Metadata metadata;
  TaxonomySpec taxonomy;
  std::vector<FactSpec> facts;
  std::vector<RemedySpec> remedies;
  std::vector<StepSpec> communication;
  std::vector<DepartmentSpec> departments;
  std::vector<RoleSpec> roles;
  std::vector<CalendarSpec> calendars;
  SlaSpec sla;
  std::vector<RuleEntry> rules;
};

}  // namespace redress::policy
