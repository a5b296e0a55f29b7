#include "serve/router.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <string>

namespace redress::serve {

Response Router::dispatch(const Request& request) const {
  std::string allowed;
  for (const auto& route : routes_) {
    if (route.path != request.path) continue;
    if (route.method != request.method) {
      allowed += allowed.empty() ? "" : ", ";
      allowed += route.method;
      continue;
    }
    if (!route.accepts.empty()) {
      const auto type = request.media_type();
      if (std::find(route.accepts.begin(), route.accepts.end(), type) == route.accepts.end()) {
        return request_error(
            415, "request.media_type",
            fmt::format("{} {} does not accept a body of type '{}'", request.method, request.path,
                        type.empty() ? std::string("(none)") : type),
            fmt::format("send Content-Type: {}", fmt::join(route.accepts, " or ")));
      }
    }
    try {
      return route.handle(request);
    } catch (const std::exception& e) {
      return request_error(500, "decide.internal",
                           fmt::format("the request failed unexpectedly: {}", e.what()));
    }
  }
  if (!allowed.empty()) {
    auto response =
        request_error(405, "request.method_not_allowed",
                      fmt::format("{} does not answer {}", request.path, request.method),
                      fmt::format("use {}", allowed));
    response.headers.emplace_back("Allow", allowed);
    return response;
  }
  std::vector<std::string_view> paths;
  for (const auto& route : routes_) {
    if (std::find(paths.begin(), paths.end(), route.path) == paths.end()) {
      paths.push_back(route.path);
    }
  }
  return request_error(404, "request.not_found", fmt::format("no endpoint at '{}'", request.path),
                       fmt::format("the endpoints are {}", fmt::join(paths, ", ")));
}

std::string_view Router::label(const Request& request) const {
  for (const auto& route : routes_) {
    if (route.path == request.path) return route.path;
  }
  return "other";
}

}  // namespace redress::serve
