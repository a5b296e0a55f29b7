#include "serve/http.hpp"

#include <algorithm>
#include <cctype>

#include "redress/io/diagnostics_writer.hpp"

namespace redress::serve {

bool Request::flag(std::string_view name) const {
  std::string_view rest = query;
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const auto pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    const auto eq = pair.find('=');
    if (pair.substr(0, eq) != name) continue;
    if (eq == std::string_view::npos) return true;
    const auto value = pair.substr(eq + 1);
    return value == "true" || value == "1";
  }
  return false;
}

std::string Request::media_type() const {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  std::string out(type);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Response diagnostics_response(int status, const Diagnostics& diagnostics) {
  Response response;
  response.status = status;
  response.body = "{\"diagnostics\":" + io::to_json(diagnostics) + "}\n";
  for (const auto& d : diagnostics.items()) {
    if (d.severity == Severity::error) {
      response.error_code = d.code;
      break;
    }
  }
  if (response.error_code.empty() && !diagnostics.items().empty()) {
    response.error_code = diagnostics.items().front().code;
  }
  return response;
}

Response request_error(int status, std::string_view code, std::string message, std::string hint) {
  Diagnostics diagnostics;
  diagnostics.error(std::string(code), {"<request>", -1, -1}, std::move(message), std::move(hint));
  return diagnostics_response(status, diagnostics);
}

std::string_view reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Entity";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "";
  }
}

}  // namespace redress::serve
