// A compiled policy: every name resolved to an index, every expression compiled, rules in
// evaluation order. Handed out only as std::shared_ptr<const CompiledPolicy>: immutable, so one
// instance is safe to share across threads.
#pragma once

#include <cstdint>
#include <deque>
#include <iosfwd>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "redress/diag/diagnostic.hpp"
#include "redress/expr/program.hpp"
#include "redress/expr/type.hpp"
#include "redress/model/calendar.hpp"
#include "redress/model/decision.hpp"
#include "redress/model/enums.hpp"
#include "redress/model/money.hpp"
#include "redress/model/time.hpp"
#include "redress/policy/spec.hpp"

namespace redress {

namespace detail {
struct RuleIndex;  // the decide-time index over rules; private to the library (src/compile/)
}

/// A taxonomy node. Nodes are stored in pre-order, so a node's descendants are the indices
/// [index, end).
struct CategoryNode {
  std::string id;                                   ///< dotted id, e.g. "core.unavailable"
  std::int32_t parent = -1;                         ///< index of the parent; -1 for a root
  std::int32_t end = 0;                             ///< one past the last descendant's index
  FailureType failure_type = FailureType::outcome;  ///< declared, or inherited from the parent
  std::string description;                          ///< may be empty
  SourceLocation location;  ///< its id, in the policy or in the standard taxonomy's file
};

/// Where a fact's value comes from: `incident`, a built-in fact read from an Incident field;
/// `host`, declared by the policy and supplied in Incident::facts; `derived`, declared by the
/// policy and set by rules (the built-in `priority` is derived too).
enum class FactSource { incident, host, derived };

/// A fact the policy's expressions can read. Its index in CompiledPolicy::facts is its slot.
struct FactInfo {
  std::string name;                           ///< as written in expressions
  expr::Type type;                            ///< fixes how the slot's int64 is read
  FactSource source = FactSource::incident;   ///< who supplies the value
  std::optional<std::int64_t> default_value;  ///< slot value; required host facts have none
  bool sensitive = false;                     ///< shown as "***" in traces and derived facts
  std::string description;                    ///< may be empty
  SourceLocation location;                    ///< the declaration; unknown for built-in facts
};

/// A remedy of the catalogue, as rules offer it. Aligned to the pair of cache lines processors
/// fetch together, so that assembling a decision reads an offered remedy in one memory access.
struct alignas(128) RemedyInfo {
  std::string id;               ///< unique among remedies
  std::vector<Justice> covers;  ///< the justice dimensions it addresses
  bool monetary = false;        ///< offered with an amount in the policy's currency
  bool goodwill = false;        ///< counts against authority; false means restitution
  /// What to tell the customer, one text per CompiledPolicy::locales entry (same index); a
  /// locale the policy gives no text in holds the default locale's text, else any text given.
  std::vector<std::string> text;
  SourceLocation location;  ///< the catalogue entry
};

/// A communication step of the catalogue.
struct StepInfo {
  std::string id;                 ///< unique among steps
  std::vector<std::string> text;  ///< what to say, per locale (as RemedyInfo::text)
  SourceLocation location;        ///< the catalogue entry
};

/// A department of the catalogue.
struct DepartmentInfo {
  std::string id;           ///< unique among departments
  std::string name;         ///< display name
  SourceLocation location;  ///< the catalogue entry
};

/// A role of the hierarchy.
struct RoleInfo {
  std::string id;                         ///< unique among roles
  std::string title;                      ///< display name
  std::optional<std::int64_t> authority;  ///< minor units; empty = unlimited
  std::int32_t reports_to = -1;           ///< role index; -1 for the top role
  SourceLocation location;                ///< the list entry
};

/// The deadlines for one priority.
struct SlaTarget {
  std::int64_t priority = 0;  ///< 1 is the most urgent
  Duration first_response;    ///< from Incident::reported_at to the first response
  Duration resolution;        ///< from Incident::reported_at to resolution
};

/// How many rules of a group may fire: `first`, only the first matching rule in evaluation
/// order; `collect`, every matching rule.
enum class HitPolicy { first, collect };

/// A compiled action: names resolved to indices, expressions compiled.
struct ActionInfo {
  using Kind = policy::ActionKind;     ///< what an action does
  Kind kind = Kind::remedy;            ///< what the action does
  std::uint32_t target = 0;            ///< remedy, fact slot, department, chain position, step
  std::optional<expr::Program> value;  ///< amount (remedy) or value (set)
  SourceLocation location;             ///< the action's key
};

/// A compiled rule.
struct RuleInfo {
  std::string id;           ///< unique among rules
  std::string description;  ///< may be empty
  /// Empty: always fires. Its checked tree (Program::ast) is dropped after compilation;
  /// re-check `when_text` for it.
  std::optional<expr::Program> when;
  std::string when_text;            ///< the condition as written; empty when none
  std::vector<ActionInfo> actions;  ///< in written order
  std::int32_t group = -1;          ///< index into groups, -1 when not grouped
  SourceLocation location;          ///< the rule's id
};

/// A compiled rule group.
struct GroupInfo {
  std::string id;                      ///< unique among groups
  HitPolicy hit = HitPolicy::collect;  ///< how many of its rules may fire
  std::string description;             ///< may be empty
  std::vector<std::uint32_t> rules;    ///< in written order
  SourceLocation location;             ///< the list entry
};

/// A policy ready to decide with. Built only by compile_policy() (or load_policy()) and handed
/// out as std::shared_ptr<const CompiledPolicy>: immutable after compilation, so one instance
/// may be read by any number of threads at once. Indices are 0-based positions in its vectors.
struct CompiledPolicy : std::enable_shared_from_this<CompiledPolicy> {
  PolicyIdentity identity;           ///< id, version and source hash
  std::string file;                  ///< the name it was loaded under
  Currency currency;                 ///< every amount in decisions and incidents uses it
  std::vector<std::string> locales;  ///< first is the default
  std::string description;           ///< may be empty
  SourceLocation location;  ///< the policy's id: where findings about the whole policy point

  std::vector<CategoryNode> categories;  ///< pre-order
  SourceLocation taxonomy_location;      ///< the policy's taxonomy: section; unknown if absent
  std::unordered_map<std::string, std::int32_t> category_index;  ///< category id -> index

  std::vector<FactInfo> facts;                                ///< index = slot
  std::unordered_map<std::string, std::uint32_t> fact_index;  ///< name -> slot
  std::deque<expr::EnumType> enum_types;  ///< host-declared enums (stable addresses)
  std::unordered_map<std::string, std::int64_t> interned;  ///< string literal -> id
  std::uint32_t priority_slot = 0;  ///< the slot of the built-in derived fact `priority`

  std::vector<RemedyInfo> remedies;             ///< the catalogue, in written order
  std::vector<StepInfo> steps;                  ///< communication steps, in written order
  std::vector<DepartmentInfo> departments;      ///< in written order
  std::vector<RoleInfo> roles;                  ///< in written order
  std::vector<std::uint32_t> escalation_chain;  ///< role indices from the entry role to the top

  std::optional<Calendar> calendar;   ///< empty: every target is wall-clock
  std::vector<SlaTarget> sla;         ///< sorted by priority
  std::int64_t default_priority = 0;  ///< priority when no rule sets one

  std::vector<RuleInfo> rules;                  ///< in written order
  std::vector<GroupInfo> groups;                ///< in written order
  std::vector<std::uint32_t> evaluation_order;  ///< topological order of the rule graph
  std::vector<std::pair<std::uint32_t, std::uint32_t>> rule_edges;  ///< (before, after)
  /// The index deciding walks to find the rules an incident can fire (rules/README.md, "How
  /// rules are found"). Built by the compiler; its layout is private and may change in any
  /// release.
  std::shared_ptr<const detail::RuleIndex> index;

  /// Slot of a fact by name, or nullopt. A linear search: resolve once, not per decision.
  [[nodiscard]] std::optional<std::uint32_t> fact_slot(std::string_view name) const;
  /// The SLA target for a priority: the first target whose priority is >= `priority`, or the
  /// last one. Precondition: `sla` is not empty.
  [[nodiscard]] const SlaTarget& target_for(std::int64_t priority) const;
  /// Writes the rule graph in Graphviz DOT (rules as nodes, evaluation dependencies as edges).
  void write_dot(std::ostream& out) const;
};

}  // namespace redress
