#include "serve/openapi.hpp"

#include <nlohmann/json.hpp>

#include <string_view>

namespace redress::embedded {
std::string_view incident_schema();
std::string_view decision_schema();
}  // namespace redress::embedded

namespace redress::serve {
namespace {

using nlohmann::json;

json ref(std::string_view schema) {
  return {{"$ref", "#/components/schemas/" + std::string(schema)}};
}

// The schemas written here: the documents the server adds to the incident and the decision.
json own_schemas() {
  json diagnostic = {
      {"type", "object"},
      {"required", {"code", "severity", "file", "line", "column", "message", "hint"}},
      {"properties",
       {{"code", {{"type", "string"}, {"description", "stable code, see rules/README.md"}}},
        {"severity", {{"enum", {"error", "warning", "info"}}}},
        {"file", {{"type", "string"}}},
        {"line", {{"type", {"integer", "null"}}, {"minimum", 1}}},
        {"column", {{"type", {"integer", "null"}}, {"minimum", 1}}},
        {"message", {{"type", "string"}}},
        {"hint", {{"type", "string"}}}}}};
  json diagnostics = {
      {"type", "object"},
      {"required", {"diagnostics"}},
      {"properties", {{"diagnostics", {{"type", "array"}, {"items", diagnostic}}}}}};
  json identity = {{"type", "object"},
                   {"required", {"id", "version", "hash", "loaded_at", "source"}},
                   {"properties",
                    {{"id", {{"type", "string"}}},
                     {"version", {{"type", "string"}}},
                     {"hash", {{"type", "string"}, {"pattern", "^sha256:[0-9a-f]{64}$"}}},
                     {"loaded_at", {{"type", "string"}, {"format", "date-time"}}},
                     {"source", {{"type", "string"}}}}}};
  json lines = {{"type", "string"},
                {"description",
                 "JSON lines: one document a line. In: one incident a line. Out: one line per "
                 "input line, in order: its decision, or its error record "
                 "{\"line\", \"error\": {\"code\", \"message\"}, \"diagnostics\"}."}};
  json text = {{"type", "string"}};
  json replay_request = {
      {"type", "object"},
      {"required", {"candidate", "cases"}},
      {"additionalProperties", false},
      {"properties",
       {{"candidate", {{"type", "string"}, {"description", "the candidate policy's YAML"}}},
        {"cases", {{"type", "array"}, {"items", ref("Incident")}}}}}};
  json policy_identity = {{"type", "object"},
                          {"required", {"id", "version", "hash"}},
                          {"properties",
                           {{"id", {{"type", "string"}}},
                            {"version", {{"type", "string"}}},
                            {"hash", {{"type", "string"}}},
                            {"diagnostics", {{"type", "array"}, {"items", diagnostic}}}}}};
  json replay_result = {
      {"type", "object"},
      {"required", {"baseline", "candidate", "summary", "cases"}},
      {"properties",
       {{"baseline", policy_identity},
        {"candidate", policy_identity},
        {"summary",
         {{"type", "object"}, {"description", "what `redress replay --summary-json` writes"}}},
        {"cases",
         {{"type", "array"},
          {"description",
           "one record per case, in order, as the lines `redress replay` writes: "
           "{\"line\", \"incident\", \"status\": \"unchanged\"}, with \"changes\" when "
           "\"changed\", or an error record"},
          {"items", {{"type", "object"}}}}}}}};
  return {{"Diagnostics", diagnostics},
          {"PolicyInfo", identity},
          {"JsonLines", lines},
          {"Text", text},
          {"ReplayRequest", replay_request},
          {"ReplayResult", replay_result}};
}

json operation(const Route& route) {
  json op = {{"summary", route.summary}};
  if (!route.request_schema.empty()) {
    json content;
    for (const auto type : route.accepts) {
      content[std::string(type)] = {{"schema", ref(route.request_schema)}};
    }
    op["requestBody"] = {{"required", true}, {"content", content}};
  }
  for (const auto& param : route.query) {
    op["parameters"].push_back({{"name", param.name},
                                {"in", "query"},
                                {"description", param.description},
                                {"schema", {{"type", param.type}}}});
  }
  json ok = {{"description", "success"}};
  if (!route.response_schema.empty()) {
    ok["content"] = {{std::string(route.response_type), {{"schema", ref(route.response_schema)}}}};
  }
  json refused = {{"description", "refused, with its diagnostics"},
                  {"content", {{"application/json", {{"schema", ref("Diagnostics")}}}}}};
  op["responses"] = {{"200", ok}, {"4XX", refused}, {"5XX", refused}};
  return op;
}

}  // namespace

std::string openapi_document(const std::vector<Route>& routes) {
  json schemas = own_schemas();
  for (auto [name, text] : {std::pair{"Incident", embedded::incident_schema()},
                            std::pair{"Decision", embedded::decision_schema()}}) {
    auto schema = json::parse(text);
    schema.erase("$schema");  // the document's dialect is JSON Schema 2020-12 already
    schemas[name] = std::move(schema);
  }
  json paths = json::object();
  for (const auto& route : routes) {
    std::string method(route.method);
    for (auto& c : method) c = static_cast<char>(c - 'A' + 'a');
    paths[std::string(route.path)][method] = operation(route);
  }
  json document = {
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "redress decision service"},
        {"version", REDRESS_VERSION_STRING},
        {"description",
         "Decides how to put things right after a service failure, with the policy in force."}}},
      {"jsonSchemaDialect", "https://json-schema.org/draft/2020-12/schema"},
      {"paths", paths},
      {"components", {{"schemas", schemas}}}};
  return document.dump(2) + "\n";
}

}  // namespace redress::serve
