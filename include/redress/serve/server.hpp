// An HTTP decision service: the library's decisions, policy reloads and metrics over HTTP/1.1,
// for hosts that integrate through webhooks rather than by linking (what `redress serve` runs).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "redress/compile/compiler.hpp"
#include "redress/engine/policy_store.hpp"

/// Serving decisions over HTTP: POST /v1/decide, /v1/decide/batch, GET and PUT /v1/policy,
/// health, metrics and the OpenAPI document (see the README's `redress serve` section).
namespace redress::serve {

/// How a Server listens, bounds its work and logs.
struct ServerOptions {
  std::string address = "127.0.0.1";  ///< an IPv4 or IPv6 address to listen on
  std::uint16_t port = 8181;          ///< 0: an ephemeral port (see Server::port())
  unsigned threads = 0;               ///< threads serving connections; 0: one per core
  /// Threads deciding the lines of one /v1/decide/batch request; 0: one per core.
  unsigned batch_threads = 0;
  /// The largest request body read (16 MiB, as the C ABI's input limit); longer is 413.
  std::size_t max_body_bytes = std::size_t{16} * 1024 * 1024;
  /// Requests in progress at once (from their header to their response sent). One more is
  /// answered 503 with Retry-After: it bounds memory to about max_in_flight bodies.
  std::size_t max_in_flight = 256;
  /// How long a connection may wait for a request's header (an idle keep-alive connection is
  /// closed, a half-sent header is answered 408).
  std::chrono::milliseconds idle_timeout{30000};
  /// How long reading a request's body, and writing its response, may take (else 408, closed).
  std::chrono::milliseconds request_timeout{30000};
  /// The token PUT /v1/policy requires as "Authorization: Bearer <token>"; empty: PUT is
  /// refused (403) since no one can be authorized.
  std::string admin_token;
  /// The policy file reload() reads (SIGHUP, --watch); empty: the policy came from elsewhere
  /// (the built-in default) and reload() keeps it.
  std::filesystem::path policy_file;
  /// What GET /v1/policy reports as the source of the first policy ("built-in", a path).
  std::string policy_source = "built-in";
  /// Append every decision's audit record here (JSON lines); empty: no decision log.
  std::filesystem::path decision_log;
  /// Rotate the decision log before it grows past this many bytes (LOG -> LOG.1 -> LOG.2 ...).
  std::uint64_t decision_log_max_bytes = std::uint64_t{100} * 1024 * 1024;
  unsigned decision_log_keep = 5;  ///< rotated files kept beside the log
  /// Check the policy file's modification time this often and reload when it changes; 0: never.
  std::chrono::milliseconds watch_interval{0};
  /// Stop gracefully on SIGTERM and SIGINT and reload on SIGHUP (for a process that is only a
  /// server; an embedding host leaves this off and calls stop() and reload() itself).
  bool handle_signals = false;
  /// Called after each reload by SIGHUP or the watch (on a server thread), to report it.
  std::function<void(const ReloadResult&)> on_reload;
};

/// An HTTP server deciding with a policy held in a PolicyStore. Requests run on
/// options.threads threads; every member function is thread-safe.
class Server {
 public:
  /// A server for `initial` (which must have compiled: throws std::invalid_argument when its
  /// policy is null). Binds and listens at once (throws std::invalid_argument for an address
  /// that is not an IP address, std::system_error when it cannot listen, e.g.
  /// the port is taken); serves once run() or start() is called. Opens the decision log
  /// (throws std::system_error when it cannot).
  Server(CompileResult initial, ServerOptions options);
  ~Server();  ///< stop() and wait, when still running
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// The port listened on (the ephemeral one chosen for port 0).
  [[nodiscard]] std::uint16_t port() const;

  /// Serves on the calling thread and options.threads - 1 more until stop(), then returns
  /// once every request in progress is answered and the decision log is flushed.
  void run();
  /// run() on background threads; returns at once.
  void start();
  /// Stops accepting connections, closes idle ones, lets the requests in progress finish and
  /// closes their connections after the response. Returns at once; run() (or wait()) returns
  /// when the last is answered.
  void stop();
  /// After start(): waits until the server has stopped.
  void wait();

  /// Reads and compiles options.policy_file and swaps it in, or keeps the policy in force when
  /// it does not compile (what SIGHUP does). Without a policy file, changes nothing and says so.
  ReloadResult reload();
  /// The policy store: the policy in force, swapped atomically by reloads.
  [[nodiscard]] PolicyStore& store();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace redress::serve
