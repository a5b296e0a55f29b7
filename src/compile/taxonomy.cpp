// The taxonomy stage: dotted ids become a tree stored in pre-order, so that "category in X" is
// one interval test at decide time.
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>

#include "compile/context.hpp"

namespace redress::detail {
namespace {

struct PendingNode {
  const policy::CategorySpec* spec;
  std::string parent;  // empty for a family (a root)
  std::vector<std::size_t> children;
};

std::string parent_of(const std::string& id) {
  const auto dot = id.rfind('.');
  return dot == std::string::npos ? std::string{} : id.substr(0, dot);
}

bool valid_category_id(const std::string& id) {
  if (id.empty() || id.front() == '.' || id.back() == '.') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
  });
}

}  // namespace

void compile_taxonomy(CompileContext& ctx) {
  std::vector<PendingNode> nodes;
  std::map<std::string, std::size_t> by_id;
  for (const auto& category : ctx.spec.taxonomy.add) {
    const auto& id = category.id.value;
    if (!valid_category_id(id)) {
      ctx.error("policy.bad_value", category.id, fmt::format("'{}' is not a category id", id),
                "use lower-case dotted ids such as core.unavailable.room_not_ready");
      continue;
    }
    if (by_id.count(id) != 0) {
      ctx.error("policy.duplicate_id", category.id,
                fmt::format("category '{}' is declared twice", id),
                "a category of the base taxonomy need not be declared again");
      continue;
    }
    by_id.emplace(id, nodes.size());
    nodes.push_back({&category, parent_of(id), {}});
  }
  std::vector<std::size_t> roots;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].parent.empty()) {
      roots.push_back(i);
      continue;
    }
    const auto parent = by_id.find(nodes[i].parent);
    if (parent == by_id.end()) {
      ctx.error("taxonomy.missing_parent", nodes[i].spec->id,
                fmt::format("category '{}' has no parent: '{}' is not declared",
                            nodes[i].spec->id.value, nodes[i].parent),
                fmt::format("declare '{}' first, or use an existing family", nodes[i].parent));
      continue;
    }
    nodes[parent->second].children.push_back(i);
  }

  auto& out = ctx.out.categories;
  std::function<void(std::size_t, std::int32_t, FailureType)> visit =
      [&](std::size_t i, std::int32_t parent, FailureType inherited) {
        const auto& spec = *nodes[i].spec;
        FailureType type = inherited;
        if (!spec.failure_type.value.empty()) {
          if (auto parsed = parse_enum<FailureType>(spec.failure_type.value)) {
            type = *parsed;
          } else {
            ctx.error("policy.bad_value", spec.failure_type,
                      fmt::format("'{}' is not a failure type", spec.failure_type.value),
                      "use outcome or process");
          }
        }
        const auto index = static_cast<std::int32_t>(out.size());
        out.push_back({spec.id.value, parent, 0, type, spec.description.value, spec.id.location});
        ctx.out.category_index.emplace(spec.id.value, index);
        for (auto child : nodes[i].children) visit(child, index, type);
        out[static_cast<std::size_t>(index)].end = static_cast<std::int32_t>(out.size());
      };
  for (auto root : roots) visit(root, -1, FailureType::outcome);
  if (out.empty() && !ctx.diags.has_errors()) {
    ctx.diags.error("policy.missing_key", ctx.spec.taxonomy.location,
                    "the policy has no failure categories",
                    "use 'taxonomy: {base: standard}' or declare categories under 'add:'");
  }
}

}  // namespace redress::detail
