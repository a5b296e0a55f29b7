// PolicyStore: the compile happens before the swap, outside any lock readers could see, so a
// reader only ever observes the old whole policy or the new whole policy.
#include "redress/engine/policy_store.hpp"

#include <stdexcept>
#include <utility>

namespace redress {
namespace {

std::shared_ptr<const CompiledPolicy> not_null(std::shared_ptr<const CompiledPolicy> policy) {
  if (!policy) throw std::invalid_argument("PolicyStore needs a policy, got null");
  return policy;
}

}  // namespace

PolicyStore::PolicyStore(std::shared_ptr<const CompiledPolicy> initial)
    : current_(not_null(std::move(initial))) {}

std::shared_ptr<const CompiledPolicy> PolicyStore::current() const { return current_.take(); }

ReloadResult PolicyStore::reload(CompileResult compiled) {
  return apply(std::move(compiled.policy), std::move(compiled.diagnostics));
}

ReloadResult PolicyStore::replace(std::shared_ptr<const CompiledPolicy> policy) {
  if (!policy) throw std::invalid_argument("PolicyStore::replace needs a policy, got null");
  return apply(std::move(policy), {});
}

ReloadResult PolicyStore::apply(std::shared_ptr<const CompiledPolicy> policy,
                                Diagnostics diagnostics) {
  ReloadResult result;
  result.diagnostics = std::move(diagnostics);
  const std::lock_guard lock(reload_mutex_);
  if (policy && !result.diagnostics.has_errors()) {
    current_.publish(std::move(policy));
    result.applied = true;
  }
  result.current = current_.take()->identity;
  return result;
}

}  // namespace redress
