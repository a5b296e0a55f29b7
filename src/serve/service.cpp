#include "serve/service.hpp"

#include <chrono>
#include <stdexcept>

#include "serve/openapi.hpp"

namespace redress::serve {
namespace {

std::vector<std::string_view> labels(const std::vector<Route>& routes) {
  std::vector<std::string_view> out;
  for (const auto& route : routes) out.push_back(route.path);
  return out;
}

Response text(int status, std::string body, std::string content_type) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  response.content_type = std::move(content_type);
  return response;
}

}  // namespace

Service::Service(CompileResult initial, const ServerOptions& options)
    : options_(options),
      slot_(initial.policy ? std::move(initial.policy)
                           : throw std::invalid_argument("the server needs a compiled policy"),
            options.policy_source),
      log_(options.decision_log.empty()
               ? nullptr
               : std::make_unique<DecisionLog>(options.decision_log, options.decision_log_max_bytes,
                                               options.decision_log_keep)),
      router_(routes()),
      metrics_(labels(router_.routes())),
      openapi_(openapi_document(router_.routes())) {}

// The one table of endpoints: a new one (replay, explanations) is one more entry.
std::vector<Route> Service::routes() {
  const std::vector<std::string_view> json = {"application/json", "application/yaml",
                                              "application/x-yaml", "text/yaml"};
  const std::vector<std::string_view> lines = {"application/x-ndjson", "application/jsonl"};
  const std::vector<std::string_view> yaml = {"application/yaml", "application/x-yaml",
                                              "text/yaml"};
  auto bind = [this](auto member) {
    return [this, member](const Request& request) { return (this->*member)(request); };
  };
  const QueryParam trace{"trace", "boolean", "add the trace of why"};
  auto fixed = [](std::string body, std::string type) {
    return [body = std::move(body), type = std::move(type)](const Request&) {
      return text(200, body, type);
    };
  };
  return {
      {"POST",
       "/v1/decide",
       json,
       bind(&Service::decide),
       "Decide one incident",
       "Incident",
       "application/json",
       "Decision",
       {trace,
        {"explain", "string",
         "an outcome (owner, priority, remedy:ID, flag:ID, clock:ID, commitment:ID): the "
         "decision gains \"explanation\", the smallest changes of the incident that change it, "
         "as `redress explain --json` writes"}}},
      {"POST",
       "/v1/decide/batch",
       lines,
       bind(&Service::decide_batch),
       "Decide JSON lines, one incident a line, into JSON lines in order",
       "JsonLines",
       "application/x-ndjson",
       "JsonLines",
       {trace}},
      {"POST",
       "/v1/replay",
       {"application/json"},
       bind(&Service::replay),
       "Decide past cases under the policy in force and a candidate policy, and what changed; "
       "needs the admin token",
       "ReplayRequest",
       "application/json",
       "ReplayResult",
       {{"top", "integer", "how many of the largest cost changes the summary lists (10)"}}},
      {"GET",
       "/v1/policy",
       {},
       bind(&Service::get_policy),
       "The policy in force",
       "",
       "application/json",
       "PolicyInfo",
       {}},
      {"PUT",
       "/v1/policy",
       yaml,
       bind(&Service::put_policy),
       "Compile a policy (YAML) and put it in force; needs the admin token",
       "Text",
       "application/json",
       "PolicyInfo",
       {}},
      {"GET",
       "/health/live",
       {},
       fixed("{\"status\":\"live\"}\n", "application/json"),
       "The process answers",
       "",
       "",
       "",
       {}},
      {"GET",
       "/health/ready",
       {},
       bind(&Service::ready),
       "A policy is in force and the server is not draining",
       "",
       "",
       "",
       {}},
      {"GET",
       "/metrics",
       {},
       bind(&Service::metrics),
       "Prometheus metrics",
       "",
       "text/plain",
       "Text",
       {}},
      {"GET",
       "/v1/openapi.json",
       {},
       [this](const Request&) { return text(200, openapi_, "application/json"); },
       "This document",
       "",
       "application/json",
       "",
       {}},
  };
}

Response Service::handle(const Request& request) {
  const auto start = std::chrono::steady_clock::now();
  Response response = router_.dispatch(request);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_.request(router_.label(request), response.status, seconds, response.error_code);
  return response;
}

ReloadResult Service::reload() {
  ReloadResult result;
  if (options_.policy_file.empty()) {
    result.current = slot_.current()->identity;
    result.diagnostics.error("policy.io", {"", -1, -1},
                             "there is no policy file to reload: the server runs the built-in "
                             "policy",
                             "start the server with --policy FILE to reload it");
    return result;
  }
  result = slot_.reload_file(options_.policy_file);
  metrics_.reload(result.applied);
  return result;
}

Response Service::ready(const Request&) const {
  if (draining_.load(std::memory_order_relaxed)) {
    return request_error(503, "request.unavailable", "the server is shutting down",
                         "send the request to another replica");
  }
  return text(200, "{\"status\":\"ready\"}\n", "application/json");
}

Response Service::metrics(const Request&) const {
  return text(200, metrics_.render(slot_.current()->identity),
              "text/plain; version=0.0.4; charset=utf-8");
}

}  // namespace redress::serve
