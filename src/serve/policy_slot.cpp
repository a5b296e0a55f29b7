#include "serve/policy_slot.hpp"

#include <chrono>

#include "redress/io/load_policy.hpp"

namespace redress::serve {

Timestamp now_utc() {
  const auto now = std::chrono::system_clock::now();
  return {std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count(), 0};
}

PolicySlot::PolicySlot(std::shared_ptr<const CompiledPolicy> initial, std::string source)
    : store_(initial), info_{std::move(initial), std::move(source), now_utc()} {}

PolicyInfo PolicySlot::info() const {
  const std::lock_guard lock(mutex_);
  return info_;
}

ReloadResult PolicySlot::reload(CompileResult compiled, std::string source) {
  const std::lock_guard lock(mutex_);
  auto policy = compiled.policy;
  auto result = store_.reload(std::move(compiled));
  if (result.applied) info_ = {std::move(policy), std::move(source), now_utc()};
  return result;
}

ReloadResult PolicySlot::reload_file(const std::filesystem::path& file) {
  return reload(load_policy_file(file), file.string());
}

}  // namespace redress::serve
