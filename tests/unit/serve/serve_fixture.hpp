// A server on an ephemeral loopback port for the duration of a test.
#pragma once

#include <memory>
#include <string>

#include "redress/io/load_policy.hpp"
#include "redress/serve/server.hpp"
#include "support/fixtures.hpp"

namespace redress::test {

/// Options for a test server: an ephemeral port, two threads.
inline serve::ServerOptions test_options() {
  serve::ServerOptions options;
  options.port = 0;
  options.threads = 2;
  options.batch_threads = 2;
  return options;
}

/// A started server, stopped and waited for at the end of the scope.
struct RunningServer {
  explicit RunningServer(serve::ServerOptions options = test_options(),
                         CompileResult policy = load_default_policy())
      : server(std::make_unique<serve::Server>(std::move(policy), std::move(options))) {
    server->start();
  }
  ~RunningServer() {
    server->stop();
    server->wait();
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  [[nodiscard]] std::uint16_t port() const { return server->port(); }

  std::unique_ptr<serve::Server> server;
};

/// The sample incident every endpoint test decides (YAML, as a host may send it).
inline std::string sample_incident() {
  return read_file(source_dir() / "examples/incidents/angry-flight-delay.yaml");
}

}  // namespace redress::test
