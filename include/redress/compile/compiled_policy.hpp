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
#include "redress/model/clock.hpp"
#include "redress/model/commitment.hpp"
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
  /// The slots its values are kept in, from its own: 1; more for a fact of several values
  /// (`cause`, `failure_type`: a test holds when it holds for any value); 0 for the slot of
  /// such a fact's further value (named `cause#2`, ...), which no expression names.
  std::uint8_t values = 1;
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
  /// Index into CompiledPolicy::option_groups of the group it is an option of (one at most);
  /// -1 when none.
  std::int32_t option_group = -1;
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

/// When an element (a rule, a dated remedy amount, a clock) is in force: local dates, as days
/// since 1970-01-01, from `from` (inclusive) to `until` (exclusive).
struct EffectiveWindow {
  std::int64_t from = std::numeric_limits<std::int64_t>::min();   ///< first day in force
  std::int64_t until = std::numeric_limits<std::int64_t>::max();  ///< first day no longer in force

  /// Whether the element is in force on local date `date`.
  [[nodiscard]] bool contains(std::int64_t date) const { return from <= date && date < until; }
};

/// A longer period a clock may be extended to.
struct ClockExtensionInfo {
  ClockPeriod due;                         ///< the whole extended period from the clock's start
  std::string due_text;                    ///< due.to_string(), for decisions to point into
  std::vector<std::string> when;           ///< when it may be used, per locale (may be empty)
  std::vector<std::string> holding_reply;  ///< what the holding reply must say, per locale
};

/// A clock of the policy or of a library it includes: a deadline running beside the SLA.
struct ClockInfo {
  std::string id;                           ///< unique among clocks
  std::vector<std::string> title;           ///< per locale (may be empty)
  std::vector<std::string> basis;           ///< the legal citation, per locale (may be empty)
  ClockStart start = ClockStart::reported;  ///< the event it runs from
  ClockCount count;                         ///< how it counts to its due time
  std::string due_text;                     ///< count.period.to_string()
  /// Index into CompiledPolicy::calendars; -1 when it names none or the policy does not declare
  /// the one it names (then no rule may attach it).
  std::int32_t calendar = -1;
  std::string calendar_name;                          ///< as written; empty when none
  std::vector<ClockExtensionInfo> extensions;         ///< in written order
  std::vector<std::vector<std::string>> final_reply;  ///< each item's text, per locale
  std::vector<std::string> referral_body;             ///< per locale; empty: no referral
  std::string referral_within;                        ///< a period after the final reply, or empty
  std::optional<EffectiveWindow> effective;           ///< empty: always in force
  SourceLocation location;                            ///< its id
};

/// A commitment of the policy's catalogue: a task rules commit the firm to.
struct CommitmentInfo {
  std::string id;                              ///< unique among commitments
  CommitmentKind kind = CommitmentKind::plan;  ///< what it promises
  std::vector<std::string> text;               ///< per locale (may be empty)
  std::string assignee;                        ///< a role or department id
  bool assignee_is_role = true;                ///< false: a department
  std::uint32_t assignee_index = 0;            ///< into roles or departments
  ClockStart start = ClockStart::reported;     ///< the event it counts from
  CommitmentDue due;                           ///< when it falls due
  std::string due_text;                        ///< due.to_string()
  std::optional<Duration> every;               ///< the recurrence, if any
  std::string every_text;                      ///< every->to_string(), or empty
  std::vector<std::string> until;              ///< what ends the recurrence, per locale
  /// Index into CompiledPolicy::calendars: its own `calendar:`, else the SLA's; -1 for none.
  std::int32_t calendar = -1;
  SourceLocation location;  ///< its id
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

/// A choice of remedies a rule may offer (`options: {id, choose: one, of}`): the customer
/// receives one of them.
struct OptionGroupInfo {
  std::string id;                 ///< unique among option groups
  std::vector<std::uint32_t> of;  ///< the remedies, in catalogue order
  SourceLocation location;        ///< its id where it is first offered
};

/// The finding a contingent remedy waits for.
struct ContingencyInfo {
  std::vector<std::string> on;  ///< the finding, per locale (as RemedyInfo::text)
  SourceLocation location;      ///< the `contingent:` map
};

/// The policy's goodwill caps (`caps:`); restitution is never capped.
struct CapsInfo {
  std::optional<std::int64_t> per_incident;  ///< minor units; empty: no cap per incident
  std::optional<std::int64_t> per_customer;  ///< minor units over `window_days`; empty: none
  std::int64_t window_days = 0;              ///< the per-customer cap's window
  SourceLocation location;                   ///< the `caps:` section
};

/// A compiled action: names resolved to indices, expressions compiled. An `options` action
/// compiles into one remedy action per option (with `option_group` set), and a remedy with a
/// fallback into the remedy action followed by its fallback's (with `fallback` set).
struct ActionInfo {
  using Kind = policy::ActionKind;  ///< what an action does
  Kind kind = Kind::remedy;         ///< what the action does; never `options` once compiled
  /// Remedy, fact slot, department, chain position, step or clock.
  std::uint32_t target = 0;
  std::optional<expr::Program> value;        ///< amount (remedy) or value (set)
  std::optional<EffectiveWindow> effective;  ///< a dated remedy: when its amount is in force
  SourceLocation location;                   ///< the action's key
  // A remedy's terms (all unset for a remedy offered outright):
  /// `if:`: the remedy is offered only when this holds; else the fallback after it is.
  std::optional<expr::Program> available;
  /// Offered only when the remedy action before it (the one it is the fallback of) was not.
  bool fallback = false;
  std::int32_t option_group = -1;  ///< index into CompiledPolicy::option_groups, or -1
  std::int32_t contingency = -1;   ///< index into CompiledPolicy::contingencies, or -1
  /// When a contingent remedy's finding is made: then it is offered as any other; empty: never.
  std::optional<expr::Program> confirmed;

  /// True when the action offers a remedy on terms other than outright.
  [[nodiscard]] bool has_terms() const {
    return available || fallback || option_group >= 0 || contingency >= 0;
  }
  /// Calls `visit` with each expression the action evaluates when its rule fires (its value,
  /// a remedy's availability and a contingency's finding): what it reads is read by the rule.
  template <typename Visit>
  void for_each_program(Visit&& visit) const {
    for (const auto* program : {&value, &available, &confirmed}) {
      if (*program) visit(**program);
    }
  }
};

/// A compiled rule.
struct RuleInfo {
  std::string id;           ///< unique among rules
  std::string description;  ///< may be empty
  /// Empty: always fires. Its checked tree (Program::ast) is dropped after compilation;
  /// re-check `when_text` for it.
  std::optional<expr::Program> when;
  std::string when_text;                     ///< the condition as written; empty when none
  std::vector<ActionInfo> actions;           ///< in written order
  std::int32_t group = -1;                   ///< index into groups, -1 when not grouped
  std::optional<EffectiveWindow> effective;  ///< empty: always in force
  /// Why the rule did not run on a date outside `effective`, for traces ("in force from ...").
  std::string out_of_force_note;
  SourceLocation location;  ///< the rule's id
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

  std::vector<RemedyInfo> remedies;            ///< the catalogue, in written order
  std::vector<OptionGroupInfo> option_groups;  ///< in the order rules first offer them
  std::vector<ContingencyInfo> contingencies;  ///< one per contingent remedy action
  std::optional<CapsInfo> caps;                ///< set when the policy caps goodwill
  bool remedy_terms = false;    ///< some remedy action has terms (ActionInfo::has_terms())
  std::vector<StepInfo> steps;  ///< communication steps, in written order
  std::vector<DepartmentInfo> departments;      ///< in written order
  std::vector<RoleInfo> roles;                  ///< in written order
  std::vector<std::uint32_t> escalation_chain;  ///< role indices from the entry role to the top

  std::vector<Calendar> calendars;          ///< every calendar, in written order
  std::int32_t sla_calendar_index = -1;     ///< into calendars; -1: every target is wall-clock
  std::vector<SlaTarget> sla;               ///< sorted by priority
  std::int64_t default_priority = 0;        ///< priority when no rule sets one
  std::vector<ClockInfo> clocks;            ///< the policy's clocks, then its libraries', as read
  std::vector<CommitmentInfo> commitments;  ///< the `commitments:` catalogue, in written order
  /// policy.recusal: every case's owner must be uninvolved (rules can require it case by case).
  bool recusal_required = false;

  /// The date that decides what is in force (policy.in_force).
  InForceBasis in_force = InForceBasis::reported;
  /// True when a rule, an amount or a clock carries `effective:` dates: deciding then works out
  /// the as-of date and holds it in slot `as_of_slot`, one past the facts, which the rule index
  /// tests like a fact (a rule out of force is never visited).
  bool dated = false;
  std::uint32_t as_of_slot = 0;  ///< == facts.size() when dated

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
  /// The SLA's calendar, or null when the SLA counts wall-clock time only.
  [[nodiscard]] const Calendar* sla_calendar() const {
    return sla_calendar_index < 0 ? nullptr
                                  : &calendars[static_cast<std::size_t>(sla_calendar_index)];
  }
  /// A clock's calendar, or null when it counts without one.
  [[nodiscard]] const Calendar* calendar_of(const ClockInfo& clock) const {
    return clock.calendar < 0 ? nullptr : &calendars[static_cast<std::size_t>(clock.calendar)];
  }
  /// A commitment's calendar, or null when it counts without one.
  [[nodiscard]] const Calendar* calendar_of(const CommitmentInfo& commitment) const {
    return commitment.calendar < 0 ? nullptr
                                   : &calendars[static_cast<std::size_t>(commitment.calendar)];
  }
  /// Writes the rule graph in Graphviz DOT (rules as nodes, evaluation dependencies as edges).
  void write_dot(std::ostream& out) const;
};

}  // namespace redress
