// The policy a server decides with: the engine's PolicyStore, and what GET /v1/policy reports
// of the policy in force (where it came from, when it was loaded).
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "redress/compile/compiler.hpp"
#include "redress/engine/policy_store.hpp"
#include "redress/model/time.hpp"

namespace redress::serve {

/// The policy in force and its provenance, as one consistent value.
struct PolicyInfo {
  std::shared_ptr<const CompiledPolicy> policy;
  std::string source;   ///< "built-in", a path, or "PUT /v1/policy"
  Timestamp loaded_at;  ///< when it became current (UTC)
};

/// The current time, in UTC, to the second.
Timestamp now_utc();

/// A PolicyStore with provenance. Thread-safe: reloads are serialized, current() is the
/// store's lock-free read.
class PolicySlot {
 public:
  PolicySlot(std::shared_ptr<const CompiledPolicy> initial, std::string source);

  /// The policy in force (lock-free on the hot path).
  [[nodiscard]] std::shared_ptr<const CompiledPolicy> current() const { return store_.current(); }
  /// The policy in force with its provenance.
  [[nodiscard]] PolicyInfo info() const;
  /// Swaps `compiled` in when it compiled without error, else keeps the policy in force.
  ReloadResult reload(CompileResult compiled, std::string source);
  /// Reads, compiles and swaps in `file`.
  ReloadResult reload_file(const std::filesystem::path& file);

  [[nodiscard]] PolicyStore& store() { return store_; }

 private:
  PolicyStore store_;
  mutable std::mutex mutex_;  // serializes reloads, guards info_
  PolicyInfo info_;
};

}  // namespace redress::serve
