// The rule graph: rules, the derived facts that link them, groups as clusters.
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

#include "graph/dot_writer.hpp"
#include "redress/graph/policy_graph.hpp"

namespace redress::graph {
namespace {

std::string rule_node(std::uint32_t rule) { return fmt::format("r{}", rule); }
// By name, not slot: a fact's slot moves when the incident gains a field.
std::string fact_node(const CompiledPolicy& p, std::uint32_t slot) {
  return quoted("fact:" + p.facts[slot].name);
}

// Derived facts a rule reads: in its condition and in its actions' expressions.
std::set<std::uint32_t> derived_reads(const CompiledPolicy& p, const RuleInfo& rule) {
  std::set<std::uint32_t> out;
  const auto add = [&](const expr::Program& program) {
    for (auto slot : program.reads) {
      if (p.facts[slot].source == FactSource::derived) out.insert(slot);
    }
  };
  if (rule.when) add(*rule.when);
  for (const auto& a : rule.actions) a.for_each_program(add);
  return out;
}

std::set<std::uint32_t> derived_sets(const RuleInfo& rule) {
  std::set<std::uint32_t> out;
  for (const auto& a : rule.actions) {
    if (a.kind == ActionInfo::Kind::set) out.insert(a.target);
  }
  return out;
}

}  // namespace

std::string rules_dot(const CompiledPolicy& p) {
  std::string out = dot_header(p.identity.id + " rules", "LR");
  out += "  node [shape=box, style=rounded];\n";
  const auto rule_count = static_cast<std::uint32_t>(p.rules.size());
  // Lone rules, then one cluster per group.
  for (std::uint32_t i = 0; i < rule_count; ++i) {
    if (p.rules[i].group < 0) {
      out += fmt::format("  {} [label={}];\n", rule_node(i), quoted(p.rules[i].id));
    }
  }
  for (std::size_t g = 0; g < p.groups.size(); ++g) {
    const auto& group = p.groups[g];
    out += fmt::format("  subgraph cluster_g{} {{\n    label={};\n    style=dashed;\n", g,
                       quoted(fmt::format("{} (hit: {})", group.id,
                                          group.hit == HitPolicy::first ? "first" : "collect")));
    for (auto r : group.rules) {
      out += fmt::format("    {} [label={}];\n", rule_node(r), quoted(p.rules[r].id));
    }
    out += "  }\n";
  }
  // Derived facts that some rule sets or reads.
  std::vector<std::set<std::uint32_t>> reads, sets;
  std::set<std::uint32_t> facts;
  for (const auto& rule : p.rules) {
    reads.push_back(derived_reads(p, rule));
    sets.push_back(derived_sets(rule));
    facts.insert(reads.back().begin(), reads.back().end());
    facts.insert(sets.back().begin(), sets.back().end());
  }
  for (auto slot : facts) {
    out += fmt::format("  {} [label={}, shape=ellipse, style=filled, fillcolor=\"#e8f0fe\"];\n",
                       fact_node(p, slot), quoted(p.facts[slot].name));
  }
  for (std::uint32_t i = 0; i < rule_count; ++i) {
    for (auto slot : sets[i]) out += fmt::format("  {} -> {};\n", rule_node(i), fact_node(p, slot));
    for (auto slot : reads[i]) {
      out += fmt::format("  {} -> {} [color=\"#1a73e8\"];\n", fact_node(p, slot), rule_node(i));
    }
  }
  // Ordering edges a fact does not explain (`after:`, and the order of a group's rules).
  for (const auto& [before, after] : p.rule_edges) {
    // clang 14 cannot capture a structured binding; name the set the lambda reads.
    const auto& later_reads = reads[after];
    const bool through_fact =
        std::any_of(sets[before].begin(), sets[before].end(),
                    [&later_reads](auto slot) { return later_reads.count(slot) > 0; });
    if (!through_fact) {
      out += fmt::format("  {} -> {} [style=dashed, label=\"order\"];\n", rule_node(before),
                         rule_node(after));
    }
  }
  out += "}\n";
  return out;
}

}  // namespace redress::graph
