// A minimal blocking HTTP/1.1 client over loopback for the server's tests: raw sockets, so a
// test can also send half a request, or garbage, and see what the server does.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace redress::test {

/// A response as read off the wire.
struct HttpResponse {
  int status = 0;                              ///< 0: the connection closed before a response
  std::map<std::string, std::string> headers;  ///< names lowercased
  std::string body;
  [[nodiscard]] std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

/// One keep-alive connection to 127.0.0.1:`port`. Not thread-safe: one per thread.
class HttpConnection {
 public:
  explicit HttpConnection(std::uint16_t port);
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  /// Sends a whole request and reads its response.
  HttpResponse request(std::string_view method, std::string_view target, std::string_view body = {},
                       std::string_view content_type = {}, std::string_view extra_headers = {});
  /// Sends raw bytes.
  void send(std::string_view bytes);
  /// Reads one response (status 0 when the connection closes first or `timeout` passes).
  HttpResponse read_response(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  /// True when the server closed the connection within `timeout` (a read gives end of file or
  /// a reset).
  bool closed_within(std::chrono::milliseconds timeout);

 private:
  bool fill(std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
  std::string buffer_;
};

/// One request on a fresh connection.
HttpResponse http(std::uint16_t port, std::string_view method, std::string_view target,
                  std::string_view body = {}, std::string_view content_type = {},
                  std::string_view extra_headers = {});

}  // namespace redress::test
