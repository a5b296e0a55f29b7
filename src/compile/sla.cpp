// The SLA stage: calendars, the calendar the SLA uses, and a target per priority.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>

#include "compile/context.hpp"

namespace redress::detail {
namespace {

std::optional<std::int64_t> parse_int(const std::string& text) {
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return n;
}

void compile_weekdays(CompileContext& ctx, const policy::CalendarSpec& spec, Calendar& cal) {
  static constexpr std::array<std::string_view, 7> kDays = {"mon", "tue", "wed", "thu",
                                                            "fri", "sat", "sun"};
  if (spec.working_days.empty()) {
    // Left out, Monday to Friday; written as an empty list, a calendar that is never open.
    if (spec.working_days_location.known()) {
      ctx.diags.error("policy.bad_value", spec.working_days_location,
                      fmt::format("calendar '{}' lists no working day", spec.id.value),
                      "list the days it is open, e.g. working_days: [mon, tue, wed, thu, fri], "
                      "or leave working_days out for Monday to Friday");
    }
    return;
  }
  cal.working_days.fill(false);
  for (const auto& day : spec.working_days) {
    const auto it = std::find(kDays.begin(), kDays.end(), day.value);
    if (it == kDays.end()) {
      ctx.error("policy.bad_value", day, fmt::format("'{}' is not a weekday", day.value),
                "use mon, tue, wed, thu, fri, sat or sun");
      continue;
    }
    cal.working_days[static_cast<std::size_t>(it - kDays.begin())] = true;
  }
}

void compile_hours(CompileContext& ctx, const policy::CalendarSpec& spec, Calendar& cal) {
  if (spec.hours.value.empty()) return;  // keep 09:00-18:00
  const auto& text = spec.hours.value;
  const auto dash = text.find('-');
  if (dash == std::string::npos ||
      !parse_time_of_day(std::string_view(text).substr(0, dash), cal.open_minute) ||
      !parse_time_of_day(std::string_view(text).substr(dash + 1), cal.close_minute) ||
      cal.open_minute >= cal.close_minute) {
    ctx.error("policy.bad_time", spec.hours, fmt::format("'{}' is not a range of hours", text),
              "write opening and closing times as HH:MM-HH:MM, e.g. 09:00-18:00");
  }
}

/// Parses local dates into a sorted, unique list; reports the malformed ones.
std::vector<std::int32_t> compile_dates(CompileContext& ctx,
                                        const std::vector<policy::Text>& texts) {
  std::vector<std::int32_t> out;
  for (const auto& text : texts) {
    std::int32_t days = 0;
    if (!parse_local_date(text.value, days)) {
      ctx.error("policy.bad_date", text, fmt::format("'{}' is not a date", text.value),
                "write dates as YYYY-MM-DD");
      continue;
    }
    out.push_back(days);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

/// A make-up day moves work onto a rest day: one on a working weekday, or on a holiday, is a
/// mistake in the schedule as copied.
void check_makeup_days(CompileContext& ctx, const policy::CalendarSpec& spec, const Calendar& cal) {
  static constexpr std::array<std::string_view, 7> kNames = {
      "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  for (const auto& text : spec.makeup_days) {
    std::int32_t day = 0;
    if (!parse_local_date(text.value, day)) continue;  // reported by compile_dates
    const auto weekday = static_cast<std::size_t>(((day % 7) + 7 + 3) % 7);
    if (cal.working_days[weekday]) {
      ctx.error("policy.makeup_on_working_day", text,
                fmt::format("make-up day {} is a {}, already a working day of calendar '{}'",
                            text.value, kNames[weekday], spec.id.value),
                "a make-up day is a rest day (a weekend day) worked instead; check the date "
                "against the official schedule, or remove it");
    } else if (std::binary_search(cal.holidays.begin(), cal.holidays.end(), day)) {
      ctx.error("policy.bad_value", text,
                fmt::format("{} is both a holiday and a make-up day of calendar '{}'", text.value,
                            spec.id.value),
                "keep it under one of holidays: or makeup_days:");
    }
  }
}

void compile_calendar(CompileContext& ctx, const policy::CalendarSpec& spec) {
  Calendar cal;
  cal.id = spec.id.value;
  if (!spec.utc_offset.value.empty() &&
      !parse_utc_offset(spec.utc_offset.value, cal.utc_offset_minutes)) {
    ctx.error("policy.bad_time", spec.utc_offset,
              fmt::format("'{}' is not a UTC offset", spec.utc_offset.value),
              "write it as +08:00, -05:30 or Z");
  }
  compile_weekdays(ctx, spec, cal);
  compile_hours(ctx, spec, cal);
  cal.holidays = compile_dates(ctx, spec.holidays);
  cal.makeup_days = compile_dates(ctx, spec.makeup_days);
  check_makeup_days(ctx, spec, cal);
  if (std::none_of(cal.working_days.begin(), cal.working_days.end(), [](bool b) { return b; })) {
    ctx.error("policy.bad_value", spec.id,
              fmt::format("calendar '{}' has no working day", spec.id.value),
              "list at least one day under working_days");
  }
  ctx.out.calendars.push_back(std::move(cal));
}

std::optional<Duration> parse_target(CompileContext& ctx, const policy::Text& text,
                                     std::string_view what, const SourceLocation& owner) {
  if (text.value.empty()) {
    ctx.diags.error("policy.missing_key", owner, fmt::format("SLA target needs '{}'", what),
                    fmt::format("add e.g. {}: 2h", what));
    return std::nullopt;
  }
  Duration duration;
  std::string error;
  if (!Duration::parse(text.value, duration, error)) {
    ctx.error("policy.bad_duration", text, error, "");
    return std::nullopt;
  }
  if (duration.is_business() && ctx.out.sla_calendar_index < 0) {
    ctx.error("policy.unknown_calendar", text,
              fmt::format("'{}' counts business time but the SLA names no calendar", text.value),
              "add 'calendar: <id>' under sla: and declare it under calendars:");
    return std::nullopt;
  }
  return duration;
}

}  // namespace

void compile_sla(CompileContext& ctx) {
  for (const auto& spec : ctx.spec.calendars) {
    const auto index = static_cast<std::uint32_t>(ctx.out.calendars.size());
    if (ctx.calendars.add(spec.id, index, ctx.diags)) compile_calendar(ctx, spec);
  }
  const auto& sla = ctx.spec.sla;
  if (!sla.calendar.value.empty()) {
    if (auto index =
            ctx.resolve(ctx.calendars, sla.calendar, "policy.unknown_calendar", "calendars")) {
      ctx.out.sla_calendar_index = static_cast<std::int32_t>(*index);
    }
  }
  for (const auto& target : sla.targets) {
    const auto priority = parse_int(target.priority.value);
    if (!priority || *priority < 1) {
      ctx.error("policy.bad_value", target.priority,
                fmt::format("'{}' is not a priority", target.priority.value),
                "priorities are integers from 1 (most urgent)");
      continue;
    }
    const auto duplicate =
        std::find_if(ctx.out.sla.begin(), ctx.out.sla.end(),
                     [&](const SlaTarget& t) { return t.priority == *priority; });
    if (duplicate != ctx.out.sla.end()) {
      ctx.error("policy.duplicate_id", target.priority,
                fmt::format("priority {} has two SLA targets", *priority), "remove one");
      continue;
    }
    auto first = parse_target(ctx, target.first_response, "first_response", target.location);
    auto resolution = parse_target(ctx, target.resolution, "resolution", target.location);
    if (first && resolution) ctx.out.sla.push_back({*priority, *first, *resolution});
  }
  std::sort(ctx.out.sla.begin(), ctx.out.sla.end(),
            [](const SlaTarget& a, const SlaTarget& b) { return a.priority < b.priority; });

  if (sla.targets.empty()) {
    // Every decision needs a target: an empty list would leave priorities without deadlines.
    ctx.diags.error("policy.missing_key", sla.location, "sla.targets lists no target",
                    "add one entry per priority, e.g. '- {priority: 1, first_response: 15m, "
                    "resolution: 2h}'");
  }
  if (sla.default_priority.value.empty()) {
    ctx.out.default_priority = ctx.out.sla.empty() ? 1 : ctx.out.sla.back().priority;
  } else if (auto p = parse_int(sla.default_priority.value); p && *p >= 1) {
    ctx.out.default_priority = *p;
  } else {
    ctx.error("policy.bad_value", sla.default_priority,
              fmt::format("'{}' is not a priority", sla.default_priority.value),
              "priorities are integers from 1 (most urgent)");
  }
  ctx.out.facts[ctx.out.priority_slot].default_value = ctx.out.default_priority;
}

}  // namespace redress::detail
