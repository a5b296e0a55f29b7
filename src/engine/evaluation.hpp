// The state of one decision while its rules run. It lives in a per-thread scratch area that is
// reused from one decision to the next, so deciding does not allocate once its vectors have
// grown to the policy's size.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "redress/engine/decide.hpp"

namespace redress::detail {

/// Per-decision working memory, sized to a policy by reset().
struct Scratch {
  std::vector<std::int64_t> slots;
  std::vector<std::uint8_t> offered;      ///< per remedy
  std::vector<std::int64_t> amounts;      ///< per remedy (monetary ones)
  std::vector<std::uint8_t> said;         ///< per communication step
  std::vector<std::uint8_t> departments;  ///< per department
  std::vector<std::uint8_t> group_fired;  ///< per group
  /// (remedy or step index, rule index), in the order the rules acted.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> remedy_rules;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> step_rules;
  std::vector<std::uint32_t> fired;  ///< rule indices, in evaluation order
  /// Trace entries; only the first trace_used are this decision's. The rest, and the strings
  /// inside, are memory kept from earlier decisions for reuse.
  std::vector<TraceEntry> trace;
  std::size_t trace_used = 0;
  std::size_t actions_used = 0;      ///< of the current trace entry
  std::size_t escalation_floor = 0;  ///< position on the escalation chain

  void reset(const CompiledPolicy& policy);
};

struct Evaluation {
  const CompiledPolicy& policy;
  const Incident& incident;
  const DecideOptions& options;
  Scratch& s;
};

/// The next element of a vector being refilled: reuses an existing element when there is one.
template <typename T>
T& next(std::vector<T>& items, std::size_t& used) {
  if (used == items.size()) items.emplace_back();
  return items[used++];
}

/// Runs every rule in evaluation order, updating `eval`. Throws DecideError on overflow.
void run_rules(Evaluation& eval);

/// Writes the decision the rules reached into `out`, reusing its memory. The trace is swapped
/// with the one `out` held, so that its memory comes back to the scratch area for reuse.
void assemble(Evaluation& eval, Decision& out);

}  // namespace redress::detail
