// The server's counters, in the Prometheus text exposition format (GET /metrics).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "redress/model/decision.hpp"

namespace redress::serve {

/// What became of one incident sent to the server.
enum class Outcome { decided, invalid, failed };

/// Counters updated by many threads without a lock on the success path (atomics), and written
/// out on demand. Thread-safe.
class Metrics {
 public:
  /// Upper bounds of the latency histogram's buckets, in seconds (+Inf is implied).
  static constexpr std::array<double, 14> kBuckets = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5};
  /// The status codes counted one by one; any other is counted as "other".
  static constexpr std::array<int, 13> kStatuses = {200, 400, 401, 403, 404, 405, 408,
                                                    413, 415, 422, 500, 503, 0};

  /// Metrics with one latency histogram per route label (plus "other").
  explicit Metrics(const std::vector<std::string_view>& routes);

  /// Counts incidents by what became of them.
  void decisions(Outcome outcome, std::uint64_t count = 1);
  /// Counts one answered request: its route label, status, time taken and, when it was
  /// refused, its diagnostic code.
  void request(std::string_view route, int status, double seconds, std::string_view error_code);
  /// Counts a policy reload, applied or refused.
  void reload(bool applied);

  /// Every metric, with `policy` as the labels of redress_policy_info.
  [[nodiscard]] std::string render(const PolicyIdentity& policy) const;

 private:
  struct Histogram {
    std::string route;
    std::array<std::atomic<std::uint64_t>, kBuckets.size()> buckets{};  // not cumulative
    std::atomic<std::uint64_t> count{0};
    std::atomic<std::uint64_t> micros{0};  // the sum, in microseconds
  };

  std::vector<std::unique_ptr<Histogram>> histograms_;  // the last is "other"
  std::array<std::atomic<std::uint64_t>, 3> outcomes_{};
  std::array<std::atomic<std::uint64_t>, kStatuses.size()> statuses_{};
  std::array<std::atomic<std::uint64_t>, 2> reloads_{};  // refused, applied
  mutable std::mutex errors_mutex_;
  std::map<std::string, std::uint64_t, std::less<>> errors_;  // guarded by errors_mutex_
};

}  // namespace redress::serve
