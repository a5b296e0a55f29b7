// The role stage: roles form a reporting graph (Boost.Graph). It must be a forest of reporting
// lines without cycles, in which every role reaches the top role of the entry role's line.
// The entry role's line is the escalation path.
#include <fmt/format.h>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>

#include <string>

#include "compile/context.hpp"

namespace redress::detail {
namespace {

using RoleGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

std::optional<std::int64_t> parse_authority(CompileContext& ctx, const policy::RoleSpec& spec) {
  if (spec.authority.value == "unlimited") return std::nullopt;
  if (spec.authority.value.empty()) return 0;  // missing: the loader reported it
  Money money;
  std::string error;
  if (!parse_money(spec.authority.value, money, error)) {
    ctx.error("policy.bad_money", spec.authority, error,
              "write an amount such as 500 CNY, or 'unlimited'");
    return 0;
  }
  if (!(money.currency() == ctx.out.currency)) {
    ctx.error("policy.bad_money", spec.authority,
              fmt::format("authority is in {} but the policy uses {}", money.currency().code(),
                          ctx.out.currency.code()),
              fmt::format("write it in {}", ctx.out.currency.code()));
  }
  if (money.minor() < 0) {
    ctx.error(
        "policy.negative_authority", spec.authority,
        fmt::format("role '{}' has a negative authority ({})", spec.id.value, money.to_string()),
        "authority is what the role may grant; use 0 for none");
  }
  return money.minor();
}

/// Reports every reporting cycle (strong component of more than one role, or a self-loop).
bool report_cycles(CompileContext& ctx, const RoleGraph& graph) {
  std::vector<int> component(boost::num_vertices(graph));
  const int count = boost::strong_components(graph, component.data());
  std::vector<std::vector<std::size_t>> members(static_cast<std::size_t>(count));
  for (std::size_t v = 0; v < component.size(); ++v) {
    members[static_cast<std::size_t>(component[v])].push_back(v);
  }
  bool found = false;
  for (const auto& roles : members) {
    const bool self_loop = roles.size() == 1 && ctx.out.roles[roles[0]].reports_to ==
                                                    static_cast<std::int32_t>(roles[0]);
    if (roles.size() < 2 && !self_loop) continue;
    std::vector<std::string> names;
    for (auto r : roles) names.push_back(ctx.out.roles[r].id);
    const auto& first = ctx.spec.roles[roles.front()];
    ctx.error("graph.role_cycle", first.reports_to,
              fmt::format("roles report to each other in a cycle: {}", fmt::join(names, " -> ")),
              "one role on the line must be the top and report to no one");
    found = true;
  }
  return found;
}

std::uint32_t top_of(const CompiledPolicy& policy, std::uint32_t role) {
  while (policy.roles[role].reports_to >= 0)
    role = static_cast<std::uint32_t>(policy.roles[role].reports_to);
  return role;
}

}  // namespace

void compile_roles(CompileContext& ctx) {
  const auto& specs = ctx.spec.roles;
  for (const auto& spec : specs) {
    const auto index = static_cast<std::uint32_t>(ctx.out.roles.size());
    ctx.roles.add(spec.id, index, ctx.diags);
    ctx.out.roles.push_back(
        {spec.id.value, spec.title.value, parse_authority(ctx, spec), -1, spec.id.location});
  }
  if (specs.empty()) return;  // the loader reports the missing section
  RoleGraph graph(specs.size());
  bool resolved = true;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (specs[i].reports_to.value.empty()) continue;
    auto manager = ctx.resolve(ctx.roles, specs[i].reports_to, "policy.unknown_role", "roles");
    if (!manager) {
      resolved = false;
      continue;
    }
    ctx.out.roles[i].reports_to = static_cast<std::int32_t>(*manager);
    boost::add_edge(i, *manager, graph);
  }
  if (!resolved || report_cycles(ctx, graph)) return;

  std::uint32_t entry = 0;
  std::size_t entries = 0;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (specs[i].entry) {
      entry = static_cast<std::uint32_t>(i);
      if (++entries == 2) {
        ctx.error("policy.bad_value", specs[i].id,
                  fmt::format("role '{}' is a second entry role", specs[i].id.value),
                  "exactly one role may have 'entry: true'");
      }
    }
  }
  const auto top = top_of(ctx.out, entry);
  for (std::uint32_t i = 0; i < specs.size(); ++i) {
    if (top_of(ctx.out, i) != top) {
      ctx.error(
          "graph.role_no_top", specs[i].id,
          fmt::format("role '{}' has no reporting path to the top role '{}'", specs[i].id.value,
                      ctx.out.roles[top].id),
          fmt::format("set its reports_to so that its line reaches '{}'", ctx.out.roles[top].id));
    }
  }
  for (auto role = static_cast<std::int32_t>(entry); role >= 0;
       role = ctx.out.roles[static_cast<std::size_t>(role)].reports_to) {
    ctx.out.escalation_chain.push_back(static_cast<std::uint32_t>(role));
  }
  // Authority that shrinks up the line is almost always a typo; the owner search still works.
  const auto& chain = ctx.out.escalation_chain;
  for (std::size_t i = 1; i < chain.size(); ++i) {
    const auto& below = ctx.out.roles[chain[i - 1]].authority;
    const auto& above = ctx.out.roles[chain[i]].authority;
    if (above && (!below || *above < *below)) {
      ctx.diags.warning("policy.authority_decreases", specs[chain[i]].authority.location,
                        fmt::format("role '{}' has less authority than '{}' below it",
                                    ctx.out.roles[chain[i]].id, ctx.out.roles[chain[i - 1]].id),
                        "authority should not shrink up the reporting line");
    }
  }
}

}  // namespace redress::detail
