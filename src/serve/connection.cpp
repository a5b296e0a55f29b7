#include "serve/connection.hpp"

#include <fmt/format.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <optional>

namespace redress::serve {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using Clock = std::chrono::steady_clock;

constexpr std::uint32_t kMaxHeaderBytes = 64 * 1024;
constexpr std::uint64_t kReadBytes = 64 * 1024;  // the most Beast reads at once
constexpr std::chrono::seconds kLinger{2};       // reading what a refused client still sends

std::string_view view(beast::string_view s) { return {s.data(), s.size()}; }

}  // namespace

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(net::ip::tcp::socket socket, ConnectionContext& context)
      : stream_(std::move(socket)), context_(context) {
    const std::lock_guard lock(context_.mutex);
    context_.open.insert(this);
  }
  ~Connection() {
    leave_flight();
    const std::lock_guard lock(context_.mutex);
    context_.open.erase(this);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_header(); });
  }

  // On the connection's strand: closes it when it waits for a request.
  void close_if_idle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->idle_) self->stream_.socket().cancel();
    });
  }

 private:
  void read_header() {
    if (context_.stopping.load()) return close();
    parser_.emplace();
    parser_->header_limit(kMaxHeaderBytes);
    parser_->body_limit(context_.options.max_body_bytes);
    idle_ = true;
    stream_.expires_after(context_.options.idle_timeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    idle_ = false;
    started_ = Clock::now();
    if (ec == beast::error::timeout) {
      if (buffer_.size() == 0 && !parser_->got_some()) return close();  // an idle keep-alive
      return timed_out("the request's header did not arrive in time");
    }
    if (ec == http::error::end_of_stream || ec == net::error::operation_aborted ||
        ec == net::error::eof || ec == net::error::connection_reset) {
      return close();
    }
    if (ec == http::error::body_limit) return refuse(too_large());  // by its Content-Length
    if (ec) return refuse(bad_http(ec));
    if (context_.in_flight.fetch_add(1) >= context_.options.max_in_flight) {
      context_.in_flight.fetch_sub(1);
      auto response = request_error(503, "request.unavailable",
                                    "the server is answering as many requests as it may",
                                    "retry after the delay in Retry-After");
      response.headers.emplace_back("Retry-After", "1");
      return refuse(std::move(response));
    }
    in_flight_ = true;
    stream_.expires_after(context_.options.request_timeout);
    const auto& header = parser_->get();
    if (beast::iequals(header[http::field::expect], "100-continue")) {
      continue_.emplace(http::status::continue_, header.version());
      return http::async_write(stream_, *continue_,
                               [self = shared_from_this()](beast::error_code e, std::size_t) {
                                 if (e) return self->close();
                                 self->read_body();
                               });
    }
    read_body();
  }

  void read_body() {
    // Beast reads at most the buffer's free capacity at once (512 bytes when it has none): a
    // body of 300 kB came in 600 reads, each a system call, a timer reset and an epoll update.
    // A connection sending a large body gets room for 64 kB reads (Beast's largest) instead.
    const auto length = parser_->content_length();
    if (!length || *length > buffer_.capacity() - buffer_.size()) {
      buffer_.reserve(buffer_.size() +
                      std::min<std::uint64_t>(length.value_or(kReadBytes), kReadBytes));
    }
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_body(ec); });
  }

  void on_body(beast::error_code ec) {
    if (ec == http::error::body_limit) return refuse(too_large());  // chunked
    if (ec == beast::error::timeout) {
      return timed_out("the request's body did not arrive in time");
    }
    if (ec == http::error::end_of_stream || ec == net::error::eof ||
        ec == net::error::connection_reset || ec == net::error::operation_aborted) {
      return close();
    }
    if (ec) return refuse(bad_http(ec));

    const auto& message = parser_->get();
    const auto target = view(message.target());
    const auto question = target.find('?');
    Request request;
    request.method = view(message.method_string());
    request.path = target.substr(0, question);
    request.query = question == std::string_view::npos ? "" : target.substr(question + 1);
    request.content_type = view(message[http::field::content_type]);
    request.authorization = view(message[http::field::authorization]);
    request.body = message.body();
    Response response = context_.service.handle(request);
    respond(std::move(response), message.keep_alive(), message.version());
  }

  Response too_large() const {
    return request_error(413, "request.too_large",
                         fmt::format("the body is larger than {} bytes, the most the server reads",
                                     context_.options.max_body_bytes),
                         "send fewer incidents at once: split a batch into several requests");
  }

  static Response bad_http(beast::error_code ec) {
    return request_error(400, "request.bad_http",
                         fmt::format("the request is not valid HTTP/1.1: {}", ec.message()),
                         "send an HTTP/1.1 request with a valid header");
  }

  // The stream has closed the socket on its deadline: no response can be sent, but the
  // refusal is counted.
  void timed_out(std::string message) {
    context_.service.count(request_error(408, "request.timeout", std::move(message)),
                           std::chrono::duration<double>(Clock::now() - started_).count());
    close();
  }

  // Answers a request that could not be read or admitted, then closes the connection.
  void refuse(Response response) {
    response.close = true;
    context_.service.count(response,
                           std::chrono::duration<double>(Clock::now() - started_).count());
    respond(std::move(response), false, 11);
  }

  void respond(Response response, bool keep_alive, unsigned version) {
    keep_alive = keep_alive && !response.close && !context_.stopping.load();
    response_ = {static_cast<http::status>(response.status), version};
    response_.set(http::field::server, "redress/" REDRESS_VERSION_STRING);
    response_.set(http::field::content_type, response.content_type);
    for (auto& [name, value] : response.headers) response_.set(name, value);
    response_.body() = std::move(response.body);
    response_.keep_alive(keep_alive);
    response_.prepare_payload();
    stream_.expires_after(context_.options.request_timeout);
    http::async_write(stream_, response_,
                      [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                        self->leave_flight();
                        if (ec) return self->close();
                        if (!keep_alive) return self->linger();
                        self->read_header();
                      });
  }

  void leave_flight() {
    if (in_flight_) {
      in_flight_ = false;
      context_.in_flight.fetch_sub(1);
    }
  }

  // Closes after a last response: stops sending, then reads and drops what the client may
  // still send for a while, so that the close does not reset the connection before the
  // client has read the response.
  void linger() {
    beast::error_code ignored;
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kLinger);
    drain();
  }

  void drain() {
    stream_.async_read_some(net::buffer(drain_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->close();
                              self->drain();
                            });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  ConnectionContext& context_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::response<http::empty_body>> continue_;
  http::response<http::string_body> response_;
  std::array<char, 4096> drain_{};
  Clock::time_point started_ = Clock::now();
  bool idle_ = false;       // waiting for a request's header
  bool in_flight_ = false;  // counted in context_.in_flight
};

void ConnectionContext::close_idle() {
  std::vector<std::shared_ptr<Connection>> connections;
  {
    const std::lock_guard lock(mutex);
    for (auto* connection : open) {
      if (auto alive = connection->weak_from_this().lock()) connections.push_back(alive);
    }
  }
  for (const auto& connection : connections) connection->close_if_idle();
}

void serve_connection(boost::asio::ip::tcp::socket socket, ConnectionContext& context) {
  std::make_shared<Connection>(std::move(socket), context)->start();
}

}  // namespace redress::serve
