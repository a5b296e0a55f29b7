// A request and a response as the routes see them: plain values, so that only the connection
// code knows the HTTP library.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "redress/diag/diagnostic.hpp"

namespace redress::serve {

/// One HTTP request, its views valid while the connection handles it.
struct Request {
  std::string_view method;         ///< "GET", "POST", ...
  std::string_view path;           ///< the target before '?'
  std::string_view query;          ///< the target after '?', without it
  std::string_view content_type;   ///< the Content-Type header, as sent
  std::string_view authorization;  ///< the Authorization header, as sent
  std::string_view body;

  /// True when the query has `name=true` or `name=1` (or `name` alone).
  [[nodiscard]] bool flag(std::string_view name) const;
  /// The value of the query's first `name=value`, percent-decoded ("remedy%3Arefund" is
  /// "remedy:refund"); empty when the query has no `name`, "" for `name` alone or `name=`.
  [[nodiscard]] std::optional<std::string> param(std::string_view name) const;
  /// The media type of content_type, lowercased, without parameters ("application/json").
  [[nodiscard]] std::string media_type() const;
};

/// One HTTP response.
struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  ///< beyond Content-Type
  /// The diagnostic code of a refused request (counted in the metrics by code); empty on success.
  std::string error_code;
  bool close = false;  ///< close the connection after this response
};

/// A response carrying `diagnostics` as the CLI writes them in JSON
/// ({"diagnostics": [{"code", "severity", "file", "line", "column", "message", "hint"}]}),
/// with the first error's code as error_code.
Response diagnostics_response(int status, const Diagnostics& diagnostics);
/// A response carrying one error diagnostic about the request itself (file "<request>").
Response request_error(int status, std::string_view code, std::string message,
                       std::string hint = {});

/// The reason phrase of an HTTP status code ("Not Found").
std::string_view reason(int status);

}  // namespace redress::serve
