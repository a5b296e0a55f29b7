// The state of one decision while its rules run. It lives in a per-thread scratch area that is
// reused from one decision to the next, so deciding does not allocate once its vectors have
// grown to the policy's size.
#pragma once

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "engine/bit_set.hpp"
#include "redress/engine/decide.hpp"
#include "redress/model/decision_warnings.hpp"

namespace redress::detail {

/// Per-decision working memory, sized to a policy by reset(). Sets over the policy's catalogues
/// are bitsets: resetting one costs a bit per entry, and walking one visits only its members,
/// so a policy with thousands of remedies costs a decision little more than a small one.
struct Scratch {
  std::vector<std::int64_t> slots;
  BitSet offered;                     ///< per remedy
  std::vector<std::int64_t> amounts;  ///< per remedy; read only for offered monetary ones
  // How each offered remedy was offered, for a policy with remedy terms
  // (CompiledPolicy::remedy_terms); a remedy offered in several ways is offered in the strongest:
  // outright (plainly or as a fallback), else as an option, else contingent.
  BitSet plain;        ///< per remedy: offered outright, not as a fallback
  BitSet fallen_back;  ///< per remedy: offered as the fallback of a remedy not available
  BitSet optioned;     ///< per remedy: offered as an option of its group
  BitSet contingent;   ///< per remedy: offered contingent on a finding not made
  std::vector<std::int32_t> instead_of;   ///< per remedy in fallen_back: the preferred remedy
  std::vector<std::int32_t> contingency;  ///< per remedy in contingent: its finding
  BitSet option_groups;                   ///< per option group: offered by a rule
  std::vector<std::pair<std::uint32_t, std::uint32_t>> option_rules;  ///< (group, rule)
  /// Per option group while assembling: how many options it keeps, and the largest amount
  /// (in all; goodwill; restitution) of one of them.
  std::vector<std::uint32_t> group_size;
  std::vector<std::array<std::int64_t, 3>> group_most;
  /// The remedy action just applied was not available: the fallback after it applies.
  bool pending_fallback = false;
  std::uint32_t preferred = 0;            ///< the first remedy of the fallback chain being applied
  BitSet said;                            ///< per communication step
  BitSet departments;                     ///< per department
  BitSet clocks;                          ///< per clock attached
  BitSet commitments;                     ///< per commitment committed to
  std::vector<std::uint8_t> group_fired;  ///< per group
  /// (remedy or step index, rule index), in the order the rules acted; a pair appears once.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> remedy_rules;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> step_rules;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> clock_rules;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> commitment_rules;
  std::vector<std::uint32_t> recusal_rules;  ///< rules whose `recusal: required` fired
  /// Where each offered remedy (each step said) landed in the decision, while assembling.
  std::vector<std::uint32_t> position;
  std::vector<std::uint32_t> fired;       ///< rule indices, in evaluation order
  std::vector<std::int64_t> capped_from;  ///< per remedy: its amount before the caps, or 0
  BitSet reached;  ///< positions in a category bucket whose rules the incident reaches
  /// Trace entries; only the first trace_used are this decision's. The rest, and the strings
  /// inside, are memory kept from earlier decisions for reuse.
  std::vector<TraceEntry> trace;
  std::size_t trace_used = 0;
  std::size_t actions_used = 0;      ///< of the current trace entry
  std::size_t escalation_floor = 0;  ///< position on the escalation chain
  std::size_t warnings_used = 0;     ///< of the decision being assembled
  std::int64_t as_of = 0;            ///< the as-of local date, for a dated policy
  /// Elements a decision no longer needed, kept with their memory for the next one (the
  /// decisions a thread assembles vary in length; see next() and trim()).
  std::vector<JusticeCoverage> spare_coverage;
  std::vector<CommunicationStep> spare_steps;
  std::vector<Warning> spare_warnings;
  std::vector<StatutoryClock> spare_clocks;
  std::vector<Commitment> spare_commitments;
  std::vector<std::string> spare_actions;  ///< trace action texts

  void reset(const CompiledPolicy& policy);
};

struct Evaluation {
  const CompiledPolicy& policy;
  const Incident& incident;
  const DecideOptions& options;
  Scratch& s;
  std::size_t locale = 0;  ///< index into CompiledPolicy::locales
};

/// The next element of a vector being refilled: reuses an existing element when there is one.
template <typename T>
T& next(std::vector<T>& items, std::size_t& used) {
  if (used == items.size()) items.emplace_back();
  return items[used++];
}

/// As next(), for elements that own memory (vectors inside): a new element is taken from
/// `spare`, where trim() puts the elements a shorter decision did not need.
template <typename T>
T& next(std::vector<T>& items, std::size_t& used, std::vector<T>& spare) {
  if (used == items.size()) {
    if (spare.empty()) {
      items.emplace_back();
    } else {
      items.push_back(std::move(spare.back()));
      spare.pop_back();
    }
  }
  return items[used++];
}

/// Shrinks `items` to `used` elements, moving the rest into `spare` with their memory.
template <typename T>
void trim(std::vector<T>& items, std::size_t used, std::vector<T>& spare) {
  while (items.size() > used) {
    spare.push_back(std::move(items.back()));
    items.pop_back();
  }
}

/// For a policy with `effective:` dates: the as-of date (Scratch::as_of), appended to the
/// slots, where the rule index tests it. Reports decide.missing_decision_time to `problems`
/// when the policy decides by a decision time the options do not give.
void load_as_of(Evaluation& eval, Diagnostics& problems);

/// Runs every rule in evaluation order, updating `eval`. Throws DecideError on overflow.
void run_rules(Evaluation& eval);

/// The owner and escalation path when recusal is required (recusal.cpp): the lowest role from
/// the escalation floor up that is not involved and has the authority for the goodwill total.
void add_uninvolved_owner(Evaluation& eval, Decision& d);

/// The commitments rules made, with their due instants, by due instant (commitments.cpp).
void add_commitments(Evaluation& eval, Decision& d);
/// A catalogue entry's text in the decision's locale; empty when the entry has none.
/// When a clock or commitment counted from `start` starts: the incident's occurred_at (the
/// report when it has none) or its reported_at.
inline Timestamp start_instant(const Incident& incident, ClockStart start) {
  return start == ClockStart::occurred ? incident.occurred_at.value_or(incident.reported_at)
                                       : incident.reported_at;
}

inline std::string_view text_in(const std::vector<std::string>& texts, std::size_t locale) {
  return texts.empty() ? std::string_view{} : std::string_view{texts[locale]};
}

/// Appends to each logged item's rule list the ids of the rules that acted on it, in the order
/// they acted. `position` maps an item to its entry in `entries`.
template <typename Entry>
void add_rule_ids(const CompiledPolicy& policy,
                  const std::vector<std::pair<std::uint32_t, std::uint32_t>>& log,
                  const std::vector<std::uint32_t>& position, std::vector<Entry>& entries) {
  for (const auto& [item, rule] : log)
    entries[position[item]].rules.push_back(policy.rules[rule].id);
}

/// Appends a warning, reusing the memory of a warning kept from an earlier decision.
void add_warning(Evaluation& eval, Decision& d, DecisionWarning kind, std::string_view message);

/// The remedies, options and totals of the decision, with the goodwill caps applied
/// (offers.cpp).
void add_remedies(Evaluation& eval, Decision& d);

/// Writes the decision the rules reached into `out`, reusing its memory. The trace is swapped
/// with the one `out` held, so that its memory comes back to the scratch area for reuse.
void assemble(Evaluation& eval, Decision& out);

}  // namespace redress::detail
