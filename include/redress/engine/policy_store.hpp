// A policy store for long-lived servers: lock-free reads of the current compiled policy, and
// reloads that compile off to the side and swap in atomically, or change nothing.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>

#include "redress/compile/compiled_policy.hpp"
#include "redress/compile/compiler.hpp"
#include "redress/diag/diagnostic.hpp"

namespace redress {
namespace detail {

/// A shared pointer that one writer replaces and many readers take, readers without a lock:
/// each thread keeps the pointer it last took with the generation it was taken at, and only
/// when the generation has moved (after a publish) takes a mutex to refresh its copy. An idle
/// thread thus keeps at most one old object alive until its next take().
/// (libstdc++ 12's std::atomic<std::shared_ptr> unlocks its load with a relaxed store, a data
/// race ThreadSanitizer reports; this needs nothing but an atomic counter and a mutex.)
template <typename T>
class SharedSnapshot {
 public:
  explicit SharedSnapshot(std::shared_ptr<T> initial) : value_(std::move(initial)) {}

  /// The current pointer. Lock-free unless a publish happened since this thread's last take.
  [[nodiscard]] std::shared_ptr<T> take() const {
    struct Cache {
      std::uint64_t owner = 0;
      std::uint64_t generation = 0;
      std::shared_ptr<T> value;
    };
    thread_local Cache cache;
    const auto generation = generation_.load(std::memory_order_acquire);
    if (cache.owner == id_ && cache.generation == generation) return cache.value;
    const std::lock_guard lock(mutex_);
    cache.owner = id_;
    cache.generation = generation_.load(std::memory_order_relaxed);
    cache.value = value_;
    return cache.value;
  }

  /// Makes `value` current for every later take().
  void publish(std::shared_ptr<T> value) {
    const std::lock_guard lock(mutex_);
    value_.swap(value);
    generation_.fetch_add(1, std::memory_order_release);
    // The old value is released here, outside no lock a reader needs on its fast path.
  }

 private:
  static std::uint64_t next_id() {
    static std::atomic<std::uint64_t> ids{0};
    return ++ids;
  }

  const std::uint64_t id_ = next_id();  ///< unique per instance, so caches never mix them up
  std::atomic<std::uint64_t> generation_{0};
  mutable std::mutex mutex_;
  std::shared_ptr<T> value_;  ///< guarded by mutex_
};

}  // namespace detail

/// What a reload did.
struct ReloadResult {
  /// True when the new policy is now current. False when it had any error diagnostic (or could
  /// not be read): the previous policy stays in force, untouched.
  bool applied = false;
  /// Every diagnostic of the new policy (errors, warnings), sorted by location.
  Diagnostics diagnostics;
  /// The identity (id, version, hash) of the policy in force after the call.
  PolicyIdentity current;
};

/// Holds the compiled policy a server decides with.
///
/// Thread-safety: every member function may be called concurrently from any thread.
/// current() takes no lock on its hot path: an atomic load and the copy of a shared pointer
/// (a thread takes a mutex once after each applied reload). Reloads are serialized
/// among themselves (a mutex held only by reload calls), so two racing reloads apply in some
/// order and each result reports the policy it left in force. A caller that took a policy with
/// current() keeps a whole, valid policy for as long as it holds the pointer, even across
/// reloads.
class PolicyStore {
 public:
  /// A store holding `initial`, which must not be null (throws std::invalid_argument).
  explicit PolicyStore(std::shared_ptr<const CompiledPolicy> initial);

  PolicyStore(const PolicyStore&) = delete;
  PolicyStore& operator=(const PolicyStore&) = delete;

  /// The policy in force; never null. Never waits for a reload that is compiling.
  [[nodiscard]] std::shared_ptr<const CompiledPolicy> current() const;

  /// Makes a freshly compiled policy current if it compiled without error; otherwise leaves the
  /// policy in force untouched and returns the diagnostics. Compile off to the side first, e.g.
  /// `store.reload(load_policy_file(path))` (io/load_policy.hpp: a file that cannot be read
  /// gives a `policy.io` error).
  ReloadResult reload(CompileResult compiled);
  /// Makes an already compiled policy current. Throws std::invalid_argument when it is null.
  ReloadResult replace(std::shared_ptr<const CompiledPolicy> policy);

 private:
  ReloadResult apply(std::shared_ptr<const CompiledPolicy> policy, Diagnostics diagnostics);

  detail::SharedSnapshot<const CompiledPolicy> current_;
  std::mutex reload_mutex_;
};

}  // namespace redress
