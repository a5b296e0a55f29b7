// The commitments stage: the `commitments:` catalogue (who does what, by when, how often until
// when), and the `commit:` action rules take.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "compile/context.hpp"
#include "diag/suggest.hpp"

namespace redress::detail {
namespace {

/// A key whose value is one of enum E's spellings, or `fallback` when empty.
template <typename E>
std::optional<E> compile_choice(CompileContext& ctx, const policy::Text& text, E fallback,
                                std::string_view what) {
  if (text.value.empty()) return fallback;
  if (auto value = parse_enum<E>(text.value)) return value;
  const auto names = enum_names<E>();
  auto hint = did_you_mean(text.value, names);
  if (hint.empty()) hint = fmt::format("use {}", fmt::join(names, ", "));
  ctx.error("policy.bad_value", text, fmt::format("'{}' is not {}", text.value, what),
            std::move(hint));
  return std::nullopt;
}

/// The assignee: a role or a department of the policy (a role first when both share the id).
bool compile_assignee(CompileContext& ctx, const policy::CommitmentSpec& spec,
                      CommitmentInfo& info) {
  info.assignee = spec.assignee.value;
  if (const auto role = ctx.roles.find(spec.assignee.value)) {
    info.assignee_is_role = true;
    info.assignee_index = *role;
    return true;
  }
  if (const auto department = ctx.departments.find(spec.assignee.value)) {
    info.assignee_is_role = false;
    info.assignee_index = *department;
    return true;
  }
  if (spec.assignee.value.empty()) return false;  // reported as a missing key
  auto names = ctx.roles.names();
  names.insert(names.end(), ctx.departments.names().begin(), ctx.departments.names().end());
  auto hint = did_you_mean(spec.assignee.value, names);
  if (hint.empty()) {
    hint =
        fmt::format("assign it to a role under roles: or a department under departments:{}",
                    names.empty() ? std::string{} : fmt::format(" ({})", fmt::join(names, ", ")));
  }
  ctx.error("policy.unknown_assignee", spec.assignee,
            fmt::format("commitment '{}' is assigned to '{}', which is neither a role nor a "
                        "department of the policy",
                        spec.id.value, spec.assignee.value),
            std::move(hint));
  return false;
}

/// The calendar: the commitment's own, else the SLA's; one is needed for business units and
/// working days.
bool compile_calendar(CompileContext& ctx, const policy::CommitmentSpec& spec,
                      CommitmentInfo& info) {
  info.calendar = ctx.out.sla_calendar_index;
  if (!spec.calendar.value.empty()) {
    const auto index =
        ctx.resolve(ctx.calendars, spec.calendar, "policy.unknown_calendar", "calendars");
    if (!index) return false;
    info.calendar = static_cast<std::int32_t>(*index);
  }
  const bool recurs_in_business_time = info.every && info.every->is_business();
  if (info.calendar >= 0 || !(info.due.needs_calendar() || recurs_in_business_time)) return true;
  const auto& where = info.due.needs_calendar() ? spec.due : spec.every;
  ctx.error("policy.unknown_calendar", where,
            fmt::format("commitment '{}' counts '{}' but has no calendar to count it in",
                        spec.id.value, where.value),
            "add 'calendar: <id>' to the commitment, or give the SLA a calendar (sla.calendar)");
  return false;
}

/// `every:` and `until:` go together: a recurrence with no end would never stop, and an end
/// without a recurrence means nothing.
bool compile_recurrence(CompileContext& ctx, const policy::CommitmentSpec& spec,
                        CommitmentInfo& info) {
  if (spec.every.value.empty()) {
    if (spec.until.empty()) return true;
    ctx.error(
        "policy.commitment_recurrence", spec.until.begin()->second,
        fmt::format("commitment '{}' has 'until' but no 'every': it does not recur", spec.id.value),
        "add 'every: 24h' (how often it recurs), or remove 'until'");
    return false;
  }
  Duration every;
  std::string error;
  if (!Duration::parse(spec.every.value, every, error)) {
    ctx.error("policy.bad_duration", spec.every, error);
    return false;
  }
  if (every.amount == 0) {
    ctx.error("policy.bad_duration", spec.every,
              fmt::format("commitment '{}' cannot recur every {}", spec.id.value, spec.every.value),
              "write a duration above zero, e.g. every: 24h");
    return false;
  }
  info.every = every;
  info.every_text = every.to_string();
  if (spec.until.empty()) {
    ctx.error("policy.commitment_recurrence", spec.every,
              fmt::format("commitment '{}' recurs every {} but has no 'until'", spec.id.value,
                          spec.every.value),
              "add 'until: {en: ...}': the condition that ends it, e.g. \"the refund reaches the "
              "customer's account\"");
    return false;
  }
  info.until = localized(ctx, spec.until, spec.id, "until");
  return true;
}

void compile_commitment(CompileContext& ctx, const policy::CommitmentSpec& spec) {
  CommitmentInfo info;
  info.id = spec.id.value;
  info.location = spec.id.location;
  info.text = localized(ctx, spec.text, spec.id);
  bool ok = true;
  if (const auto kind = compile_choice(ctx, spec.kind, CommitmentKind::plan, "a commitment kind")) {
    info.kind = *kind;
  } else {
    ok = false;
  }
  if (const auto start = compile_choice(ctx, spec.start, ClockStart::reported, "a start")) {
    info.start = *start;
  } else {
    ok = false;
  }
  ok = compile_assignee(ctx, spec, info) && ok;
  std::string error;
  using Problem = CommitmentDue::Problem;
  switch (CommitmentDue::parse(spec.due.value, spec.at.value, info.due, error)) {
    case Problem::none:
      info.due_text = info.due.to_string();
      break;
    case Problem::missing:
      ctx.diags.error("policy.missing_key", spec.location,
                      fmt::format("commitment '{}' has neither 'due' nor 'at'", spec.id.value),
                      "add 'due: 3 working_days' (or a duration, e.g. 30m), or 'at: \"09:00\"' "
                      "for the next working day at that time");
      ok = false;
      break;
    case Problem::bad_due:
      ctx.error("policy.bad_duration", spec.due, error);
      ok = false;
      break;
    case Problem::bad_at:
      ctx.error("policy.bad_time", spec.at, error);
      ok = false;
      break;
  }
  ok = compile_recurrence(ctx, spec, info) && ok;
  if (ok) compile_calendar(ctx, spec, info);
  ctx.out.commitments.push_back(std::move(info));
}

}  // namespace

void compile_commitments(CompileContext& ctx) {
  ctx.out.commitments.reserve(ctx.spec.commitments.size());
  for (const auto& spec : ctx.spec.commitments) {
    const auto index = static_cast<std::uint32_t>(ctx.out.commitments.size());
    if (ctx.commitments.add(spec.id, index, ctx.diags)) compile_commitment(ctx, spec);
  }
}

std::optional<ActionInfo> compile_commit_action(CompileContext& ctx, const policy::ActionSpec& spec,
                                                ActionInfo action) {
  const auto commitment =
      ctx.resolve(ctx.commitments, spec.target, "policy.unknown_commitment", "commitments");
  if (!commitment) return std::nullopt;
  action.target = *commitment;
  return action;
}

}  // namespace redress::detail
