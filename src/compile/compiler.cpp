// compile_policy(): runs the stages in order and hands out the policy only when no stage
// reported an error.
#include "redress/compile/compiler.hpp"

#include <fmt/format.h>

#include "compile/context.hpp"
#include "model/digest.hpp"

namespace redress {
namespace detail {

void compile_metadata(CompileContext& ctx) {
  const auto& meta = ctx.spec.metadata;
  auto& out = ctx.out;
  out.identity = {meta.id.value, meta.version.value, content_hash(ctx.spec.source)};
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
}

}  // namespace detail

CompileResult compile_policy(const policy::PolicySpec& spec) {
  CompileResult result;
  result.source = spec.source;
  auto policy = std::make_shared<CompiledPolicy>();
  detail::CompileContext ctx{spec, *policy, result.diagnostics};
  detail::compile_metadata(ctx);
  detail::compile_taxonomy(ctx);
  detail::compile_facts(ctx);
  detail::compile_catalogues(ctx);
  detail::compile_roles(ctx);
  detail::compile_sla(ctx);
  detail::compile_rules(ctx);
  if (!result.diagnostics.has_errors()) detail::order_rules(ctx);
  if (!result.diagnostics.has_errors()) detail::index_rules(ctx);
  if (!result.diagnostics.has_errors()) detail::release_compile_data(ctx);
  result.diagnostics.sort();
  if (!result.diagnostics.has_errors()) result.policy = std::move(policy);
  return result;
}

}  // namespace redress
