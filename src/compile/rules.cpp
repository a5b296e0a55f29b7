// The rules stage: every condition and action expression is compiled against the policy's
// facts; every reference (remedy, fact, department, role, step) is resolved to an index.
#include <fmt/format.h>

#include <algorithm>

#include "compile/context.hpp"
#include "compile/policy_schema.hpp"
#include "diag/suggest.hpp"
#include "redress/expr/compiler.hpp"

namespace redress::detail {
namespace {

std::optional<expr::Program> compile_expression(CompileContext& ctx, PolicySchema& schema,
                                                const policy::Text& text,
                                                std::optional<expr::Type> expected) {
  return expr::compile(
      text.value, schema, expected, [&text](std::size_t offset) { return text.at(offset); },
      ctx.diags);
}

void check_priority_target(CompileContext& ctx, std::int64_t priority, const policy::Text& where) {
  const auto& sla = ctx.out.sla;
  const bool declared = std::any_of(sla.begin(), sla.end(),
                                    [&](const SlaTarget& t) { return t.priority == priority; });
  if (!declared) {
    ctx.error(
        "sla.missing_priority", where,
        fmt::format("priority {} can be set here but has no SLA target", priority),
        fmt::format(
            "add '- {{priority: {}, first_response: ..., resolution: ...}}' under sla.targets",
            priority));
  }
}

std::optional<ActionInfo> compile_remedy(CompileContext& ctx, PolicySchema& schema,
                                         const policy::ActionSpec& spec, ActionInfo action) {
  const auto remedy = ctx.resolve(ctx.remedies, spec.target, "policy.unknown_remedy", "remedies");
  if (!remedy) return std::nullopt;
  action.target = *remedy;
  const auto& info = ctx.out.remedies[*remedy];
  if (info.monetary && spec.value.value.empty()) {
    ctx.error("policy.amount_required", spec.target,
              fmt::format("remedy '{}' is monetary and needs an amount", info.id),
              fmt::format("write remedy: {{id: {}, amount: \"100 {}\"}}", info.id,
                          ctx.out.currency.code()));
    return std::nullopt;
  }
  if (!info.monetary && !spec.value.value.empty()) {
    ctx.error("policy.amount_not_allowed", spec.value,
              fmt::format("remedy '{}' is not monetary and takes no amount", info.id),
              "remove the amount, or declare the remedy with 'monetary: true'");
    return std::nullopt;
  }
  if (info.monetary) {
    action.value = compile_expression(ctx, schema, spec.value, expr::Type::money());
    if (!action.value) return std::nullopt;
  }
  return action;
}

std::optional<ActionInfo> compile_set(CompileContext& ctx, PolicySchema& schema,
                                      const policy::ActionSpec& spec, ActionInfo action) {
  const auto slot = ctx.out.fact_slot(spec.target.value);
  if (!slot) {
    auto hint = did_you_mean(spec.target.value, schema.fact_names());
    if (hint.empty()) hint = "declare it under facts: with 'derived: true'";
    ctx.error("policy.unknown_fact", spec.target,
              fmt::format("unknown fact '{}'", spec.target.value), std::move(hint));
    return std::nullopt;
  }
  const auto& fact = ctx.out.facts[*slot];
  if (fact.source != FactSource::derived) {
    ctx.error("policy.not_derived", spec.target,
              fmt::format("fact '{}' is supplied by the incident and cannot be set", fact.name),
              "declare a derived fact of your own (derived: true) and set that");
    return std::nullopt;
  }
  action.target = *slot;
  action.value = compile_expression(ctx, schema, spec.value, fact.type);
  if (!action.value) return std::nullopt;
  if (*slot == ctx.out.priority_slot) {
    if (auto constant = action.value->constant()) check_priority_target(ctx, *constant, spec.value);
  }
  return action;
}

std::optional<ActionInfo> compile_action(CompileContext& ctx, PolicySchema& schema,
                                         const policy::ActionSpec& spec) {
  ActionInfo action;
  action.location = spec.location;
  action.kind = spec.kind;
  using Kind = policy::ActionKind;
  switch (spec.kind) {
    case Kind::remedy:
      return compile_remedy(ctx, schema, spec, std::move(action));
    case Kind::set:
      return compile_set(ctx, schema, spec, std::move(action));
    case Kind::involve: {
      const auto d =
          ctx.resolve(ctx.departments, spec.target, "policy.unknown_department", "departments");
      if (!d) return std::nullopt;
      action.target = *d;
      return action;
    }
    case Kind::say: {
      const auto s = ctx.resolve(ctx.steps, spec.target, "policy.unknown_step", "communication");
      if (!s) return std::nullopt;
      action.target = *s;
      return action;
    }
    case Kind::escalate: {
      const auto role = ctx.resolve(ctx.roles, spec.target, "policy.unknown_role", "roles");
      if (!role) return std::nullopt;
      const auto& chain = ctx.out.escalation_chain;
      const auto position = std::find(chain.begin(), chain.end(), *role);
      if (position == chain.end()) {
        if (!chain.empty()) {
          ctx.error("graph.escalation_off_path", spec.target,
                    fmt::format("role '{}' is not on the escalation path from '{}'",
                                spec.target.value, ctx.out.roles[chain.front()].id),
                    "escalate to a role on the entry role's reporting line; involve other "
                    "teams with 'involve:'");
        }
        return std::nullopt;
      }
      action.target = static_cast<std::uint32_t>(position - chain.begin());
      return action;
    }
  }
  return std::nullopt;
}

void compile_rule(CompileContext& ctx, PolicySchema& schema, const policy::RuleSpec& spec,
                  std::int32_t group) {
  const auto index = static_cast<std::uint32_t>(ctx.out.rules.size());
  ctx.rules.add(spec.id, index, ctx.diags);
  RuleInfo rule;
  rule.id = spec.id.value;
  rule.description = spec.description.value;
  rule.group = group;
  rule.location = spec.id.location;
  rule.when_text = spec.when.value;
  if (!spec.when.value.empty()) {
    rule.when = compile_expression(ctx, schema, spec.when, expr::Type::boolean());
  }
  rule.actions.reserve(spec.actions.size());
  for (const auto& action_spec : spec.actions) {
    if (auto action = compile_action(ctx, schema, action_spec)) {
      rule.actions.push_back(std::move(*action));
    }
  }
  if (group >= 0) ctx.out.groups[static_cast<std::size_t>(group)].rules.push_back(index);
  ctx.out.rules.push_back(std::move(rule));
}

}  // namespace

void compile_rules(CompileContext& ctx) {
  PolicySchema schema(ctx.out);
  if (!ctx.out.sla.empty()) {
    check_priority_target(ctx, ctx.out.default_priority,
                          ctx.spec.sla.default_priority.value.empty()
                              ? policy::Text{"", ctx.spec.sla.location, {}, {}}
                              : ctx.spec.sla.default_priority);
  }
  IdIndex group_ids("rule group");
  std::size_t count = 0;
  for (const auto& entry : ctx.spec.rules)
    count += entry.rule ? 1 : entry.group ? entry.group->rules.size() : 0;
  // Sized once: growing by doubling would leave up to half the (large) vector unused.
  ctx.out.rules.reserve(count);
  for (const auto& entry : ctx.spec.rules) {
    if (entry.rule) {
      compile_rule(ctx, schema, *entry.rule, -1);
      continue;
    }
    const auto& spec = *entry.group;
    const auto group = static_cast<std::int32_t>(ctx.out.groups.size());
    group_ids.add(spec.id, static_cast<std::uint32_t>(group), ctx.diags);
    GroupInfo info;
    info.id = spec.id.value;
    info.description = spec.description.value;
    info.location = spec.id.location;
    if (spec.hit.value == "first") {
      info.hit = HitPolicy::first;
    } else if (spec.hit.value != "collect") {
      ctx.error("policy.bad_value", spec.hit,
                fmt::format("'{}' is not a hit policy", spec.hit.value), "use first or collect");
    }
    ctx.out.groups.push_back(std::move(info));
    for (const auto& rule : spec.rules) compile_rule(ctx, schema, rule, group);
  }
}

void release_compile_data(CompileContext& ctx) {
  // The checked trees of conditions are most of a rule's memory and only the compiler's later
  // stages read them (the linter re-checks when_text). Amount and value trees are few: kept.
  for (auto& rule : ctx.out.rules) {
    if (rule.when) rule.when->ast.reset();
  }
  for (auto& group : ctx.out.groups) group.rules.shrink_to_fit();
}

}  // namespace redress::detail
