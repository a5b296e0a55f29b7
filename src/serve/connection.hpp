// One HTTP/1.1 connection: reads requests (with the body limit and the timeouts), admits them
// under the in-flight bound, has the Service answer them and writes the responses, keep-alive.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <unordered_set>

#include <boost/asio/ip/tcp.hpp>

#include "redress/serve/server.hpp"
#include "serve/service.hpp"

namespace redress::serve {

class Connection;

/// What every connection of one server shares. Thread-safe.
struct ConnectionContext {
  ConnectionContext(Service& s, const ServerOptions& o) : service(s), options(o) {}

  Service& service;
  const ServerOptions& options;
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> in_flight{0};  ///< requests admitted and not yet answered

  std::mutex mutex;                      ///< guards `open`
  std::unordered_set<Connection*> open;  ///< connections alive, for stop()

  /// Asks every open connection to close once it is idle (after stop()).
  void close_idle();
};

/// Starts serving an accepted socket; the connection keeps itself alive until it closes.
void serve_connection(boost::asio::ip::tcp::socket socket, ConnectionContext& context);

}  // namespace redress::serve
