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
  IdIndex clocks{"clock"};
  IdIndex commitments{"commitment"};

  void error(std::string code, const policy::Text& where, std::string message,
             std::string hint = {}) const {
    diags.error(std::move(code), where.location, std::move(message), std::move(hint));
  }
  /// Resolves a reference; reports `code` ("policy.unknown_remedy", ...) with a did-you-mean.
  std::optional<std::uint32_t> resolve(const IdIndex& index, const policy::Text& ref,
                                       const std::string& code, std::string_view section) const;
};

/// The texts per policy locale (CompiledPolicy::locales order): a missing translation falls
/// back to the default locale's text, else to the first text given, with a policy.missing_text
/// warning naming `key` (the YAML key the texts are under). Empty when `texts` is.
std::vector<std::string> localized(CompileContext& ctx, const policy::LocalizedText& texts,
                                   const policy::Text& owner, std::string_view key = "text");

/// The dates an `effective:` map gives (nullopt, and errors, when malformed or when there is
/// none); sets CompiledPolicy::dated when there is one.
std::optional<EffectiveWindow> compile_effective(CompileContext& ctx,
                                                 const policy::EffectiveSpec& spec);
/// "in force from 2026-01-01 until 2027-01-01", for traces and messages.
std::string describe(const EffectiveWindow& window);

// The stages, in the order compile_policy() runs them. Each reports into ctx.diags.
void compile_metadata(CompileContext& ctx);
void compile_taxonomy(CompileContext& ctx);
void compile_facts(CompileContext& ctx);
void compile_catalogues(CompileContext& ctx);
void compile_roles(CompileContext& ctx);
void compile_caps(CompileContext& ctx);  ///< after compile_metadata (currency)
void compile_sla(CompileContext& ctx);
void compile_clocks(CompileContext& ctx);  ///< after compile_sla (calendars)
/// The `commitments:` catalogue and `policy.recusal` (after compile_sla and compile_roles).
void compile_commitments(CompileContext& ctx);
void compile_recusal(CompileContext& ctx);
/// `commit: ID` and `recusal: required` actions of a rule.
std::optional<ActionInfo> compile_commit_action(CompileContext& ctx, const policy::ActionSpec& spec,
                                                ActionInfo action);
std::optional<ActionInfo> compile_recusal_action(CompileContext& ctx,
                                                 const policy::ActionSpec& spec, ActionInfo action);
void compile_rules(CompileContext& ctx);
void order_rules(CompileContext& ctx);
void index_rules(CompileContext& ctx);
/// Drops what only compilation needs (the conditions' checked trees) from the policy.
void release_compile_data(CompileContext& ctx);

}  // namespace redress::detail
