// The catalogue stage: remedies, communication steps and departments, in declaration order.
#include <fmt/format.h>

#include "compile/context.hpp"

namespace redress::detail {

// Resolved once here so that deciding picks a text by index.
std::vector<std::string> localized(CompileContext& ctx, const policy::LocalizedText& texts,
                                   const policy::Text& owner, std::string_view key) {
  std::vector<std::string> out;
  if (texts.empty()) return out;
  const auto& locales = ctx.out.locales;
  const auto text_in = [&](const std::string& locale) -> const std::string* {
    const auto it = texts.find(locale);
    return it == texts.end() ? nullptr : &it->second.value;
  };
  const auto* fallback = text_in(locales.front());
  if (fallback == nullptr) fallback = &texts.begin()->second.value;
  for (const auto& locale : locales) {
    const auto* text = text_in(locale);
    if (text == nullptr) {
      ctx.diags.warning(
          "policy.missing_text", owner.location,
          fmt::format("'{}' has no text in locale '{}'", owner.value, locale),
          fmt::format("add it under {}:, or remove the locale from policy.locales", key));
    }
    out.push_back(text ? *text : *fallback);
  }
  return out;
}

void compile_catalogues(CompileContext& ctx) {
  // Sized once: one entry per declaration at most.
  ctx.out.remedies.reserve(ctx.spec.remedies.size());
  ctx.out.steps.reserve(ctx.spec.communication.size());
  ctx.out.departments.reserve(ctx.spec.departments.size());
  for (const auto& spec : ctx.spec.remedies) {
    const auto index = static_cast<std::uint32_t>(ctx.out.remedies.size());
    if (!ctx.remedies.add(spec.id, index, ctx.diags)) continue;
    RemedyInfo info;
    info.id = spec.id.value;
    info.monetary = spec.monetary;
    info.goodwill = spec.goodwill;
    info.location = spec.id.location;
    info.text = localized(ctx, spec.text, spec.id);
    for (const auto& dimension : spec.covers) {
      if (auto justice = parse_enum<Justice>(dimension.value)) {
        info.covers.push_back(*justice);
      } else {
        ctx.error("policy.bad_value", dimension,
                  fmt::format("'{}' is not a justice dimension", dimension.value),
                  "use outcome, procedural or interactional");
      }
    }
    if (spec.goodwill && !spec.monetary) {
      ctx.error("policy.bad_value", spec.id,
                fmt::format("remedy '{}' is goodwill but not monetary", spec.id.value),
                "goodwill counts money against authority: add 'monetary: true' or drop it");
    }
    ctx.out.remedies.push_back(std::move(info));
  }
  for (const auto& spec : ctx.spec.communication) {
    const auto index = static_cast<std::uint32_t>(ctx.out.steps.size());
    if (!ctx.steps.add(spec.id, index, ctx.diags)) continue;
    ctx.out.steps.push_back({spec.id.value, localized(ctx, spec.text, spec.id), spec.id.location});
  }
  for (const auto& spec : ctx.spec.departments) {
    const auto index = static_cast<std::uint32_t>(ctx.out.departments.size());
    if (!ctx.departments.add(spec.id, index, ctx.diags)) continue;
    ctx.out.departments.push_back({spec.id.value, spec.name.value, spec.id.location});
  }
}

}  // namespace redress::detail
