// The OpenAPI 3.1 document of the server (GET /v1/openapi.json), made from the route table and
// the JSON Schemas of rules/schema/ (embedded at build time), so it cannot drift from either.
#pragma once

#include <string>
#include <vector>

#include "serve/router.hpp"

namespace redress::serve {

/// The document, pretty-printed JSON.
std::string openapi_document(const std::vector<Route>& routes);

}  // namespace redress::serve
