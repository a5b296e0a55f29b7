// State shared by the compilation stages: the spec, the policy being built, the diagnostics,
// and the id registries that turn names into indices.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "redress/compile/compiled_policy.hpp"
#include "redress/diag/diagnostic.hpp"
#include "redress/policy/spec.hpp"

namespace redress::detail {

/// Ids of one kind of element (remedies, roles, ...) in declaration order.
class IdIndex {
 public:
  explicit IdIndex(std::string kind) : kind_(std::move(kind)) {}
  /// Registers an id; reports policy.duplicate_id (and returns false) when it is taken.
  bool add(const policy::Text& id, std::uint32_t index, Diagnostics& diags);
  [[nodiscard]] std::optional<std::uint32_t> find(std::string_view id) const;
  [[nodiscard]] const std::vector<std::string>& names() const { return names_; }
  [[nodiscard]] const std::string& kind() const { return kind_; }

 private:
  std::string kind_;
  std::unordered_map<std::string, std::uint32_t> index_;
  std::unordered_map<std::string, SourceLocation> first_seen_;
  std::vector<std::string> names_;
};

struct CompileContext {
  const policy::PolicySpec& spec;
  CompiledPolicy& out;
  Diagnostics& diags;
  IdIndex remedies{"remedy"};
  IdIndex steps{"communication step"};
  IdIndex departments{"department"};
  IdIndex roles{"role"};
  IdIndex rules{"rule"};
  IdIndex calendars{"calendar"};

  void error(std::string code, const policy::Text& where, std::string message,
             std::string hint = {}) const {
    diags.error(std::move(code), where.location, std::move(message), std::move(hint));
  }
  /// Resolves a reference; reports `code` ("policy.unknown_remedy", ...) with a did-you-mean.
  std::optional<std::uint32_t> resolve(const IdIndex& index, const policy::Text& ref,
                                       const std::string& code, std::string_view section) const;
};

// The stages, in the order compile_policy() runs them. Each reports into ctx.diags.
void compile_metadata(CompileContext& ctx);
void compile_taxonomy(CompileContext& ctx);
void compile_facts(CompileContext& ctx);
void compile_catalogues(CompileContext& ctx);
void compile_roles(CompileContext& ctx);
void compile_sla(CompileContext& ctx);
void compile_rules(CompileContext& ctx);
void order_rules(CompileContext& ctx);
void index_rules(CompileContext& ctx);
/// Drops what only compilation needs (the conditions' checked trees) from the policy.
void release_compile_data(CompileContext& ctx);

}  // namespace redress::detail
