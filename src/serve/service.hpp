// What the server does with a request, apart from HTTP: the routes and their handlers over the
// policy slot, the metrics and the decision log. The connection code (connection.cpp) only
// parses requests, calls handle() and writes the response.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "redress/serve/server.hpp"
#include "serve/decision_log.hpp"
#include "serve/metrics.hpp"
#include "serve/policy_slot.hpp"
#include "serve/router.hpp"

namespace redress::serve {

/// The application behind the HTTP server. Thread-safe: handle() runs on many threads.
class Service {
 public:
  /// `initial` must hold a policy. Opens the decision log when options name one.
  Service(CompileResult initial, const ServerOptions& options);

  /// Answers one request, and counts it in the metrics (`seconds` is added to the time the
  /// handler takes, for the time spent reading the request).
  Response handle(const Request& request);
  /// Counts a response the connection made itself (a malformed request, a timeout, 503).
  void count(const Response& response, double seconds) {
    metrics_.request("other", response.status, seconds, response.error_code);
  }

  /// Reloads options.policy_file; counted in the metrics.
  ReloadResult reload();
  /// From now on /health/ready answers 503, so that load balancers drain this replica.
  void draining() { draining_.store(true, std::memory_order_relaxed); }
  /// Writes the decision log through to the disk.
  void sync_log() {
    if (log_) log_->sync();
  }

  [[nodiscard]] PolicySlot& slot() { return slot_; }

 private:
  std::vector<Route> routes();
  Response decide(const Request& request);
  Response decide_batch(const Request& request);
  Response replay(const Request& request);
  Response get_policy(const Request& request) const;
  Response put_policy(const Request& request);
  /// A 401 or 403 unless the request carries the admin token: a policy sent over HTTP may
  /// include files on the server, so only the server's owners may send one.
  std::optional<Response> refuse_without_token(const Request& request) const;
  /// What the `include:` files of a policy sent over HTTP are relative to: the directory of
  /// --policy FILE, so that a policy sent works as it would in place of that file (the working
  /// directory when the server runs the built-in policy).
  std::optional<std::filesystem::path> sent_policy_dir() const;
  Response ready(const Request& request) const;
  Response metrics(const Request& request) const;

  const ServerOptions& options_;
  PolicySlot slot_;
  std::unique_ptr<DecisionLog> log_;
  Router router_;
  Metrics metrics_;
  std::string openapi_;
  std::atomic<bool> draining_{false};
};

/// The JSON of GET /v1/policy: {"id", "version", "hash", "loaded_at", "source"}.
std::string policy_info_json(const PolicyInfo& info);

}  // namespace redress::serve
