// The caps stage: the most goodwill a decision may grant, per incident and per customer over a
// window of days (rules/README.md, "Goodwill caps").
#include <fmt/format.h>

#include "compile/context.hpp"

namespace redress::detail {
namespace {

/// A cap's amount in minor units: a money literal in the policy's currency, not negative.
std::optional<std::int64_t> cap_amount(CompileContext& ctx, const policy::Text& text) {
  Money money;
  std::string error;
  if (!parse_money(text.value, money, error)) {
    ctx.error("policy.bad_money", text, error, "write an amount such as 500 CNY");
    return std::nullopt;
  }
  if (!(money.currency() == ctx.out.currency)) {
    ctx.error("policy.bad_money", text,
              fmt::format("the cap is in {} but the policy uses {}", money.currency().code(),
                          ctx.out.currency.code()),
              fmt::format("write it in {}", ctx.out.currency.code()));
    return std::nullopt;
  }
  if (money.minor() < 0) {
    ctx.error("policy.bad_money", text, fmt::format("a cap cannot be negative ({})", text.value),
              "write the most goodwill that may be granted; 0 grants none");
    return std::nullopt;
  }
  return money.minor();
}

/// A window in whole days ("90d", "90 days"), at least one.
std::optional<std::int64_t> window_days(CompileContext& ctx, const policy::Text& text) {
  Duration duration;
  std::string error;
  if (!Duration::parse(text.value, duration, error) || duration.unit != DurationUnit::days ||
      duration.amount < 1) {
    ctx.error("policy.bad_duration", text,
              fmt::format("'{}' is not a window of whole days", text.value),
              "write the days the cap looks back over, e.g. 'window: 90d'");
    return std::nullopt;
  }
  return duration.amount;
}

}  // namespace

void compile_caps(CompileContext& ctx) {
  const auto& spec = ctx.spec.caps;
  if (!spec.location.known()) return;
  CapsInfo caps;
  caps.location = spec.location;
  if (!spec.goodwill_per_incident.value.empty()) {
    caps.per_incident = cap_amount(ctx, spec.goodwill_per_incident);
  }
  if (const auto& customer = spec.goodwill_per_customer) {
    if (!customer->amount.value.empty()) caps.per_customer = cap_amount(ctx, customer->amount);
    if (!customer->window.value.empty()) {
      caps.window_days = window_days(ctx, customer->window).value_or(0);
    }
  }
  if (!caps.per_incident && !caps.per_customer) return;  // an empty section, or reported
  ctx.out.caps = caps;
}

}  // namespace redress::detail
