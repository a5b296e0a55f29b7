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
  if (policy.remedy_terms) {
    plain.clear(policy.remedies.size());
    fallen_back.clear(policy.remedies.size());
    optioned.clear(policy.remedies.size());
    contingent.clear(policy.remedies.size());
    instead_of.resize(policy.remedies.size());
    contingency.resize(policy.remedies.size());
    option_groups.clear(policy.option_groups.size());
    option_rules.clear();
    pending_fallback = false;
  }
  if (policy.caps) capped_from.assign(policy.remedies.size(), 0);
  said.clear(policy.steps.size());
  departments.clear(policy.departments.size());
  clocks.clear(policy.clocks.size());
  group_fired.assign(policy.groups.size(), 0);
  commitments.clear(policy.commitments.size());
  position.resize(std::max({policy.remedies.size(), policy.steps.size(), policy.clocks.size(),
                            policy.commitments.size()}));
  remedy_rules.clear();
  step_rules.clear();
  clock_rules.clear();
  commitment_rules.clear();
  recusal_rules.clear();
  fired.clear();
  trace_used = 0;
  actions_used = 0;
  escalation_floor = 0;
  warnings_used = 0;
}

namespace {

/// The local date that decides what is in force, by the policy's basis; each instant is read in
/// its own UTC offset.
std::optional<std::int64_t> as_of_date(const CompiledPolicy& policy, const Incident& incident,
                                       const DecideOptions& options) {
  std::optional<Timestamp> instant;
  switch (policy.in_force) {
    case InForceBasis::reported:
      instant = incident.reported_at;
      break;
    case InForceBasis::occurred:
      instant = incident.occurred_at.value_or(incident.reported_at);
      break;
    case InForceBasis::decided:
      instant = options.decided_at;
      break;
  }
  if (!instant) return std::nullopt;
  Calendar own_offset;
  own_offset.utc_offset_minutes = instant->offset_minutes;
  return own_offset.local_date(*instant);
}

}  // namespace

/// For a dated policy: works out the as-of date and puts it in its slot, one past the facts.
void load_as_of(Evaluation& eval, Diagnostics& problems) {
  if (!eval.policy.dated) return;
  const auto date = as_of_date(eval.policy, eval.incident, eval.options);
  if (!date) {
    problems.error("decide.missing_decision_time", {},
                   "the policy decides under what is in force when the case is decided, and no "
                   "decision time was given",
                   "pass the decision time (DecideOptions::decided_at, or --as-of on the command "
                   "line)");
    return;
  }
  eval.s.as_of = *date;
  eval.s.slots.push_back(*date);
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
  detail::load_as_of(eval, problems);
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
  } catch (const std::out_of_range& e) {
    problems.error("decide.overflow", {}, std::string("a deadline is out of range: ") + e.what(),
                   "check the incident's timestamps");
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
