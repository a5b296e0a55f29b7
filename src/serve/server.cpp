#include "redress/serve/server.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <csignal>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <vector>

#include "serve/connection.hpp"
#include "serve/service.hpp"

namespace redress::serve {
namespace detail {

// What the watch compares: a file changed when either differs.
struct FileStamp {
  std::filesystem::file_time_type time{};
  std::uintmax_t size = 0;
  friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

FileStamp stamp(const std::filesystem::path& path) {
  std::error_code ignored;
  return {std::filesystem::last_write_time(path, ignored),
          std::filesystem::file_size(path, ignored)};
}

}  // namespace detail

namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;

unsigned thread_count(unsigned asked) {
  if (asked > 0) return asked;
  const unsigned cores = std::thread::hardware_concurrency();
  return cores > 0 ? cores : 1;
}

std::vector<std::unique_ptr<net::io_context>> make_contexts(unsigned threads) {
  std::vector<std::unique_ptr<net::io_context>> ios;
  for (unsigned i = 0; i < threads; ++i) ios.push_back(std::make_unique<net::io_context>(1));
  return ios;
}

std::vector<net::executor_work_guard<net::io_context::executor_type>> guard_each(
    const std::vector<std::unique_ptr<net::io_context>>& ios) {
  std::vector<net::executor_work_guard<net::io_context::executor_type>> guards;
  for (const auto& io : ios) guards.push_back(net::make_work_guard(*io));
  return guards;
}

}  // namespace

struct Server::Impl {
  Impl(CompileResult initial, ServerOptions opts)
      : options(std::move(opts)),
        threads(thread_count(options.threads)),
        service(std::move(initial), options),
        context(service, options),
        ios(make_contexts(threads)),
        control(ios.front()->get_executor()),
        acceptor(control),
        signals(control),
        watch(control) {
    listen();
    accept();
    if (options.handle_signals) {
      signals.add(SIGTERM);
      signals.add(SIGINT);
      signals.add(SIGHUP);
      await_signal();
    }
    if (options.watch_interval.count() > 0 && !options.policy_file.empty()) {
      watched = detail::stamp(options.policy_file);
      await_watch();
    }
  }

  void listen() {
    boost::system::error_code ec;
    const auto address = net::ip::make_address(options.address, ec);
    if (ec) {
      throw std::invalid_argument("'" + options.address + "' is not an IPv4 or IPv6 address");
    }
    const tcp::endpoint endpoint(address, options.port);
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (!ec) port = acceptor.local_endpoint(ec).port();
    if (!ec) return;
    throw std::system_error(
        ec.value(), std::system_category(),
        "cannot listen on " + options.address + ":" + std::to_string(options.port));
  }

  // Connections go to the threads' contexts in turn.
  void accept() {
    auto& io = *ios[next_context++ % ios.size()];
    acceptor.async_accept(
        net::make_strand(io), [this](boost::system::error_code ec, tcp::socket socket) {
          if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
          if (!ec) {
            boost::system::error_code ignored;
            socket.set_option(tcp::no_delay(true), ignored);
            serve_connection(std::move(socket), context);
          }
          accept();  // an accept error (out of descriptors) is not the end of the server
        });
  }

  void await_signal() {
    signals.async_wait([this](boost::system::error_code ec, int signal) {
      if (ec) return;
      if (signal == SIGHUP) {
        reload_elsewhere();
        return await_signal();
      }
      shut_down();
    });
  }

  void await_watch() {
    watch.expires_after(options.watch_interval);
    watch.async_wait([this](boost::system::error_code ec) {
      if (ec || context.stopping.load()) return;
      const auto now = detail::stamp(options.policy_file);
      if (!(now == watched)) {
        watched = now;
        reload_elsewhere();
      }
      await_watch();
    });
  }

  // Compiles the new policy on any server thread, so that the control strand (accepting,
  // signals, the watch) does not wait for the compiler.
  void reload_elsewhere() {
    net::post(*ios[ios.size() > 1 ? 1 : 0], [this] { report(service.reload()); });
  }

  void report(const ReloadResult& result) const {
    if (options.on_reload) options.on_reload(result);
  }

  // On an io thread: stop accepting, drain, close idle connections; run() returns once the
  // connections in progress have answered.
  void shut_down() {
    if (context.stopping.exchange(true)) return;
    service.draining();
    boost::system::error_code ignored;
    acceptor.close(ignored);
    signals.cancel(ignored);
    watch.cancel();
    context.close_idle();
    for (auto& guard : keep_running) guard.reset();
  }

  // A handler that throws (it should not: handlers answer 500 instead) loses its own
  // connection, never the thread or the server.
  void serve(net::io_context& io) {
    for (;;) {
      try {
        io.run();
        return;
      } catch (const std::exception&) {
      }
    }
  }

  void finish() {
    for (auto& t : pool) {
      if (t.joinable()) t.join();
    }
    pool.clear();
    service.sync_log();
  }

  ServerOptions options;
  unsigned threads;
  Service service;
  ConnectionContext context;
  // One context a thread, each run by its own thread: a connection's requests never wake
  // another thread (with one context shared by every thread, each request cost a futex wake).
  // The first context also runs the control strand.
  std::vector<std::unique_ptr<net::io_context>> ios;
  // Each context's run() would return as soon as it has no connection: until shut_down().
  std::vector<net::executor_work_guard<net::io_context::executor_type>> keep_running =
      guard_each(ios);
  std::size_t next_context = 0;  // on the control strand
  // Accepting, signals, the watch and shut_down() run on this strand, one at a time: a timer
  // or an accept is never re-armed after shut_down() cancelled it.
  net::strand<net::io_context::executor_type> control;
  tcp::acceptor acceptor;
  net::signal_set signals;
  net::steady_timer watch;
  detail::FileStamp watched;
  std::uint16_t port = 0;
  std::vector<std::thread> pool;
  std::mutex run_mutex;  // serializes start(), run(), wait()
};

Server::Server(CompileResult initial, ServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(initial), std::move(options))) {}

Server::~Server() {
  stop();
  wait();
}

std::uint16_t Server::port() const { return impl_->port; }

void Server::start() {
  const std::lock_guard lock(impl_->run_mutex);
  for (auto& io : impl_->ios) {
    impl_->pool.emplace_back([this, &io] { impl_->serve(*io); });
  }
}

void Server::run() {
  {
    const std::lock_guard lock(impl_->run_mutex);
    for (std::size_t i = 1; i < impl_->ios.size(); ++i) {
      impl_->pool.emplace_back([this, &io = impl_->ios[i]] { impl_->serve(*io); });
    }
  }
  impl_->serve(*impl_->ios.front());
  wait();
}

void Server::stop() {
  net::post(impl_->control, [impl = impl_.get()] { impl->shut_down(); });
}

void Server::wait() {
  const std::lock_guard lock(impl_->run_mutex);
  impl_->finish();
}

ReloadResult Server::reload() { return impl_->service.reload(); }

PolicyStore& Server::store() { return impl_->service.slot().store(); }

}  // namespace redress::serve
