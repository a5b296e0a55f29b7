#include "compile/context.hpp"

#include <fmt/format.h>

#include "diag/suggest.hpp"

namespace redress::detail {

bool IdIndex::add(const policy::Text& id, std::uint32_t index, Diagnostics& diags) {
  const auto [it, inserted] = index_.emplace(id.value, index);
  if (!inserted) {
    const auto& first = first_seen_.at(id.value);
    diags.error("policy.duplicate_id", id.location,
                fmt::format("{} '{}' is declared twice", kind_, id.value),
                first.file == id.location.file
                    ? fmt::format("the first declaration is at line {}; rename or remove one",
                                  first.line + 1)
                    : fmt::format("the first declaration is at {}:{}; rename or remove one",
                                  first.file.str(), first.line + 1));
    return false;
  }
  first_seen_.emplace(id.value, id.location);
  names_.push_back(id.value);
  return true;
}

std::optional<std::uint32_t> IdIndex::find(std::string_view id) const {
  const auto it = index_.find(std::string(id));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::uint32_t> CompileContext::resolve(const IdIndex& index, const policy::Text& ref,
                                                     const std::string& code,
                                                     std::string_view section) const {
  if (auto found = index.find(ref.value)) return found;
  auto hint = did_you_mean(ref.value, index.names());
  if (hint.empty()) hint = fmt::format("declare it under '{}:'", section);
  error(code, ref, fmt::format("unknown {} '{}'", index.kind(), ref.value), std::move(hint));
  return std::nullopt;
}

}  // namespace redress::detail
