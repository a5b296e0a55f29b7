#include "redress/engine/decide.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "engine/evaluation.hpp"
#include "engine/incident_slots.hpp"

namespace redress {
namespace {

std::string first_message(const Diagnostics& diagnostics) {
  return diagnostics.empty() ? std::string("cannot decide") : diagnostics.items().front().message;
}

}  // namespace

DecideError::DecideError(Diagnostics diagnostics)
    : std::runtime_error(first_message(diagnostics)), diagnostics_(std::move(diagnostics)) {}

namespace detail {

void Scratch::reset(const CompiledPolicy& policy) {
  offered.clear(policy.remedies.size());
  amounts.resize(policy.remedies.size());
  said.clear(policy.steps.size());
  departments.clear(policy.departments.size());
  group_fired.assign(policy.groups.size(), 0);
  position.resize(std::max(policy.remedies.size(), policy.steps.size()));
  remedy_rules.clear();
  step_rules.clear();
  fired.clear();
  trace_used = 0;
  actions_used = 0;
  escalation_floor = 0;
  warnings_used = 0;
}

}  // namespace detail

void decide(const CompiledPolicy& policy, const Incident& incident, Decision& out,
            const DecideOptions& options) {
  // One scratch area per thread: decide() stays re-entrant across threads, and a thread
  // deciding in a loop reuses the memory of its previous decision.
  thread_local detail::Scratch scratch;
  scratch.reset(policy);
  detail::Evaluation eval{policy, incident, options, scratch};
  Diagnostics problems;
  const auto& locales = policy.locales;
  const auto locale = std::find(locales.begin(), locales.end(), options.locale);
  if (!options.locale.empty() && locale == locales.end()) {
    problems.error("decide.unknown_locale", {},
                   fmt::format("locale '{}' is not one of the policy's locales ({})",
                               options.locale, fmt::join(locales, ", ")),
                   "ask for one of them, or leave the locale empty for the policy's default");
    throw DecideError(std::move(problems));
  }
  eval.locale = locale == locales.end() ? 0 : static_cast<std::size_t>(locale - locales.begin());
  detail::load_slots(policy, incident, scratch.slots, problems);
  if (problems.has_errors()) throw DecideError(std::move(problems));
  detail::run_rules(eval);
  // The decision's views point into the policy: it keeps the policy alive. A decision reused
  // with the same policy already holds it, so the hot loop touches no reference count.
  if (out.policy_storage.get() != static_cast<const void*>(&policy)) {
    out.policy_storage = policy.weak_from_this().lock();
  }
  try {
    detail::assemble(eval, out);
  } catch (const MoneyError& e) {
    problems.error("decide.overflow", {},
                   std::string("the compensation total overflows: ") + e.what(),
                   "check the amounts in the incident");
    throw DecideError(std::move(problems));
  }
}

Decision decide(const CompiledPolicy& policy, const Incident& incident,
                const DecideOptions& options) {
  Decision out;
  decide(policy, incident, out, options);
  return out;
}

}  // namespace redress
