// The rule graph (Boost.Graph): an edge A -> B means A must run before B. Edges come from
// derived facts (plain setters, then rules updating the fact from its own value, then readers),
// from `after:`,
// and from the written order inside `first` groups. A cycle is an error naming its rules.
// Among rules the graph leaves unordered, the written order decides, so the evaluation order
// is deterministic and unsurprising.
#include <fmt/format.h>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>

#include <functional>
#include <queue>
#include <set>

#include "compile/context.hpp"

namespace redress::detail {
namespace {

using RuleGraph = boost::adjacency_list<boost::setS, boost::vecS, boost::bidirectionalS>;

std::vector<const policy::RuleSpec*> flatten(const policy::PolicySpec& spec) {
  std::vector<const policy::RuleSpec*> rules;
  for (const auto& entry : spec.rules) {
    if (entry.rule) rules.push_back(&*entry.rule);
    if (entry.group) {
      for (const auto& rule : entry.group->rules) rules.push_back(&rule);
    }
  }
  return rules;
}

std::set<std::uint32_t> facts_read(const RuleInfo& rule) {
  std::set<std::uint32_t> read;
  if (rule.when) read.insert(rule.when->reads.begin(), rule.when->reads.end());
  for (const auto& action : rule.actions) {
    action.for_each_program([&read](const expr::Program& program) {
      read.insert(program.reads.begin(), program.reads.end());
    });
  }
  return read;
}

void add_fact_edges(const CompiledPolicy& policy, RuleGraph& graph) {
  const auto n = policy.rules.size();
  std::vector<std::set<std::uint32_t>> reads(n);
  for (std::size_t r = 0; r < n; ++r) reads[r] = facts_read(policy.rules[r]);
  for (std::uint32_t slot = 0; slot < policy.facts.size(); ++slot) {
    if (policy.facts[slot].source != FactSource::derived) continue;
    std::vector<std::size_t> setters;
    for (std::size_t r = 0; r < n; ++r) {
      const auto& actions = policy.rules[r].actions;
      if (std::any_of(actions.begin(), actions.end(), [&](const ActionInfo& a) {
            return a.kind == ActionInfo::Kind::set && a.target == slot;
          })) {
        setters.push_back(r);
      }
    }
    // Plain assignments run first (in written order), then the rules that update the fact
    // from its own value (in written order), then every rule that only reads it.
    std::vector<std::size_t> ordered_setters;
    for (auto r : setters) {
      if (reads[r].count(slot) == 0) ordered_setters.push_back(r);
    }
    for (auto r : setters) {
      if (reads[r].count(slot) != 0) ordered_setters.push_back(r);
    }
    for (std::size_t i = 1; i < ordered_setters.size(); ++i) {
      boost::add_edge(ordered_setters[i - 1], ordered_setters[i], graph);
    }
    for (std::size_t r = 0; r < n; ++r) {
      if (reads[r].count(slot) == 0 ||
          std::find(setters.begin(), setters.end(), r) != setters.end()) {
        continue;
      }
      for (auto setter : setters) boost::add_edge(setter, r, graph);
    }
  }
}

void add_written_edges(CompileContext& ctx, RuleGraph& graph) {
  const auto specs = flatten(ctx.spec);
  for (std::size_t r = 0; r < specs.size() && r < ctx.out.rules.size(); ++r) {
    for (const auto& after : specs[r]->after) {
      if (auto before = ctx.resolve(ctx.rules, after, "policy.unknown_rule", "rules")) {
        boost::add_edge(*before, r, graph);
      }
    }
  }
  for (const auto& group : ctx.out.groups) {
    if (group.hit != HitPolicy::first) continue;
    for (std::size_t i = 1; i < group.rules.size(); ++i) {
      boost::add_edge(group.rules[i - 1], group.rules[i], graph);
    }
  }
}

bool report_cycles(CompileContext& ctx, const RuleGraph& graph) {
  const auto n = boost::num_vertices(graph);
  std::vector<int> component(n);
  const auto count = static_cast<std::size_t>(boost::strong_components(graph, component.data()));
  std::vector<std::vector<std::size_t>> members(count);
  for (std::size_t v = 0; v < n; ++v) members[static_cast<std::size_t>(component[v])].push_back(v);
  bool found = false;
  for (const auto& rules : members) {
    const bool self_loop = rules.size() == 1 && boost::edge(rules[0], rules[0], graph).second;
    if (rules.size() < 2 && !self_loop) continue;
    std::vector<std::string> names;
    for (auto r : rules) {
      names.push_back(
          fmt::format("{} (line {})", ctx.out.rules[r].id, ctx.out.rules[r].location.line + 1));
    }
    ctx.diags.error(
        "graph.rule_cycle", ctx.out.rules[rules.front()].location,
        fmt::format("rules depend on each other in a cycle: {}", fmt::join(names, ", ")),
        "a rule that reads a derived fact runs after the rules that set it; break "
        "the cycle by removing an 'after:' or setting the facts in one rule");
    found = true;
  }
  return found;
}

/// Kahn's algorithm, always taking the earliest-written ready rule.
std::vector<std::uint32_t> stable_topological_order(const RuleGraph& graph) {
  const auto n = boost::num_vertices(graph);
  std::vector<std::size_t> pending(n);
  std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
  for (std::size_t v = 0; v < n; ++v) {
    pending[v] = boost::in_degree(v, graph);
    if (pending[v] == 0) ready.push(v);
  }
  std::vector<std::uint32_t> order;
  order.reserve(n);
  while (!ready.empty()) {
    const auto v = ready.top();
    ready.pop();
    order.push_back(static_cast<std::uint32_t>(v));
    for (auto [e, end] = boost::out_edges(v, graph); e != end; ++e) {
      const auto target = boost::target(*e, graph);
      if (--pending[target] == 0) ready.push(target);
    }
  }
  return order;
}

}  // namespace

void order_rules(CompileContext& ctx) {
  RuleGraph graph(ctx.out.rules.size());
  add_fact_edges(ctx.out, graph);
  add_written_edges(ctx, graph);
  if (report_cycles(ctx, graph)) return;
  for (std::size_t v = 0; v < boost::num_vertices(graph); ++v) {
    for (auto [e, end] = boost::out_edges(v, graph); e != end; ++e) {
      ctx.out.rule_edges.emplace_back(static_cast<std::uint32_t>(v),
                                      static_cast<std::uint32_t>(boost::target(*e, graph)));
    }
  }
  std::sort(ctx.out.rule_edges.begin(), ctx.out.rule_edges.end());
  ctx.out.evaluation_order = stable_topological_order(graph);
}

}  // namespace redress::detail
