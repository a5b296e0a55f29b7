// A decision: how to put things right, who owns it, by when, how to talk, and why.
#pragma once

#include <boost/container/small_vector.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "redress/model/commitment.hpp"
#include "redress/model/enums.hpp"
#include "redress/model/fact_value.hpp"
#include "redress/model/money.hpp"
#include "redress/model/recusal.hpp"
#include "redress/model/time.hpp"

namespace redress {

/// A fact and its value, as echoed in a decision or read by a rule.
struct NamedValue {
  std::string_view name;  ///< the fact's name
  FactValue value;        ///< its value; Symbol{"***"} for a fact the policy declares sensitive
};

/// The incident as the policy understood it, with the derived facts the rules set.
struct Classification {
  std::string_view category;                        ///< the incident's category id
  std::vector<std::string_view> category_path;      ///< root first: core, core.unavailable, ...
  FailureType failure_type = FailureType::outcome;  ///< given, or the category's declared type
  Magnitude magnitude = Magnitude::minor;           ///< as in the incident
  Emotion emotion = Emotion::calm;                  ///< as in the incident
  std::int64_t intensity = 1;                       ///< as in the incident, 1 to 5
  std::vector<Justice> deficits;  ///< the incident's deficits, in the enum's declaration order
  Tier tier = Tier::standard;     ///< as in the incident
  /// Derived facts (flags such as double_deviation) in declaration order, priority excluded.
  std::vector<NamedValue> derived;
};

/// A remedy the decision offers. Monetary amounts are > 0: a rule that computes zero or less
/// offers nothing; when several rules offer the same remedy, the largest amount wins.
///
/// Most offers are outright. An offer may instead be one option of a choice the customer makes
/// (`option`), a fallback for a preferred remedy that is not available (`instead_of`), or wait
/// for a finding not yet made (`contingent`: listed, never counted in the totals).
struct RemedyOffer {
  std::string_view id;              ///< the remedy's id in the policy's catalogue
  std::optional<Money> amount;      ///< set for monetary remedies
  std::span<const Justice> covers;  ///< dimensions this remedy addresses (the catalogue's)
  bool goodwill = false;            ///< counts against authority (else restitution)
  std::string_view text;            ///< in the requested locale
  /// Ids of the rules that recommended it, in the order they acted (most remedies have one or
  /// two: those are held inline, without allocating).
  boost::container::small_vector<std::string_view, 2> rules;
  /// The option group (Decision::options) it is one choice of; empty when offered outright.
  std::string_view option;
  /// The preferred remedy it replaces because that one was not available; empty otherwise.
  std::string_view instead_of;
  /// The finding it waits for, in the requested locale; empty when not contingent. A contingent
  /// offer counts in no total, nor in the justice coverage.
  std::string_view contingent;
  /// The amount before the policy's goodwill caps reduced it; empty when not reduced.
  std::optional<Money> capped_from;
};

/// A choice of remedies the customer makes: they receive one of `of`. The totals count, from
/// each choice, the option that makes that total largest, so authority covers any choice.
struct RemedyOptions {
  std::string_view id;                  ///< the option group's id in the policy
  std::vector<std::string_view> of;     ///< the remedies offered as its options, catalogue order
  std::vector<std::string_view> rules;  ///< ids of the rules that offered the choice
};

/// One goodwill remedy the caps reduced, in the order the reductions were made.
struct CapReduction {
  std::string_view remedy;  ///< the remedy's id
  Money from;               ///< its amount before
  Money to;                 ///< its amount after; zero when it was dropped
};

/// How the policy's goodwill caps applied to a decision (set when the policy has `caps:`).
struct GoodwillCap {
  std::optional<Money> per_incident;     ///< the cap per incident; empty when none
  std::optional<Money> per_customer;     ///< the cap per customer over `window_days`; empty: none
  std::int64_t window_days = 0;          ///< the per-customer cap's window
  Money given;                           ///< goodwill already given in the window (the incident's)
  std::int64_t given_window_days = 0;    ///< the window the host says `given` covers; 0: unsaid
  Money allowed;                         ///< the most goodwill this decision may grant
  Money requested;                       ///< the goodwill total the rules reached, before the caps
  std::vector<CapReduction> reductions;  ///< empty when the rules stayed within `allowed`
};

/// Whether the offered remedies address one justice deficit the customer indicated.
struct JusticeCoverage {
  Justice dimension = Justice::outcome;  ///< the deficit
  bool covered = false;                  ///< true when `by` is not empty
  std::vector<std::string_view> by;      ///< remedies that cover it
};

/// When the case must be answered and resolved, from the SLA target for the decided priority.
struct Deadlines {
  std::string_view calendar;       ///< id of the SLA calendar; empty when wall-clock only
  Duration first_response_target;  ///< as written in the policy
  Duration resolution_target;      ///< as written in the policy
  /// Incident::reported_at plus the target, in the calendar's UTC offset (without a calendar,
  /// in the offset of reported_at).
  Timestamp first_response_due;
  Timestamp resolution_due;  ///< computed as first_response_due
};

/// A longer period a statutory clock may be extended to, and what that takes.
struct ClockExtension {
  std::string_view period;         ///< the whole extended period, as the policy writes it
  Timestamp due;                   ///< the clock's start plus that period
  std::string_view when;           ///< when it may be used; may be empty
  std::string_view holding_reply;  ///< what the holding reply, sent before `due` of the clock, says
};

/// A statutory (or contractual) clock that applies to the case, beside the commercial SLA.
struct StatutoryClock {
  std::string_view id;        ///< the clock's id in the policy or its library
  std::string_view title;     ///< in the requested locale; may be empty
  std::string_view basis;     ///< the legal citation, in the requested locale; may be empty
  std::string_view calendar;  ///< the calendar it counts in; empty when none
  ClockStart start = ClockStart::reported;  ///< the event it runs from
  Timestamp started;                        ///< that event's instant
  std::string_view period;                  ///< as the policy writes it, e.g. "15 calendar_days"
  Timestamp due;  ///< the due instant, in the calendar's UTC offset (else the start's)
  std::vector<ClockExtension> extensions;     ///< in the policy's order
  std::vector<std::string_view> final_reply;  ///< what the final reply must contain
  std::string_view referral_body;             ///< who the customer may refer to; empty when none
  std::string_view referral_within;  ///< the period to refer after the final reply; may be empty
  /// Ids of the rules that attached it, in the order they acted.
  boost::container::small_vector<std::string_view, 2> rules;
};

/// The date that decided what was in force (for a policy that dates rules, amounts or clocks).
struct InForce {
  std::int64_t date = 0;                        ///< a local date, as days since 1970-01-01
  InForceBasis basis = InForceBasis::reported;  ///< where the date came from
};

/// A communication step the decision asks for, in the policy's catalogue order.
struct CommunicationStep {
  std::string_view id;                  ///< the step's id in the policy
  std::string_view text;                ///< in the requested locale
  std::vector<std::string_view> rules;  ///< ids of the rules that asked for it
};

/// Something the host should know about the decision; not an error.
struct Warning {
  std::string_view code;  ///< stable: a code of kDecisionWarnings (decision_warnings.hpp)
  std::string message;    ///< one sentence for people
};

/// One rule's evaluation. `read` holds every fact its condition reads, with the value seen.
/// Sensitive facts are shown as "***".
struct TraceEntry {
  std::string_view rule;   ///< the rule's id
  std::string_view group;  ///< empty when not in a group
  /// What happened: the rule fired, its condition was false, or it was not evaluated because an
  /// earlier rule of its `first` group fired.
  enum class Outcome { fired, not_matched, skipped } outcome = Outcome::not_matched;  ///< result
  std::string_view note;             ///< why skipped; empty otherwise
  std::vector<NamedValue> read;      ///< facts the condition reads, before it ran
  std::vector<std::string> actions;  ///< human-readable actions taken, in order
};

/// Which policy made a decision.
struct PolicyIdentity {
  std::string id;       ///< from the policy's `policy.id`
  std::string version;  ///< from the policy's `policy.version`
  std::string hash;     ///< "sha256:<hex>" of the policy's source text
};

/// The output of decide(). Money amounts are in the policy's currency.
///
/// Ids and texts that come from the policy (remedy, step, role, department, rule and fact
/// names, category ids, texts) are std::string_views into the compiled policy, so deciding
/// copies no strings. The decision keeps that policy alive through `policy_storage` when the
/// policy is owned by a std::shared_ptr (as compile_policy() and load_policy() hand it out):
/// a Decision, and its copies, stay valid after the host drops the policy or reloads another.
/// Copy a view into a std::string to keep it beyond the Decision's lifetime.
struct Decision {
  std::string incident_id;  ///< Incident::id
  /// Incident::group: the incident group the case belongs to; empty when it stands alone.
  std::string group;
  std::int64_t affected_count = 1;  ///< Incident::affected_count: customers the failure hit
  PolicyIdentity policy;            ///< the policy that decided
  /// Set when the policy dates rules, amounts or clocks: the date the case was decided under.
  std::optional<InForce> in_force;
  Classification classification;          ///< the incident as the policy understood it
  std::int64_t priority = 0;              ///< 1 is the most urgent; within the SLA's declared range
  Deadlines deadlines;                    ///< for `priority`
  std::vector<StatutoryClock> clocks;     ///< the clocks rules attached, in the policy's order
  std::vector<RemedyOffer> remedies;      ///< in catalogue order
  std::vector<RemedyOptions> options;     ///< choices the customer makes, in the policy's order
  std::vector<JusticeCoverage> coverage;  ///< one per deficit the customer indicated
  /// Every monetary remedy not contingent; from each choice, its most expensive option.
  Money compensation_total;
  Money goodwill_total;                           ///< counts against authority; after the caps
  Money restitution_total;                        ///< never counts against authority, never capped
  std::optional<GoodwillCap> cap;                 ///< set when the policy caps goodwill
  std::string_view owner;                         ///< role that owns the case
  std::optional<Money> owner_authority;           ///< empty when unlimited
  std::vector<std::string_view> escalation_path;  ///< entry role first, owner last
  /// Set when the policy or a rule requires an uninvolved owner (then the escalation path
  /// leaves out the involved roles).
  std::optional<Recusal> recusal;
  /// Tasks the rules committed to, by due instant (then in catalogue order).
  std::vector<Commitment> commitments;
  std::vector<std::string_view> departments;     ///< in declaration order
  std::vector<CommunicationStep> communication;  ///< steps to take, in catalogue order
  std::vector<Warning> warnings;                 ///< uncovered deficits, exceeded authority
  /// Ids of the rules that fired, in evaluation order; always filled (audit records need it).
  /// Not part of the decision JSON, which carries the same in its trace.
  std::vector<std::string_view> rules_fired;
  std::vector<TraceEntry> trace;  ///< filled only when tracing is asked for
  /// How the owner was chosen under recusal, one line a role considered; filled only when
  /// tracing is asked for and recusal is required.
  std::vector<std::string> owner_trace;
  /// Keeps alive the policy the string_views above point into; empty for a decision built by
  /// hand or by a policy not owned by a std::shared_ptr (then the policy must outlive it).
  std::shared_ptr<const void> policy_storage;
};

}  // namespace redress
