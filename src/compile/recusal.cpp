// Recusal: `policy.recusal` and the `recusal: required` action, which require the case's owner
// to be a role not involved in the matter.
#include <fmt/format.h>

#include "compile/context.hpp"

namespace redress::detail {

void compile_recusal(CompileContext& ctx) {
  const auto& recusal = ctx.spec.metadata.recusal;
  if (recusal.value.empty() || recusal.value == "none") return;
  if (recusal.value == "required") {
    ctx.out.recusal_required = true;
    return;
  }
  ctx.error("policy.bad_value", recusal,
            fmt::format("'{}' is not a recusal setting; use required or none", recusal.value),
            "recusal: required makes every case's owner a role not involved in the matter "
            "(the incident's 'involved')");
}

std::optional<ActionInfo> compile_recusal_action(CompileContext& ctx,
                                                 const policy::ActionSpec& spec,
                                                 ActionInfo action) {
  if (spec.target.value != "required") {
    ctx.error(
        "policy.bad_value", spec.target,
        fmt::format("'recusal: {}' is not an action; write 'recusal: required'", spec.target.value),
        "the rule then requires an owner not involved in the matter");
    return std::nullopt;
  }
  action.target = 0;
  return action;
}

}  // namespace redress::detail
