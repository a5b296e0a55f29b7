// The expression checker's view of a policy being compiled: its facts, categories, currency
// and interned strings.
#pragma once

#include "redress/compile/compiled_policy.hpp"
#include "redress/expr/compiler.hpp"

namespace redress::detail {

class PolicySchema final : public expr::Schema {
 public:
  /// A schema that interns new string literals into `policy` (while compiling it).
  explicit PolicySchema(CompiledPolicy& policy) : policy_(policy), interning_(&policy) {}
  /// A read-only schema over a compiled policy, to re-check expressions it compiled before
  /// (every string literal they mention is interned already; any other gets -1).
  explicit PolicySchema(const CompiledPolicy& policy) : policy_(policy) {}

  std::optional<expr::FactRef> fact(std::string_view name) const override;
  std::vector<std::string> fact_names() const override;
  std::optional<expr::CategoryRef> category(std::string_view id) const override;
  std::vector<std::string> category_names() const override;
  Currency currency() const override { return policy_.currency; }
  std::int64_t intern(std::string_view text) override;

 private:
  const CompiledPolicy& policy_;
  CompiledPolicy* interning_ = nullptr;  ///< null when read-only
};

}  // namespace redress::detail
