#include "redress/compile/compiled_policy.hpp"

// GCC 12 reports a false -Wmaybe-uninitialized inside Boost.Graph's edge iterator (a
// boost::optional member) when write_graphviz walks the edges. (Clang has no such warning.)
#pragma GCC diagnostic push
#if !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphviz.hpp>

#include <algorithm>
#include <ostream>

namespace redress {

std::optional<std::uint32_t> CompiledPolicy::fact_slot(std::string_view name) const {
  const auto it = fact_index.find(std::string(name));
  if (it == fact_index.end()) return std::nullopt;
  return it->second;
}

const SlaTarget& CompiledPolicy::target_for(std::int64_t priority) const {
  // Targets are sorted by priority; out-of-range priorities clamp to the nearest end.
  const auto it =
      std::lower_bound(sla.begin(), sla.end(), priority,
                       [](const SlaTarget& t, std::int64_t p) { return t.priority < p; });
  if (it == sla.end()) return sla.back();
  return *it;
}

void CompiledPolicy::write_dot(std::ostream& out) const {
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  Graph graph(rules.size());
  for (const auto& [before, after] : rule_edges) boost::add_edge(before, after, graph);
  std::vector<std::string> names;
  names.reserve(rules.size());
  for (const auto& rule : rules) names.push_back(rule.id);
  boost::write_graphviz(out, graph, boost::make_label_writer(names.data()));
}
#pragma GCC diagnostic pop

}  // namespace redress
