// A decision: how to put things right, who owns it, by when, how to talk, and why.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "redress/model/enums.hpp"
#include "redress/model/fact_value.hpp"
#include "redress/model/money.hpp"
#include "redress/model/time.hpp"

namespace redress {

/// A fact and its value, as echoed in a decision or read by a rule.
struct NamedValue {
  std::string name;
  FactValue value;
};

/// The incident as the policy understood it, with the derived facts the rules set.
struct Classification {
  std::string category;
  std::vector<std::string> category_path;  ///< root first: core, core.unavailable, ...
  FailureType failure_type = FailureType::outcome;
  Magnitude magnitude = Magnitude::minor;
  Emotion emotion = Emotion::calm;
  std::int64_t intensity = 1;
  std::vector<Justice> deficits;
  Tier tier = Tier::standard;
  /// Derived facts (flags such as double_deviation) in declaration order, priority excluded.
  std::vector<NamedValue> derived;
};

struct RemedyOffer {
  std::string id;
  std::optional<Money> amount;              ///< set for monetary remedies
  std::vector<Justice> covers;              ///< dimensions this remedy addresses
  bool goodwill = false;                    ///< counts against authority (else restitution)
  std::string text;                         ///< in the requested locale
  std::vector<std::string> rules;           ///< ids of the rules that recommended it
};

struct JusticeCoverage {
  Justice dimension = Justice::outcome;
  bool covered = false;
  std::vector<std::string> by;              ///< remedies that cover it
};

struct Deadlines {
  std::string calendar;
  Duration first_response_target;
  Duration resolution_target;
  Timestamp first_response_due;
  Timestamp resolution_due;
};

struct CommunicationStep {
  std::string id;
  std::string text;
  std::vector<std::string> rules;
};

struct Warning {
  std::string code;
  std::string message;
};

/// One rule's evaluation. `read` holds every fact its condition reads, with the value seen.
struct TraceEntry {
  std::string rule;
  std::string group;                        ///< empty when not in a group
  enum class Outcome { fired, not_matched, skipped } outcome = Outcome::not_matched;
  std::string note;                         ///< why skipped, or what an action did
  std::vector<NamedValue> read;
  std::vector<std::string> actions;         ///< human-readable actions taken, in order
};

struct PolicyIdentity {
  std::string id;
  std::string version;
  std::string hash;                         ///< "sha256:<hex>" of the policy's source text
};

struct Decision {
  std::string incident_id;
  PolicyIdentity policy;
  Classification classification;
  std::int64_t priority = 0;
  Deadlines deadlines;
  std::vector<RemedyOffer> remedies;        ///< in catalogue order
  std::vector<JusticeCoverage> coverage;    ///< one per deficit the customer indicated
  Money compensation_total;                 ///< every monetary remedy
  Money goodwill_total;                     ///< counts against authority
  Money restitution_total;                  ///< never counts against authority
  std::string owner;                        ///< role that owns the case
  std::optional<Money> owner_authority;     ///< empty when unlimited
  std::vector<std::string> escalation_path; ///< entry role first, owner last
  std::vector<std::string> departments;     ///< in declaration order
  std::vector<CommunicationStep> communication;
  std::vector<Warning> warnings;
  /// Ids of the rules that fired, in evaluation order; always filled (audit records need it).
  /// Not part of the decision JSON, which carries the same in its trace.
  std::vector<std::string> rules_fired;
  std::vector<TraceEntry> trace;            ///< filled only when tracing is asked for
};

}  // namespace redress
