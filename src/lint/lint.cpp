// lint(): analyses every rule's condition once, then runs the families of checks over it.
#include "redress/lint/lint.hpp"

#include "lint/analysis.hpp"
#include "lint/conditions.hpp"
#include "lint/ranges.hpp"

namespace redress {
namespace linting {

Interval Analysis::action_range(std::uint32_t rule, std::size_t action) const {
  const auto& info = policy.rules[rule];
  const auto& value = info.actions[action].value;
  if (!value) return {};
  if (!value->ast) {
    const auto constant = value->constant();
    return constant ? Interval::of(*constant) : Interval{};
  }
  Interval out = Interval::none();
  for (Box box : fires_when[rule].boxes) {
    // The rule's own earlier `set` actions may have changed what its condition tested.
    for (std::size_t i = 0; i < action; ++i) {
      if (info.actions[i].kind == ActionInfo::Kind::set) box.forget(info.actions[i].target);
    }
    out = hull(out, range_of(*value->ast, box, domains));
  }
  return out;
}

std::string Analysis::money(std::int64_t minor) const {
  return Money(minor, policy.currency).to_string();
}

void Analysis::report(std::string code, Severity severity, const SourceLocation& where,
                      std::string message, std::string hint) const {
  findings.add({std::move(code), severity, where, std::move(message), std::move(hint)});
}

}  // namespace linting

Diagnostics lint(const CompiledPolicy& policy) {
  Diagnostics findings;
  linting::Analysis analysis{policy, linting::fact_domains(policy), {}, {}, findings};
  analysis.conditions.reserve(policy.rules.size());
  analysis.fires_when.reserve(policy.rules.size());
  for (const auto& rule : policy.rules) {
    analysis.conditions.push_back(linting::condition_tree(policy, rule));
    analysis.fires_when.push_back(linting::condition_of(rule, analysis.conditions.back().get(),
                                                        linting::Approx::over, analysis.domains));
  }
  linting::check_rule_conditions(analysis);
  linting::check_catalogues(analysis);
  linting::check_coverage(analysis);
  linting::check_amounts(analysis);
  linting::check_clocks(analysis);
  linting::check_commitments(analysis);
  linting::check_remedy_terms(analysis);
  linting::check_group_rules(analysis);
  findings.sort();
  return findings;
}

}  // namespace redress
