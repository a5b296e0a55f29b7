// compile_policy(): runs the stages in order and hands out the policy only when no stage
// reported an error.
#include "redress/compile/compiler.hpp"

#include <fmt/format.h>

#include "compile/context.hpp"
#include "model/digest.hpp"

namespace redress {
namespace detail {
namespace {

/// The hash covers the policy and every file it includes: a changed library is a changed
/// policy.
std::string policy_hash(const policy::PolicySpec& spec) {
  if (spec.included.empty()) return content_hash(spec.source);
  std::string all = spec.source;
  for (const auto& file : spec.included) {
    all += '\0';
    all += file.text;
  }
  return content_hash(all);
}

}  // namespace

void compile_metadata(CompileContext& ctx) {
  const auto& meta = ctx.spec.metadata;
  auto& out = ctx.out;
  out.identity = {meta.id.value, meta.version.value, policy_hash(ctx.spec)};
  out.file = ctx.spec.file;
  out.description = meta.description.value;
  out.location = meta.id.location;
  out.taxonomy_location = ctx.spec.taxonomy.location;
  if (!Currency::parse(meta.currency.value, out.currency)) {
    ctx.error("policy.bad_value", meta.currency,
              fmt::format("'{}' is not an ISO 4217 currency code", meta.currency.value),
              "write three capital letters, e.g. CNY, EUR, USD");
  }
  for (const auto& locale : meta.locales) out.locales.push_back(locale.value);
  if (out.locales.empty()) out.locales.push_back("en");
  if (meta.in_force.value.empty()) return;
  if (auto basis = parse_enum<InForceBasis>(meta.in_force.value)) {
    out.in_force = *basis;
  } else {
    ctx.error("policy.bad_value", meta.in_force,
              fmt::format("'{}' is not a date to decide what is in force by", meta.in_force.value),
              "use reported (when the case was reported), occurred (when the failure happened) or "
              "decided (the decision time the host passes)");
  }
}

}  // namespace detail

CompileResult compile_policy(const policy::PolicySpec& spec) {
  CompileResult result;
  result.file = spec.file;
  result.source = spec.source;
  result.included = spec.included;
  auto policy = std::make_shared<CompiledPolicy>();
  detail::CompileContext ctx{spec, *policy, result.diagnostics};
  detail::compile_metadata(ctx);
  detail::compile_taxonomy(ctx);
  detail::compile_facts(ctx);
  detail::compile_catalogues(ctx);
  detail::compile_roles(ctx);
  detail::compile_caps(ctx);
  detail::compile_sla(ctx);
  detail::compile_clocks(ctx);
  detail::compile_commitments(ctx);
  detail::compile_recusal(ctx);
  detail::compile_rules(ctx);
  if (!result.diagnostics.has_errors()) detail::order_rules(ctx);
  if (!result.diagnostics.has_errors()) detail::index_rules(ctx);
  if (!result.diagnostics.has_errors()) detail::release_compile_data(ctx);
  result.diagnostics.sort();
  if (!result.diagnostics.has_errors()) result.policy = std::move(policy);
  return result;
}

}  // namespace redress
