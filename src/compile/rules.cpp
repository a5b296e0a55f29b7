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
  action.effective = compile_effective(ctx, spec.effective);
  return action;
}

/// `clock: ID`: the clock must be declared (here or in an included library) and, if it counts
/// in a calendar, the policy must declare that calendar.
std::optional<ActionInfo> compile_clock_action(CompileContext& ctx, const policy::ActionSpec& spec,
                                               ActionInfo action) {
  const auto clock = ctx.resolve(ctx.clocks, spec.target, "policy.unknown_clock", "clocks");
  if (!clock) return std::nullopt;
  const auto& info = ctx.out.clocks[*clock];
  if (info.calendar < 0 && !info.calendar_name.empty()) {
    // A clock of the policy's own file was reported where it names the calendar.
    if (info.location.file == ctx.spec.file) return std::nullopt;
    auto hint = did_you_mean(info.calendar_name, ctx.calendars.names());
    ctx.error("policy.unknown_calendar", spec.target,
              fmt::format("clock '{}' counts in calendar '{}', which this policy does not declare",
                          info.id, info.calendar_name),
              hint.empty() ? fmt::format("declare calendar '{}' under calendars: with its "
                                         "working days, holidays and make-up days (the clock is "
                                         "at {}:{})",
                                         info.calendar_name, info.location.file.str(),
                                         info.location.line + 1)
                           : std::move(hint));
    return std::nullopt;
  }
  action.target = *clock;
  if (info.effective) ctx.out.dated = true;
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
    case Kind::options:  // compiled by compile_actions()
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
    case Kind::clock:
      action.kind = ActionInfo::Kind::clock;
      return compile_clock_action(ctx, spec, std::move(action));
    case Kind::commit:
      return compile_commit_action(ctx, spec, std::move(action));
    case Kind::recusal:
      return compile_recusal_action(ctx, spec, std::move(action));
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

/// The actions of a `remedy:` action: the remedy on its terms (`if:`, `contingent:`), then its
/// fallback's, each marked as the fallback of the one before.
void compile_remedy_chain(CompileContext& ctx, PolicySchema& schema, const policy::ActionSpec& spec,
                          bool fallback, std::vector<ActionInfo>& out) {
  auto action = compile_action(ctx, schema, spec);
  if (!action) return;
  action->fallback = fallback;
  const auto& remedy = ctx.out.remedies[action->target].id;
  if (!spec.available.value.empty()) {
    action->available = compile_expression(ctx, schema, spec.available, expr::Type::boolean());
  } else if (!spec.fallback.empty()) {
    ctx.diags.error("policy.missing_key", spec.fallback.front().location,
                    fmt::format("remedy '{}' has a fallback but no 'if:' saying when it is "
                                "available",
                                remedy),
                    fmt::format("add 'if: EXPR' beside 'id: {}': the fallback is offered when it "
                                "does not hold",
                                remedy));
  }
  if (!spec.contingent_on.empty()) {
    if (!spec.available.value.empty() || !spec.fallback.empty()) {
      ctx.diags.error(
          "policy.conflicting_terms", spec.contingent_location,
          fmt::format("remedy '{}' is contingent and has an 'if:' or a fallback", remedy),
          "a contingent remedy waits for a finding; offer the alternative in its own "
          "action, or drop 'contingent:'");
    }
    action->contingency = static_cast<std::int32_t>(ctx.out.contingencies.size());
    ctx.out.contingencies.push_back(
        {localized(ctx, spec.contingent_on, spec.target, "contingent.on"),
         spec.contingent_location});
    if (!spec.confirmed.value.empty()) {
      action->confirmed = compile_expression(ctx, schema, spec.confirmed, expr::Type::boolean());
    }
  }
  out.push_back(std::move(*action));
  for (const auto& alternative : spec.fallback) {
    compile_remedy_chain(ctx, schema, alternative, true, out);
  }
}

/// "a, b" for messages about an option group's remedies.
std::string remedy_names(const CompiledPolicy& policy, const std::vector<std::uint32_t>& of) {
  std::vector<std::string_view> names;
  for (const auto r : of) names.push_back(policy.remedies[r].id);
  return fmt::format("{}", fmt::join(names, ", "));
}

/// The option group an `options` action offers: registered where first offered; offered again,
/// it must list the same remedies. A remedy is an option of one group at most (so that no total
/// can count it twice). -1 when reported.
std::int32_t option_group(CompileContext& ctx, const policy::ActionSpec& spec,
                          std::vector<std::uint32_t> of) {
  auto& groups = ctx.out.option_groups;
  std::sort(of.begin(), of.end());  // catalogue order
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (groups[g].id != spec.target.value) continue;
    if (groups[g].of == of) return static_cast<std::int32_t>(g);
    ctx.error("policy.options_mismatch", spec.target,
              fmt::format("option group '{}' offers {} here but {} where it is first offered "
                          "(line {})",
                          spec.target.value, remedy_names(ctx.out, of),
                          remedy_names(ctx.out, groups[g].of), groups[g].location.line + 1),
              "a group offers the same remedies wherever it is offered: list them alike, or "
              "give this choice another id");
    return -1;
  }
  for (const auto remedy : of) {
    for (const auto& group : groups) {
      if (std::find(group.of.begin(), group.of.end(), remedy) == group.of.end()) continue;
      ctx.error("policy.option_overlap", spec.target,
                fmt::format("remedy '{}' is already an option of group '{}' (line {})",
                            ctx.out.remedies[remedy].id, group.id, group.location.line + 1),
                "a remedy is an option of one group at most: offer that group here, or "
                "declare another remedy");
      return -1;
    }
  }
  const auto index = static_cast<std::int32_t>(groups.size());
  for (const auto remedy : of) ctx.out.remedies[remedy].option_group = index;
  groups.push_back({spec.target.value, std::move(of), spec.target.location});
  return index;
}

/// `options: {id, choose: one, of}`: one remedy action per option, in written order.
void compile_options(CompileContext& ctx, PolicySchema& schema, const policy::ActionSpec& spec,
                     std::vector<ActionInfo>& out) {
  if (!spec.choose.value.empty() && spec.choose.value != "one") {
    ctx.error("policy.bad_value", spec.choose,
              fmt::format("'choose' must be 'one', found '{}'", spec.choose.value),
              "the customer chooses one of the options: write 'choose: one' or leave it out");
  }
  if (spec.options.empty()) {
    ctx.error("policy.bad_value", spec.target,
              fmt::format("option group '{}' lists no remedies", spec.target.value),
              "list the remedies the customer chooses from: 'of: [REMEDY, REMEDY]'");
    return;
  }
  std::vector<ActionInfo> options;
  std::vector<std::uint32_t> of;
  for (const auto& option : spec.options) {
    auto action = compile_action(ctx, schema, option);
    if (!action) continue;
    if (std::find(of.begin(), of.end(), action->target) != of.end()) {
      ctx.error("policy.option_overlap", option.target,
                fmt::format("remedy '{}' is listed twice in option group '{}'", option.target.value,
                            spec.target.value),
                "list each option once");
      continue;
    }
    of.push_back(action->target);
    options.push_back(std::move(*action));
  }
  if (options.size() != spec.options.size()) return;
  const auto group = option_group(ctx, spec, std::move(of));
  if (group < 0) return;
  for (auto& action : options) {
    action.option_group = group;
    out.push_back(std::move(action));
  }
}

/// Appends an action's compiled form: none when it is reported, several for options and
/// fallbacks.
void compile_actions(CompileContext& ctx, PolicySchema& schema, const policy::ActionSpec& spec,
                     std::vector<ActionInfo>& out) {
  if (spec.kind == policy::ActionKind::options) {
    compile_options(ctx, schema, spec, out);
  } else if (spec.kind == policy::ActionKind::remedy) {
    compile_remedy_chain(ctx, schema, spec, false, out);
  } else if (auto action = compile_action(ctx, schema, spec)) {
    out.push_back(std::move(*action));
  }
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
  rule.effective = compile_effective(ctx, spec.effective);
  if (rule.effective) {
    rule.out_of_force_note = "not in force on the as-of date: " + describe(*rule.effective);
  }
  rule.actions.reserve(spec.actions.size());
  for (const auto& action_spec : spec.actions) {
    compile_actions(ctx, schema, action_spec, rule.actions);
  }
  for (const auto& action : rule.actions) ctx.out.remedy_terms |= action.has_terms();
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
  // The as-of date lives one past the facts, where no expression can read it.
  ctx.out.as_of_slot = static_cast<std::uint32_t>(ctx.out.facts.size());
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
