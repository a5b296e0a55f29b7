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

Decision decide(const CompiledPolicy& policy, const Incident& incident,
                const DecideOptions& options) {
  detail::Evaluation eval(policy, incident, options);
  Diagnostics problems;
  const auto& locales = policy.locales;
  if (!options.locale.empty() &&
      std::find(locales.begin(), locales.end(), options.locale) == locales.end()) {
    problems.error("decide.unknown_locale", {},
                   fmt::format("locale '{}' is not one of the policy's locales ({})",
                               options.locale, fmt::join(locales, ", ")),
                   "ask for one of them, or leave the locale empty for the policy's default");
    throw DecideError(std::move(problems));
  }
  detail::load_slots(policy, incident, eval.slots, problems);
  if (problems.has_errors()) throw DecideError(std::move(problems));
  detail::run_rules(eval);
  try {
    return detail::assemble(eval);
  } catch (const MoneyError& e) {
    problems.error("decide.overflow", {}, std::string("the compensation total overflows: ") + e.what(),
                   "check the amounts in the incident");
    throw DecideError(std::move(problems));
  }
}

}  // namespace redress
