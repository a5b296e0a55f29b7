// What an explanation or a property is about: one aspect of a decision (its owner, its
// priority, whether a remedy is offered, a derived flag), read as a short text so that two
// decisions can be compared on it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "redress/compile/compiled_policy.hpp"
#include "redress/diag/diagnostic.hpp"
#include "redress/model/decision.hpp"

namespace redress::explain {

/// One kind of outcome: a row of the table in outcome.cpp (`owner`, `priority`, `remedy:ID`,
/// `flag:ID`, `clock:ID`, `commitment:ID`). Adding a kind is adding a row.
struct OutcomeKind {
  std::string_view name;  ///< as written before the colon
  /// What the id after the colon names ("remedy", "derived bool fact"); empty when the kind
  /// takes no id.
  std::string_view id_names;
  /// Whether `id` names something of the right sort in `policy`.
  bool (*valid_id)(const CompiledPolicy& policy, std::string_view id);
  /// The ids `valid_id` accepts, for the hint of an unknown id.
  std::string (*ids)(const CompiledPolicy& policy);
  /// The outcome's value in a decision, as text ("team_lead", "2", "offered", "true").
  std::string (*value)(const Decision& decision, std::string_view id);
};

/// A parsed `--outcome`: its kind and, for kinds that take one, the id.
struct Outcome {
  const OutcomeKind* kind = nullptr;  ///< a row of the table
  std::string id;                     ///< empty for kinds without an id

  /// The outcome's value in `decision`.
  [[nodiscard]] std::string value(const Decision& decision) const;
  /// "owner", "priority", "apology.senior", "revenge_risk": how texts name it.
  [[nodiscard]] std::string subject() const;
  /// As written: "owner", "remedy:apology.senior".
  [[nodiscard]] std::string text() const;
};

/// Parses `owner`, `priority`, `remedy:ID`, `flag:ID`, `clock:ID` or `commitment:ID` against
/// `policy`. On an unknown kind or
/// id, adds an `explain.unknown_outcome` error (what was written, the kinds or ids there are)
/// to `diagnostics` and returns nullopt.
std::optional<Outcome> parse_outcome(const CompiledPolicy& policy, std::string_view text,
                                     Diagnostics& diagnostics);

/// Every kind of outcome, in the table's order, as `owner|priority|remedy:ID|flag:ID|...`.
std::string outcome_kinds();

}  // namespace redress::explain
