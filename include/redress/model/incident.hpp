// An incident: what failed, how badly, how the customer feels, who they are and what is at stake.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "redress/model/enums.hpp"
#include "redress/model/fact_value.hpp"
#include "redress/model/money.hpp"
#include "redress/model/time.hpp"

namespace redress {

/// What the host knows of the customer's past with the firm (domain brief §3.10).
struct History {
  std::int64_t prior_failures = 0;          ///< failures in the policy's look-back window
  std::int64_t last_failure_days_ago = 0;   ///< meaningful only when prior_failures > 0
  bool last_failure_same_category = false;  ///< the last failure had the same category
  RecoveryOutcome last_recovery_outcome = RecoveryOutcome::none;  ///< of the last failure
  std::int64_t open_complaints = 0;                               ///< complaints not yet closed
  std::int64_t reopen_count = 0;                                  ///< times this case was reopened
  std::optional<Money> compensation_given;  ///< goodwill already given in the window
  /// The window, in days up to this incident, that compensation_given covers; 0: not said (the
  /// policy's per-customer cap then takes it as covering its own window).
  std::int64_t compensation_window_days = 0;
  bool external_complaint = false;  ///< regulator, media or social complaint filed

  /// Every field equal.
  friend bool operator==(const History&, const History&) = default;
};

/// The input of a decision. Only `id`, `reported_at` and `category` are required; every other
/// field has the default shown. Money fields must be in the policy's currency. Documents map
/// onto it as redress/model/incident_fields.hpp says; a new member needs an entry there.
struct Incident {
  std::string id;         ///< the host's id, echoed in the decision
  Timestamp reported_at;  ///< SLA deadlines count from here
  /// When the failure happened, if the host knows; clocks that run from the failure (`start:
  /// occurred`) and policies deciding under what was in force then use reported_at without it.
  std::optional<Timestamp> occurred_at;
  std::string category;  ///< dotted taxonomy id, e.g. "core.unavailable"
  /// The root causes as categories, when they are not the symptom (a billing error caused by a
  /// system error and a supplier's fault: category billing..., causes system..., supplier...).
  /// The first is the primary cause; empty: the category itself. At most 3, each once.
  std::vector<std::string> causes;
  /// Outcome, process, or both (the core service failed and was also delivered badly); the
  /// first is the primary type. Empty: the category's declared type. Each at most once.
  std::vector<FailureType> failure_types;
  Magnitude magnitude = Magnitude::minor;    ///< how badly it failed
  std::optional<Money> loss;                 ///< money lost or at stake; default zero
  Locus locus = Locus::firm;                 ///< who caused it
  Stability stability = Stability::one_off;  ///< whether it keeps happening
  Controllability controllability = Controllability::firm_controllable;  ///< could it be avoided
  bool safety_critical = false;     ///< someone's safety was at risk
  std::int64_t affected_count = 1;  ///< customers affected by the same failure
  /// The incident group's id (a flight, an outage, a recall): every customer hit by one failure
  /// carries the same id; empty when the incident stands alone. Rules read `in_group`.
  std::string group;
  std::string touchpoint;               ///< blueprint step, e.g. "hotel.check_in"
  Emotion emotion = Emotion::calm;      ///< the customer's dominant emotion
  std::int64_t intensity = 1;           ///< 1 (mild) to 5
  std::vector<Emotion> other_emotions;  ///< felt beside the dominant one (angry and anxious)
  std::vector<Motive> motives;          ///< why the customer complains; order irrelevant
  std::vector<Justice> deficits;        ///< justice dimensions the customer says were missing
  Tier tier = Tier::standard;           ///< the customer's value tier
  Channel channel = Channel::phone;     ///< where the complaint came in
  std::int64_t tenure_months = 0;       ///< how long the customer has been one
  std::int64_t past_purchases = 0;      ///< purchases, stays or flights before this one
  /// Where the customer threatens to go (not yet filed; history.external_complaint is filed).
  std::vector<Threat> threatened;
  History history;  ///< the customer's past with the firm
  // Where the complaint is governed: rules attach statutory clocks by these (rules/README.md,
  // "Statutory clocks"). Free text, as the host names them.
  std::string jurisdiction;  ///< e.g. "CN", "EU", "UK", "US"; empty: not given
  std::string sector;        ///< where it matters, e.g. "banking", "payments"; empty: not given
  /// Roles (by the policy's ids) or staff ids involved in the matter: a policy requiring
  /// recusal gives the case to a role not among them.
  std::vector<std::string> involved;
  /// Host-specific facts declared in the policy's `facts:` section, by name.
  std::map<std::string, FactValue> facts;

  /// Every field equal (see incident_fields.hpp for the table of the fields).
  friend bool operator==(const Incident&, const Incident&) = default;
};

}  // namespace redress
