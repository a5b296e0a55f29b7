// Invariants: expressions over an incident and its decision, in the policy expression language.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "redress/compile/compiled_policy.hpp"
#include "redress/expr/compiler.hpp"
#include "redress/model/decision.hpp"
#include "redress/model/incident.hpp"

namespace redress::testing::detail {

/// The names an invariant reads: every fact of the policy (derived facts and `priority` at the
/// values the decision gave them), then the decision's own (invariant_names() lists them).
class InvariantSchema final : public expr::Schema {
 public:
  explicit InvariantSchema(const CompiledPolicy& policy);
  std::optional<expr::FactRef> fact(std::string_view name) const override;
  std::vector<std::string> fact_names() const override;
  std::optional<expr::CategoryRef> category(std::string_view id) const override;
  std::vector<std::string> category_names() const override;
  Currency currency() const override { return policy_.currency; }
  std::int64_t intern(std::string_view text) override;

  /// The slots a compiled invariant reads for `incident` and its `decision`.
  std::vector<std::int64_t> slots(const Incident& incident, const Decision& decision) const;

 private:
  struct Extra {
    std::string name;
    expr::Type type;
    std::function<std::int64_t(const Decision&)> value;
  };
  const CompiledPolicy& policy_;
  std::deque<expr::EnumType> enums_;  // roles, remedies, departments (stable addresses)
  std::vector<Extra> extras_;
  std::map<std::string, std::int64_t, std::less<>> fresh_;  // strings the policy never names
};

/// The decision's names an invariant may read, with their types, for the documentation and
/// the hint of an unknown name: "compensation_total (money), ...".
std::string invariant_names();

}  // namespace redress::testing::detail
