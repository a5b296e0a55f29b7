// The state of one decision while its rules run.
#pragma once

#include <cstdint>
#include <vector>

#include "redress/engine/decide.hpp"

namespace redress::detail {

struct OfferState {
  bool offered = false;
  std::int64_t amount = 0;
  std::vector<std::uint32_t> rules;
};

struct Evaluation {
  const CompiledPolicy& policy;
  const Incident& incident;
  const DecideOptions& options;
  std::vector<std::int64_t> slots;
  std::vector<OfferState> remedies;
  std::vector<OfferState> steps;
  std::vector<bool> departments;
  std::size_t escalation_floor = 0;  ///< position on the escalation chain
  std::vector<bool> group_fired;
  std::vector<std::uint32_t> fired;  ///< rule indices, in evaluation order
  std::vector<TraceEntry> trace;

  Evaluation(const CompiledPolicy& p, const Incident& i, const DecideOptions& o)
      : policy(p),
        incident(i),
        options(o),
        remedies(p.remedies.size()),
        steps(p.steps.size()),
        departments(p.departments.size(), false),
        group_fired(p.groups.size(), false) {}
};

/// Runs every rule in evaluation order, updating `eval`. Throws expr::EvaluationError.
void run_rules(Evaluation& eval);

/// Builds the decision from the state the rules left.
Decision assemble(const Evaluation& eval);

}  // namespace redress::detail
