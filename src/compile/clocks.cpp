// The clocks stage: statutory clocks of the policy and of the libraries it includes, and the
// `effective:` dates of rules, amounts and clocks.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "compile/context.hpp"
#include "diag/suggest.hpp"

namespace redress::detail {
namespace {

std::optional<std::int64_t> compile_date(CompileContext& ctx, const policy::Text& text) {
  if (text.value.empty()) return std::nullopt;
  std::int32_t days = 0;
  if (!parse_local_date(text.value, days)) {
    ctx.error("policy.bad_date", text, fmt::format("'{}' is not a date", text.value),
              "write dates as YYYY-MM-DD");
    return std::nullopt;
  }
  return days;
}

/// An enum-valued key (`start`, `due_at`); `fallback` when empty; nullopt (reported) when it is
/// not one of the enum's spellings.
template <typename E>
std::optional<E> compile_choice(CompileContext& ctx, const policy::Text& text, E fallback) {
  if (text.value.empty()) return fallback;
  if (auto value = parse_enum<E>(text.value)) return value;
  const auto names = enum_names<E>();
  auto hint = did_you_mean(text.value, names);
  if (hint.empty()) hint = fmt::format("use {}", fmt::join(names, ", "));
  ctx.error("policy.bad_value", text,
            fmt::format("'{}' is not one of {}", text.value, fmt::join(names, ", ")),
            std::move(hint));
  return std::nullopt;
}

std::optional<ClockPeriod> compile_period(CompileContext& ctx, const policy::Text& text) {
  ClockPeriod period;
  std::string error;
  if (!ClockPeriod::parse(text.value, period, error)) {
    ctx.error("policy.bad_duration", text, error, "");
    return std::nullopt;
  }
  return period;
}

/// How the clock counts: its period, where its last day ends, whether it rolls, and whether it
/// names the calendar that needs.
std::optional<ClockCount> compile_count(CompileContext& ctx, const policy::ClockSpec& spec) {
  const auto period = compile_period(ctx, spec.due);
  const auto end = compile_choice(ctx, spec.due_at, ClockEnd::end_of_day);
  if (!period || !end) return std::nullopt;
  const ClockCount count{*period, *end, spec.roll_to_working_day};
  if (!period->counts_days() && (count.end != ClockEnd::end_of_day || count.roll_to_working_day)) {
    ctx.error("policy.bad_value", spec.due,
              fmt::format("'{}' counts hours, so it has no last day to end at close of business "
                          "or to roll to a working day",
                          spec.due.value),
              "remove due_at and roll_to_working_day, or count in days");
    return std::nullopt;
  }
  if (count.needs_calendar() && spec.calendar.value.empty()) {
    ctx.error("policy.unknown_calendar", spec.due,
              fmt::format("clock '{}' counts {} but names no calendar", spec.id.value,
                          period->needs_calendar() ? to_string(period->unit)
                                                   : std::string_view("in a calendar's days")),
              "add 'calendar: <id>' to the clock and declare the calendar under calendars:");
    return std::nullopt;
  }
  return count;
}

/// An extension is a longer period from the same start: in the clock's unit, it must be longer
/// than the clock and than the extension before it (different units cannot be compared without
/// a date, and are taken as written).
void check_longer(CompileContext& ctx, const policy::Text& where, const ClockPeriod& extension,
                  const ClockPeriod& before) {
  if (extension.unit != before.unit || extension.amount > before.amount) return;
  ctx.error("policy.extension_not_longer", where,
            fmt::format("extension '{}' is not longer than '{}' before it", where.value,
                        before.to_string()),
            "an extension gives the whole extended period from the clock's start, e.g. 15 "
            "calendar_days extended to 30 calendar_days");
}

std::vector<ClockExtensionInfo> compile_extensions(CompileContext& ctx,
                                                   const policy::ClockSpec& spec,
                                                   const ClockPeriod& base) {
  std::vector<ClockExtensionInfo> out;
  ClockPeriod before = base;
  for (const auto& extension : spec.extensions) {
    const auto due = compile_period(ctx, extension.due);
    if (!due) continue;
    check_longer(ctx, extension.due, *due, before);
    before = *due;
    if (extension.holding_reply.empty()) {
      ctx.diags.error("policy.missing_key", extension.location,
                      fmt::format("extension '{}' of clock '{}' needs a holding_reply",
                                  extension.due.value, spec.id.value),
                      "add 'holding_reply: {en: ...}': what the customer is told, before the "
                      "clock falls due, of the delay and its reason");
    }
    ClockExtensionInfo info;
    info.due = *due;
    info.due_text = due->to_string();
    info.when = localized(ctx, extension.when, extension.due, "when");
    info.holding_reply = localized(ctx, extension.holding_reply, extension.due, "holding_reply");
    out.push_back(std::move(info));
  }
  return out;
}

void compile_referral(CompileContext& ctx, const policy::ClockSpec& spec, ClockInfo& info) {
  if (!spec.referral) return;
  info.referral_body = localized(ctx, spec.referral->body, spec.id, "referral.body");
  if (!spec.referral->within.value.empty()) {
    if (const auto within = compile_period(ctx, spec.referral->within)) {
      info.referral_within = within->to_string();
    }
  }
}

void compile_clock(CompileContext& ctx, const policy::ClockSpec& spec) {
  ClockInfo info;
  info.id = spec.id.value;
  info.location = spec.id.location;
  info.title = localized(ctx, spec.title, spec.id, "title");
  info.basis = localized(ctx, spec.basis, spec.id, "basis");
  if (const auto start = compile_choice(ctx, spec.start, ClockStart::reported)) info.start = *start;
  if (const auto count = compile_count(ctx, spec)) {
    info.count = *count;
    info.due_text = count->period.to_string();
    info.extensions = compile_extensions(ctx, spec, count->period);
  }
  // A library clock may name a calendar the including policy does not declare: it is then
  // refused only where a rule attaches it (compile_clock_action).
  info.calendar_name = spec.calendar.value;
  if (const auto index = ctx.calendars.find(spec.calendar.value)) {
    info.calendar = static_cast<std::int32_t>(*index);
  } else if (!spec.calendar.value.empty() && spec.calendar.location.file == ctx.spec.file) {
    ctx.resolve(ctx.calendars, spec.calendar, "policy.unknown_calendar", "calendars");
  }
  for (const auto& item : spec.final_reply) {
    info.final_reply.push_back(localized(ctx, item, spec.id, "final_reply"));
  }
  compile_referral(ctx, spec, info);
  // A dated clock dates the policy only once a rule attaches it (compile_clock_action): a
  // library offers many clocks, and including one must not change decisions by itself.
  const bool dated = ctx.out.dated;
  info.effective = compile_effective(ctx, spec.effective);
  ctx.out.dated = dated;
  ctx.out.clocks.push_back(std::move(info));
}

}  // namespace

std::optional<EffectiveWindow> compile_effective(CompileContext& ctx,
                                                 const policy::EffectiveSpec& spec) {
  if (!spec.present()) return std::nullopt;
  if (spec.from.value.empty() && spec.until.value.empty()) {
    ctx.diags.error("policy.missing_key", spec.location, "'effective' gives neither from nor until",
                    "write effective: {from: YYYY-MM-DD, until: YYYY-MM-DD} (either may be left "
                    "out), or remove it");
    return std::nullopt;
  }
  const auto from = compile_date(ctx, spec.from);
  const auto until = compile_date(ctx, spec.until);
  if ((!spec.from.value.empty() && !from) || (!spec.until.value.empty() && !until)) {
    return std::nullopt;
  }
  EffectiveWindow window;
  if (from) window.from = *from;
  if (until) window.until = *until;
  if (window.from >= window.until) {
    ctx.error(
        "policy.empty_period", spec.until,
        fmt::format("in force from {} until {}: never in force", spec.from.value, spec.until.value),
        "'until' is the first day no longer in force: it must come after 'from'");
    return std::nullopt;
  }
  ctx.out.dated = true;
  return window;
}

std::string describe(const EffectiveWindow& window) {
  constexpr auto lowest = std::numeric_limits<std::int64_t>::min();
  constexpr auto highest = std::numeric_limits<std::int64_t>::max();
  std::string out = "in force";
  if (window.from != lowest) out += " from " + format_local_date(window.from);
  if (window.until != highest) out += " until " + format_local_date(window.until);
  return out;
}

void compile_clocks(CompileContext& ctx) {
  ctx.out.clocks.reserve(ctx.spec.clocks.size());
  for (const auto& spec : ctx.spec.clocks) {
    const auto index = static_cast<std::uint32_t>(ctx.out.clocks.size());
    if (ctx.clocks.add(spec.id, index, ctx.diags)) compile_clock(ctx, spec);
  }
}

}  // namespace redress::detail
