// The facts stage: built-in facts first (fixed slots), then the policy's own facts in the order
// declared. Each fact gets a type, and a default already converted to its slot value.
#include <fmt/format.h>

#include <charconv>
#include <set>

#include "compile/builtin_facts.hpp"
#include "compile/context.hpp"

namespace redress::detail {
namespace {

constexpr std::size_t kMaxEnumValues = 64;  // sets are 64-bit masks

std::optional<expr::Type> declared_type(CompileContext& ctx, const policy::FactSpec& spec) {
  const auto& kind = spec.type.value;
  if (kind == "bool") return expr::Type::boolean();
  if (kind == "int") return expr::Type::integer();
  if (kind == "money") return expr::Type::money();
  if (kind == "string") return expr::Type::string();
  if (kind == "enum" || kind == "set") {
    if (spec.values.empty()) {
      ctx.error("policy.missing_key", spec.id,
                fmt::format("fact '{}' of type {} needs 'values'", spec.id.value, kind),
                "list the allowed values, e.g. values: [courier, pickup]");
      return std::nullopt;
    }
    if (spec.values.size() > kMaxEnumValues) {
      ctx.error("policy.bad_value", spec.values[kMaxEnumValues],
                fmt::format("fact '{}' has more than {} values", spec.id.value, kMaxEnumValues));
      return std::nullopt;
    }
    auto& type = ctx.out.enum_types.emplace_back();
    type.name = spec.id.value;
    std::set<std::string> seen;
    for (const auto& value : spec.values) {
      if (!seen.insert(value.value).second) {
        ctx.error(
            "policy.duplicate_id", value,
            fmt::format("value '{}' is listed twice for fact '{}'", value.value, spec.id.value));
      }
      type.values.push_back(value.value);
    }
    return kind == "enum" ? expr::Type::enumeration_of(type) : expr::Type::set_of(type);
  }
  ctx.error("policy.bad_value", spec.type, fmt::format("'{}' is not a fact type", kind),
            "use one of bool, int, money, string, enum, set");
  return std::nullopt;
}

std::optional<std::int64_t> parse_default(CompileContext& ctx, const FactInfo& fact,
                                          const policy::Text& text) {
  const auto& v = text.value;
  const auto bad = [&](std::string expected) -> std::optional<std::int64_t> {
    ctx.error(
        "policy.bad_value", text,
        fmt::format("'{}' is not a valid default for {} fact '{}'", v, fact.type.name(), fact.name),
        std::move(expected));
    return std::nullopt;
  };
  switch (fact.type.kind) {
    case expr::TypeKind::boolean:
      if (v == "true") return 1;
      if (v == "false") return 0;
      return bad("write true or false");
    case expr::TypeKind::integer: {
      std::int64_t n = 0;
      const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
      if (ec != std::errc{} || end != v.data() + v.size()) return bad("write an integer");
      return n;
    }
    case expr::TypeKind::money: {
      Money money;
      std::string error;
      if (!parse_money(v, money, error)) {
        ctx.error("policy.bad_money", text, error, "write e.g. 0 CNY or 12.50 CNY");
        return std::nullopt;
      }
      if (!(money.currency() == ctx.out.currency)) {
        return bad(fmt::format("amounts in this policy are in {}", ctx.out.currency.code()));
      }
      return money.minor();
    }
    case expr::TypeKind::enumeration:
      if (auto index = fact.type.enumeration->index_of(v)) return *index;
      return bad(fmt::format("use one of the fact's values: {}",
                             fmt::join(fact.type.enumeration->values, ", ")));
    case expr::TypeKind::string:
      return bad("string facts cannot have a default; an absent string never equals a literal");
    case expr::TypeKind::set:
    case expr::TypeKind::category:
      return bad("set facts default to the empty set; remove the default");
  }
  return std::nullopt;
}

}  // namespace

void compile_facts(CompileContext& ctx) {
  auto& facts = ctx.out.facts;
  for (const auto& builtin : builtin_facts()) {
    FactInfo info;
    info.name = builtin.name;
    info.type = builtin.type;
    info.description = std::string(builtin.description);
    info.source = FactSource::incident;
    info.values = builtin.values;
    facts.push_back(std::move(info));
  }
  ctx.out.priority_slot = slot("priority");
  facts[ctx.out.priority_slot].source = FactSource::derived;

  IdIndex ids("fact");
  for (std::uint32_t i = 0; i < facts.size(); ++i) {
    ids.add(policy::Text{facts[i].name, {}, {}, {}}, i, ctx.diags);
  }
  for (const auto& spec : ctx.spec.facts) {
    if (ids.find(spec.id.value)) {
      ctx.error("policy.duplicate_id", spec.id,
                fmt::format("fact '{}' is declared twice or is built in", spec.id.value),
                "choose another name; see 'Built-in facts' in rules/README.md");
      continue;
    }
    auto type = declared_type(ctx, spec);
    if (!type) continue;
    FactInfo info;
    info.name = spec.id.value;
    info.type = *type;
    info.source = spec.derived ? FactSource::derived : FactSource::host;
    info.sensitive = spec.sensitive;
    info.description = spec.description.value;
    info.location = spec.id.location;
    if (spec.default_value) {
      info.default_value = parse_default(ctx, info, *spec.default_value);
    } else if (type->kind == expr::TypeKind::set) {
      info.default_value = 0;
    } else if (spec.derived) {
      ctx.error("policy.missing_key", spec.id,
                fmt::format("derived fact '{}' needs a default", spec.id.value),
                "the default is its value when no rule sets it, e.g. default: false");
    }
    const auto slot_index = static_cast<std::uint32_t>(facts.size());
    ids.add(spec.id, slot_index, ctx.diags);
    facts.push_back(std::move(info));
  }
  for (std::uint32_t i = 0; i < facts.size(); ++i) ctx.out.fact_index.emplace(facts[i].name, i);
}

}  // namespace redress::detail
