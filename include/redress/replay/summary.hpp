// What a replay found, over all its cases: how many changed and in which fields, what the
// remedies cost before and after, who owns the cases, which rules fire more or less, and the
// cases whose cost changed most.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "redress/model/decision.hpp"
#include "redress/replay/decision_diff.hpp"

namespace redress::replay {

/// A count before and after (under the baseline and under the candidate).
struct CountChange {
  std::string name;          ///< a rule id, an owner role id
  std::uint64_t before = 0;  ///< under the baseline
  std::uint64_t after = 0;   ///< under the candidate
  /// after - before.
  [[nodiscard]] std::int64_t delta() const {
    return static_cast<std::int64_t>(after) - static_cast<std::int64_t>(before);
  }
};

/// How many cases each owner role received, with its level: the number of escalation steps
/// from the entry role (0 for the entry role).
struct OwnerCount : CountChange {
  std::int64_t level = 0;  ///< in the decisions that named it (the baseline's when both did)
};

/// The goodwill and restitution totals of one currency, in minor units.
struct CurrencyTotals {
  std::string currency;                 ///< ISO 4217 code
  std::int64_t goodwill_before = 0;     ///< goodwill under the baseline, minor units
  std::int64_t goodwill_after = 0;      ///< under the candidate
  std::int64_t restitution_before = 0;  ///< restitution under the baseline
  std::int64_t restitution_after = 0;   ///< under the candidate
};

/// A case whose compensation total changed, for the list of the largest changes.
struct CostChange {
  std::uint64_t line = 0;  ///< 1-based input line
  std::string incident;    ///< the incident's id
  Money before;            ///< compensation total under the baseline
  Money after;             ///< under the candidate
  /// after - before, in minor units (the two share a currency).
  [[nodiscard]] std::int64_t delta() const { return after.minor() - before.minor(); }
};

/// Cases whose compensation total falls in one range, before and after.
struct CostBucket {
  std::string label;         ///< the range in major units: "0", "<= 10", ..., "> 10000"
  std::uint64_t before = 0;  ///< cases in it under the baseline
  std::uint64_t after = 0;   ///< under the candidate
};

/// The upper bounds of the cost ranges, in major units (a last range holds everything above).
inline constexpr std::int64_t kCostBucketBounds[] = {0, 10, 50, 100, 500, 1000, 5000, 10000};

/// The summary of a replay.
struct ReplaySummary {
  std::uint64_t cases = 0;      ///< input lines
  std::uint64_t unchanged = 0;  ///< decided alike under both policies
  std::uint64_t changed = 0;    ///< decided differently in at least one compared field
  std::uint64_t errors = 0;     ///< lines that gave an error record
  /// Per compared field (compared_fields() order, every field): cases where it changed.
  std::vector<std::pair<std::string, std::uint64_t>> changed_by_field;
  std::vector<CurrencyTotals> totals;  ///< per currency, by code
  /// Cases per owner role, by level then id.
  std::vector<OwnerCount> owners;
  /// Rules whose firing count (cases that fired them) differs, the largest |delta| first, then
  /// by id.
  std::vector<CountChange> rules;
  /// The distribution of the cases' compensation totals (every currency alike, in major
  /// units), one bucket per range of kCostBucketBounds and one above.
  std::vector<CostBucket> cost_histogram;
  /// The cases whose compensation total changed most (|delta|, then the earlier line first), at
  /// most the `top` asked for.
  std::vector<CostChange> top;
};

/// Counts cases into a summary. One per thread (Accumulator::add is not synchronised); merge
/// them with ReplaySummary finish(). Strings are views into the two policies and the
/// decisions' incident ids are copied only for the top cases.
class Accumulator {
 public:
  /// Keeps the `top` largest cost changes.
  explicit Accumulator(std::size_t top);
  ~Accumulator();
  Accumulator(const Accumulator&) = delete;
  Accumulator& operator=(const Accumulator&) = delete;

  /// A case decided under both policies; `changed` is changed_fields(before, after).
  /// Throws MoneyError when a total overflows.
  void add(std::uint64_t line, const Decision& before, const Decision& after, FieldSet changed);
  /// A line that gave an error record.
  void add_error();

  struct State;  ///< what it has counted (private)
  [[nodiscard]] const State& state() const { return *state_; }

 private:
  std::unique_ptr<State> state_;
  std::size_t top_;
};

/// The summary of everything the accumulators counted, with at most `top` cost changes.
/// Throws MoneyError when a total overflows.
ReplaySummary finish(const std::vector<const Accumulator*>& parts, std::size_t top);

/// The summary as JSON, indented by 2: the fields of ReplaySummary (the top list as
/// "top_cost_changes"), money in integer minor units, each total with its delta.
std::string to_json(const ReplaySummary& summary);
/// The summary for people: counts, totals with deltas, owners, rules and top cost changes.
std::string to_text(const ReplaySummary& summary);

}  // namespace redress::replay
