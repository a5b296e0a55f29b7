// The decide-time index over a policy's rules: what deciding needs to know of each rule before
// reading it, and which rules each category admits. Built by the compiler (rule_index.cpp),
// read by the engine (run_rules.cpp); hosts see it only as an opaque pointer, so its layout can
// change in any release.
#pragma once

#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "redress/compile/compiled_policy.hpp"

namespace redress::detail {

/// A test a rule's condition makes on one fact that no rule sets (a fact of the incident or of
/// the host), read off a top-level conjunct such as `severity >= 3`, `tier == gold`,
/// `emotion in [angry, aggrieved]`, `outcome in deficits` or `safety_critical`. Being about a fact
/// no rule changes, it can be checked before any rule runs.
struct FactTest {
  /// `range`: lo <= value <= hi; `mask`: bit `value` of `mask` is set (an enum in a list);
  /// `has`: `value` (a set) has a bit of `mask` (a value in a set-typed fact).
  enum class Kind : std::uint8_t { range, mask, has };
  Kind kind = Kind::range;                                     ///< which test
  std::uint32_t slot = 0;                                      ///< the fact tested
  std::int64_t lo = std::numeric_limits<std::int64_t>::min();  ///< for range
  std::int64_t hi = std::numeric_limits<std::int64_t>::max();  ///< for range
  std::uint64_t mask = 0;                                      ///< for mask

  /// Whether a fact value passes the test.
  [[nodiscard]] bool passes(std::int64_t value) const {
    if (kind == Kind::range) return lo <= value && value <= hi;
    if (kind == Kind::has) return (static_cast<std::uint64_t>(value) & mask) != 0;
    return value >= 0 && value < 64 && ((mask >> value) & 1U) != 0;
  }
};

/// An action as deciding reads it: ActionInfo's kind and target, packed with what deciding
/// needs to know without reading the rule or the catalogue (the actions of all rules lie in
/// evaluation order, so that firing rules reads them front to back).
struct PackedAction {
  ActionInfo::Kind kind = ActionInfo::Kind::remedy;  ///< as ActionInfo::kind
  bool monetary = false;                             ///< a remedy action whose remedy is monetary
  bool dated = false;  ///< ActionInfo::effective is set: check it against the as-of date
  /// ActionInfo::has_terms(): a remedy offered on terms (an option, a fallback, a condition of
  /// availability, a contingency), which deciding reads from the ActionInfo.
  bool terms = false;
  std::uint16_t index = 0;   ///< its position in RuleInfo::actions (for the value program)
  std::uint32_t target = 0;  ///< as ActionInfo::target
  std::uint32_t rule = 0;    ///< the rule it belongs to
};

/// What deciding needs to know of a rule before reading the rule itself.
struct RuleHead {
  std::uint32_t first_test = 0;    ///< its fact tests are fact_tests[first_test, + tests)
  std::uint32_t first_action = 0;  ///< its actions are packed_actions[first_action, + actions)
  std::uint32_t actions = 0;       ///< how many actions
  std::uint16_t tests = 0;         ///< how many fact tests
  /// 1 when the category guard and the fact tests are the whole condition: passing them is the
  /// condition holding, and the compiled condition need not run.
  std::uint8_t tests_decide = 0;
  std::uint8_t first_hit = 0;  ///< in a group whose hit policy is `first`
  std::int32_t group = -1;     ///< as RuleInfo::group
};

/// A rule as a category bucket lists it: its head copied, so that walking a bucket reads
/// memory in order.
struct BucketRule {
  std::uint32_t rule = 0;  ///< index into CompiledPolicy::rules
  RuleHead head;           ///< rule_heads[rule]
};

/// Rules of a category bucket sharing a lower bound on the bucket's band fact.
struct BoundBand {
  std::int64_t floor = std::numeric_limits<std::int64_t>::min();  ///< the band fact's bound
  /// (lower bound on the key fact, position in CategoryBucket::rules), sorted by bound.
  std::vector<std::pair<std::int64_t, std::uint32_t>> by_bound;
};

/// The rules one category admits, as deciding without a trace walks them.
///
/// When many of them bound one fact from below (`loss >= 500 CNY`), they are sorted on that
/// bound: an incident whose value is below a rule's bound cannot fire it, so only the prefix of
/// bounds it reaches is visited. When they also bound a second fact with a few distinct values
/// (`severity >= 3`), they are split into bands by that bound first, and only the bands the
/// incident reaches are visited.
struct CategoryBucket {
  std::vector<BucketRule> rules;  ///< the rules whose category guard admits it, in evaluation order
  std::vector<BoundBand> bands;   ///< sorted by floor; empty when the bucket is not sorted
  std::vector<std::uint32_t> unbounded;  ///< positions in `rules` without a bound on key_slot
  std::uint32_t key_slot = 0;            ///< the fact the bands are sorted on
  std::uint32_t band_slot = 0;           ///< the fact whose bounds split the bands
};

/// The index of one compiled policy (CompiledPolicy::index). Immutable once built.
struct RuleIndex {
  /// Per rule: the categories (pre-order interval [first, second)) outside which its condition
  /// cannot hold, read off a top-level `category == X` / `category in X` conjunct; every
  /// category when the condition says nothing about it.
  std::vector<std::pair<std::int32_t, std::int32_t>> category_guard;
  std::vector<RuleHead> rule_heads;          ///< per rule
  std::vector<FactTest> fact_tests;          ///< every rule's, in evaluation order
  std::vector<PackedAction> packed_actions;  ///< every rule's, in evaluation order
  /// Per category: the rules it admits. Deciding without a trace walks only these, so rules
  /// about other categories cost nothing, and rules whose bound the incident is below are not
  /// visited. Empty when the table would be too large (then every rule's guard is checked).
  std::vector<CategoryBucket> rules_by_category;
};

}  // namespace redress::detail
