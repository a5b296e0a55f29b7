// A compiled policy: every name resolved to an index, every expression compiled, rules in
// evaluation order. Handed out only as std::shared_ptr<const CompiledPolicy>: immutable, so one
// instance is safe to share across threads.
#pragma once

#include <cstdint>
#include <deque>
#include <iosfwd>
#include <map>
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

namespace redress {

/// A taxonomy node. Nodes are stored in pre-order, so a node's descendants are the indices
/// [index, end).
struct CategoryNode {
  std::string id;
  std::int32_t parent = -1;
  std::int32_t end = 0;
  FailureType failure_type = FailureType::outcome;
  std::string description;
  SourceLocation location;  ///< its id, in the policy or in the standard taxonomy's file
};

/// Where a fact's value comes from.
enum class FactSource { incident, host, derived };

struct FactInfo {
  std::string name;
  expr::Type type;
  FactSource source = FactSource::incident;
  std::optional<std::int64_t> default_value;  ///< slot value; required host facts have none
  bool sensitive = false;
  std::string description;
  SourceLocation location;
};

using LocalizedStrings = std::map<std::string, std::string>;

struct RemedyInfo {
  std::string id;
  std::vector<Justice> covers;
  bool monetary = false;
  bool goodwill = false;
  LocalizedStrings text;
  SourceLocation location;
};

struct StepInfo {
  std::string id;
  LocalizedStrings text;
  SourceLocation location;
};

struct DepartmentInfo {
  std::string id;
  std::string name;
  SourceLocation location;
};

struct RoleInfo {
  std::string id;
  std::string title;
  std::optional<std::int64_t> authority;  ///< minor units; empty = unlimited
  std::int32_t reports_to = -1;           ///< role index; -1 for the top role
  SourceLocation location;
};

struct SlaTarget {
  std::int64_t priority = 0;
  Duration first_response;
  Duration resolution;
};

enum class HitPolicy { first, collect };

struct ActionInfo {
  enum class Kind { remedy, set, involve, escalate, say };
  Kind kind = Kind::remedy;
  std::uint32_t target = 0;            ///< remedy, fact slot, department, chain position, step
  std::optional<expr::Program> value;  ///< amount (remedy) or value (set)
  SourceLocation location;
};

struct RuleInfo {
  std::string id;
  std::string description;
  std::optional<expr::Program> when;  ///< empty: always fires
  std::string when_text;
  std::vector<ActionInfo> actions;
  std::int32_t group = -1;            ///< index into groups, -1 when not grouped
  SourceLocation location;
};

struct GroupInfo {
  std::string id;
  HitPolicy hit = HitPolicy::collect;
  std::string description;
  std::vector<std::uint32_t> rules;  ///< in written order
  SourceLocation location;
};

struct CompiledPolicy {
  PolicyIdentity identity;
  std::string file;
  Currency currency;
  std::vector<std::string> locales;  ///< first is the default
  std::string description;
  SourceLocation location;  ///< the policy's id: where findings about the whole policy point

  std::vector<CategoryNode> categories;  ///< pre-order
  SourceLocation taxonomy_location;      ///< the policy's taxonomy: section; unknown if absent
  std::unordered_map<std::string, std::int32_t> category_index;

  std::vector<FactInfo> facts;  ///< index = slot
  std::deque<expr::EnumType> enum_types;  ///< host-declared enums (stable addresses)
  std::unordered_map<std::string, std::int64_t> interned;  ///< string literal -> id
  std::uint32_t priority_slot = 0;

  std::vector<RemedyInfo> remedies;
  std::vector<StepInfo> steps;
  std::vector<DepartmentInfo> departments;
  std::vector<RoleInfo> roles;
  std::vector<std::uint32_t> escalation_chain;  ///< role indices from the entry role to the top

  std::optional<Calendar> calendar;  ///< empty: every target is wall-clock
  std::vector<SlaTarget> sla;        ///< sorted by priority
  std::int64_t default_priority = 0;

  std::vector<RuleInfo> rules;                ///< in written order
  std::vector<GroupInfo> groups;
  std::vector<std::uint32_t> evaluation_order;  ///< topological order of the rule graph
  std::vector<std::pair<std::uint32_t, std::uint32_t>> rule_edges;  ///< (before, after)

  /// Index of a fact by name, or nullopt.
  [[nodiscard]] std::optional<std::uint32_t> fact_slot(std::string_view name) const;
  /// The SLA target for a priority (after clamping into the declared range).
  [[nodiscard]] const SlaTarget& target_for(std::int64_t priority) const;
  /// Writes the rule graph in Graphviz DOT (rules as nodes, evaluation dependencies as edges).
  void write_dot(std::ostream& out) const;
};

}  // namespace redress
