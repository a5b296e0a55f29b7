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
  bool last_failure_same_category = false;
  RecoveryOutcome last_recovery_outcome = RecoveryOutcome::none;
  std::int64_t open_complaints = 0;
  std::int64_t reopen_count = 0;
  std::optional<Money> compensation_given;  ///< goodwill already given in the window
  bool external_complaint = false;          ///< regulator, media or social complaint filed
};

/// The input of a decision. Only `id`, `reported_at` and `category` are required; every other
/// field has the default shown. Money fields must be in the policy's currency.
struct Incident {
  std::string id;
  Timestamp reported_at;
  std::string category;                      ///< dotted taxonomy id, e.g. "core.unavailable"
  std::optional<FailureType> failure_type;   ///< default: the category's declared type
  Magnitude magnitude = Magnitude::minor;
  std::optional<Money> loss;                 ///< money lost or at stake; default zero
  Locus locus = Locus::firm;
  Stability stability = Stability::one_off;
  Controllability controllability = Controllability::firm_controllable;
  bool safety_critical = false;
  std::int64_t affected_count = 1;
  std::string touchpoint;                    ///< blueprint step, e.g. "hotel.check_in"
  Emotion emotion = Emotion::calm;
  std::int64_t intensity = 1;                ///< 1 (mild) to 5 (extreme)
  std::vector<Motive> motives;
  std::vector<Justice> deficits;             ///< justice dimensions the customer says were missing
  Tier tier = Tier::standard;
  Channel channel = Channel::phone;
  History history;
  /// Host-specific facts declared in the policy's `facts:` section, by name.
  std::map<std::string, FactValue> facts;
};

}  // namespace redress
