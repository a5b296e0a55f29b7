#include "serve/http.hpp"

#include <algorithm>
#include <cctype>

#include "redress/io/diagnostics_writer.hpp"

namespace redress::serve {

namespace {

// What follows `name` in the query's first `name` pair: "" for `name` alone, "=value"
// otherwise; nullopt when the query has none.
std::optional<std::string_view> after_name(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.substr(0, pair.find('=')) == name) return pair.substr(name.size());
  }
  return std::nullopt;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded: "%XX" is a byte, "+" a space; a '%' not followed by two
// hex digits stays as written.
std::string percent_decoded(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 &&
               hex_digit(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

bool Request::flag(std::string_view name) const {
  const auto rest = after_name(query, name);
  return rest && (rest->empty() || *rest == "=true" || *rest == "=1");
}

std::optional<std::string> Request::param(std::string_view name) const {
  const auto rest = after_name(query, name);
  if (!rest) return std::nullopt;
  return percent_decoded(rest->empty() ? *rest : rest->substr(1));
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
