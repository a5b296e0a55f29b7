// The table of routes: a method and a path to a handler, with the media types it accepts.
// A new endpoint is one more entry (Service::routes()).
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "serve/http.hpp"

namespace redress::serve {

/// A query parameter a route reads, as the OpenAPI document describes it.
struct QueryParam {
  std::string_view name;
  std::string_view type;  ///< a JSON Schema type: "boolean", "string", "integer"
  std::string_view description;
};

/// What answers one method on one path.
struct Route {
  std::string_view method;  ///< "GET", "POST", "PUT"
  std::string_view path;    ///< exact, e.g. "/v1/decide"
  /// Media types of the body accepted (lowercase, no parameters); empty: any, or no body.
  std::vector<std::string_view> accepts;
  std::function<Response(const Request&)> handle;
  // What the OpenAPI document says of the route (openapi.hpp).
  std::string_view summary;
  std::string_view request_schema;   ///< a components.schemas name; empty: no body
  std::string_view response_type;    ///< the media type of a 200 response
  std::string_view response_schema;  ///< a components.schemas name; empty: none given
  std::vector<QueryParam> query;     ///< the query parameters it reads
};

/// Finds a request's route and calls it, or answers 404 (unknown path), 405 (known path, other
/// method; with Allow) or 415 (a media type the route does not accept).
class Router {
 public:
  explicit Router(std::vector<Route> routes) : routes_(std::move(routes)) {}

  /// The response to `request`. A handler's exception is a 500 with decide.internal.
  [[nodiscard]] Response dispatch(const Request& request) const;
  /// The route's path when `request` has one, else "other" (a bounded label for the metrics).
  [[nodiscard]] std::string_view label(const Request& request) const;
  [[nodiscard]] const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace redress::serve
