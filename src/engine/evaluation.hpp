// The state of one decision while its rules run. It lives in a per-thread scratch area that is
// reused from one decision to the next, so deciding does not allocate once its vectors have
// grown to the policy's size.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "engine/bit_set.hpp"
#include "redress/engine/decide.hpp"

namespace redress::detail {

/// Per-decision working memory, sized to a policy by reset(). Sets over the policy's catalogues
/// are bitsets: resetting one costs a bit per entry, and walking one visits only its members,
/// so a policy with thousands of remedies costs a decision little more than a small one.
struct Scratch {
  std::vector<std::int64_t> slots;
  BitSet offered;                         ///< per remedy
  std::vector<std::int64_t> amounts;      ///< per remedy; read only for offered monetary ones
  BitSet said;                            ///< per communication step
  BitSet departments;                     ///< per department
  std::vector<std::uint8_t> group_fired;  ///< per group
  /// (remedy or step index, rule index), in the order the rules acted; a pair appears once.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> remedy_rules;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> step_rules;
  /// Where each offered remedy (each step said) landed in the decision, while assembling.
  std::vector<std::uint32_t> position;
  std::vector<std::uint32_t> fired;  ///< rule indices, in evaluation order
  BitSet reached;  ///< positions in a category bucket whose rules the incident reaches
  /// Trace entries; only the first trace_used are this decision's. The rest, and the strings
  /// inside, are memory kept from earlier decisions for reuse.
  std::vector<TraceEntry> trace;
  std::size_t trace_used = 0;
  std::size_t actions_used = 0;      ///< of the current trace entry
  std::size_t escalation_floor = 0;  ///< position on the escalation chain
  std::size_t warnings_used = 0;     ///< of the decision being assembled
  /// Elements a decision no longer needed, kept with their memory for the next one (the
  /// decisions a thread assembles vary in length; see next() and trim()).
  std::vector<JusticeCoverage> spare_coverage;
  std::vector<CommunicationStep> spare_steps;
  std::vector<Warning> spare_warnings;
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

/// Runs every rule in evaluation order, updating `eval`. Throws DecideError on overflow.
void run_rules(Evaluation& eval);

/// Writes the decision the rules reached into `out`, reusing its memory. The trace is swapped
/// with the one `out` held, so that its memory comes back to the scratch area for reuse.
void assemble(Evaluation& eval, Decision& out);

}  // namespace redress::detail
