#include "redress/testing/coverage.hpp"

#include <algorithm>
#include <unordered_map>

namespace redress::testing {

std::size_t Coverage::fired() const {
  return static_cast<std::size_t>(
      std::count_if(rules.begin(), rules.end(), [](const RuleCoverage& r) { return r.cases > 0; }));
}

double Coverage::percent() const {
  if (rules.empty()) return 100.0;
  return 100.0 * static_cast<double>(fired()) / static_cast<double>(rules.size());
}

Coverage coverage(const CompiledPolicy& policy, const std::vector<SuiteResult>& suites) {
  Coverage result;
  std::unordered_map<std::string_view, std::size_t> index;  // views into `policy`
  for (const auto& rule : policy.rules) {
    index.emplace(rule.id, result.rules.size());
    result.rules.push_back({rule.id, rule.location, 0});
  }
  for (const auto& suite : suites) {
    for (const auto& c : suite.cases) {
      if (!c.decision) continue;
      for (const auto& entry : c.decision->trace) {
        if (entry.outcome != TraceEntry::Outcome::fired) continue;
        const auto it = index.find(entry.rule);
        if (it != index.end()) ++result.rules[it->second].cases;
      }
    }
  }
  return result;
}

}  // namespace redress::testing
