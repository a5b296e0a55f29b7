// redress serve's endpoints over loopback: each answers what the library decides, and every
// malformed request is a 4xx with the CLI's JSON diagnostics.
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "redress/batch/decide_lines.hpp"
#include "redress/engine/decide.hpp"
#include "redress/io/decision_writer.hpp"
#include "redress/io/incident_reader.hpp"
#include "redress/io/incident_schema.hpp"
#include "unit/serve/http_client.hpp"
#include "unit/serve/serve_fixture.hpp"

namespace r = redress;
namespace t = redress::test;
using nlohmann::json;

namespace {

// What the library decides for `incident` with the default policy, as one JSON line.
std::string library_decision(const std::string& incident, bool trace) {
  const auto loaded = r::load_default_policy();
  const auto read = r::io::read_incident(incident, "x", r::io::incident_schema(*loaded.policy));
  REQUIRE(read.incident);
  const auto decision = r::decide(*loaded.policy, *read.incident, {trace, {}});
  return r::io::to_json(decision, {trace, -1}) + "\n";
}

json first_diagnostic(const t::HttpResponse& response) {
  const auto body = json::parse(response.body);
  REQUIRE(body.at("diagnostics").size() >= 1);
  return body["diagnostics"][0];
}

}  // namespace

TEST_CASE("POST /v1/decide answers the library's decision", "[serve]") {
  t::RunningServer server;
  t::HttpConnection connection(server.port());
  const auto incident = t::sample_incident();
  const auto plain = connection.request("POST", "/v1/decide", incident, "application/yaml");
  CHECK(plain.status == 200);
  CHECK(plain.header("content-type") == "application/json");
  CHECK(plain.body == library_decision(incident, false));
  // The same connection (keep-alive), with the trace.
  const auto traced =
      connection.request("POST", "/v1/decide?trace=true", incident, "application/yaml");
  CHECK(traced.status == 200);
  CHECK(traced.body == library_decision(incident, true));
  CHECK(json::parse(traced.body).contains("trace"));
}

TEST_CASE("POST /v1/decide refuses bad incidents with their diagnostics", "[serve]") {
  t::RunningServer server;
  const auto syntax = t::http(server.port(), "POST", "/v1/decide", "{\"id\": ", "application/json");
  CHECK(syntax.status == 400);
  CHECK(first_diagnostic(syntax)["code"] == "incident.syntax");
  CHECK(first_diagnostic(syntax)["file"] == "<request>");
  CHECK(first_diagnostic(syntax)["line"] == 1);

  const auto invalid = t::http(server.port(), "POST", "/v1/decide", "{\"id\": 7}",
                               "application/json; charset=utf-8");
  CHECK(invalid.status == 422);
  CHECK(first_diagnostic(invalid)["code"] == "incident.wrong_type");
  CHECK(first_diagnostic(invalid)["column"] == 8);

  const auto wrong_type = t::http(server.port(), "POST", "/v1/decide", "{}", "text/plain");
  CHECK(wrong_type.status == 415);
  CHECK(first_diagnostic(wrong_type)["code"] == "request.media_type");
  CHECK(first_diagnostic(wrong_type)["message"].get<std::string>().find("'text/plain'") !=
        std::string::npos);
}

TEST_CASE("POST /v1/decide/batch answers what redress batch writes, line for line", "[serve]") {
  t::RunningServer server;
  const auto lines = t::read_file(t::source_dir() / "tests/data/batch/mixed.jsonl");
  // A small body is decided on the thread serving it, one over 1 MiB on the pipeline's threads.
  std::string large;
  while (large.size() <= (std::size_t{1} << 20)) large += lines;
  for (const std::string* input : {&lines, static_cast<const std::string*>(&large)}) {
    const auto response =
        t::http(server.port(), "POST", "/v1/decide/batch", *input, "application/x-ndjson");
    REQUIRE(response.status == 200);
    CHECK(response.header("content-type") == "application/x-ndjson");

    std::string expected;
    r::batch::DecideLinesOptions options;
    options.file = "<request>";
    const auto result =
        r::batch::decide_lines(*r::load_default_policy().policy, r::batch::Source::buffer(*input),
                               r::batch::Sink::string(expected), options);
    CHECK(response.body == expected);
    CHECK(response.header("x-redress-decided") == std::to_string(result.succeeded()));
    CHECK(response.header("x-redress-failed") == std::to_string(result.failed));
    CHECK(result.failed > 0);
    CHECK(result.succeeded() > 0);
  }
}

TEST_CASE("GET /v1/policy and the health endpoints describe the server", "[serve]") {
  t::RunningServer server;
  const auto policy = t::http(server.port(), "GET", "/v1/policy");
  REQUIRE(policy.status == 200);
  const auto info = json::parse(policy.body);
  const auto identity = r::load_default_policy().policy->identity;
  CHECK(info["id"] == identity.id);
  CHECK(info["version"] == identity.version);
  CHECK(info["hash"] == identity.hash);
  CHECK(info["source"] == "built-in");
  CHECK(info["loaded_at"].get<std::string>().size() == 25);  // RFC 3339 with an offset

  CHECK(t::http(server.port(), "GET", "/health/live").status == 200);
  const auto ready = t::http(server.port(), "GET", "/health/ready");
  CHECK(ready.status == 200);
  CHECK(ready.body == "{\"status\":\"ready\"}\n");
}

TEST_CASE("GET /metrics counts decisions, latencies, errors and names the policy", "[serve]") {
  t::RunningServer server;
  t::HttpConnection connection(server.port());
  CHECK(connection.request("POST", "/v1/decide", t::sample_incident(), "application/yaml").status ==
        200);
  CHECK(connection.request("POST", "/v1/decide", "{", "application/json").status == 400);
  CHECK(connection.request("GET", "/nowhere").status == 404);
  const auto metrics = connection.request("GET", "/metrics");
  REQUIRE(metrics.status == 200);
  CHECK(metrics.header("content-type").rfind("text/plain; version=0.0.4", 0) == 0);
  const auto& text = metrics.body;
  const auto identity = r::load_default_policy().policy->identity;
  CHECK(text.find("redress_policy_info{id=\"default\",version=\"" + identity.version +
                  "\",hash=\"" + identity.hash + "\"} 1\n") != std::string::npos);
  CHECK(text.find("redress_decisions_total{outcome=\"decided\"} 1\n") != std::string::npos);
  CHECK(text.find("redress_decisions_total{outcome=\"invalid\"} 1\n") != std::string::npos);
  CHECK(text.find("redress_request_duration_seconds_count{route=\"/v1/decide\"} 2\n") !=
        std::string::npos);
  CHECK(
      text.find("redress_request_duration_seconds_bucket{route=\"/v1/decide\",le=\"+Inf\"} 2\n") !=
      std::string::npos);
  CHECK(text.find("redress_errors_total{code=\"incident.syntax\"} 1\n") != std::string::npos);
  CHECK(text.find("redress_errors_total{code=\"request.not_found\"} 1\n") != std::string::npos);
  CHECK(text.find("redress_http_responses_total{status=\"404\"} 1\n") != std::string::npos);
  CHECK(text.find("redress_policy_reloads_total{result=\"applied\"} 0\n") != std::string::npos);
}

TEST_CASE("GET /v1/openapi.json documents every route with the JSON Schemas", "[serve]") {
  t::RunningServer server;
  const auto response = t::http(server.port(), "GET", "/v1/openapi.json");
  REQUIRE(response.status == 200);
  const auto document = json::parse(response.body);
  CHECK(document["openapi"] == "3.1.0");
  for (const auto* path : {"/v1/decide", "/v1/decide/batch", "/v1/policy", "/health/live",
                           "/health/ready", "/metrics", "/v1/openapi.json"}) {
    INFO(path);
    CHECK(document["paths"].contains(path));
  }
  CHECK(document["paths"]["/v1/policy"].contains("put"));
  CHECK(document["paths"]["/v1/decide"]["post"]["requestBody"]["content"]["application/json"]
                ["schema"]["$ref"] == "#/components/schemas/Incident");
  // The schemas are the files of rules/schema/, whole.
  for (const auto& [name, file] : {std::pair{"Incident", "incident.schema.json"},
                                   std::pair{"Decision", "decision.schema.json"}}) {
    auto schema = json::parse(t::read_file(t::source_dir() / "rules/schema" / file));
    schema.erase("$schema");
    CHECK(document["components"]["schemas"][name] == schema);
  }
}

TEST_CASE("unknown paths, methods and malformed HTTP are refused with diagnostics", "[serve]") {
  t::RunningServer server;
  const auto missing = t::http(server.port(), "GET", "/v2/decide");
  CHECK(missing.status == 404);
  CHECK(first_diagnostic(missing)["code"] == "request.not_found");

  const auto method = t::http(server.port(), "DELETE", "/v1/policy");
  CHECK(method.status == 405);
  CHECK(method.header("allow") == "GET, PUT");
  CHECK(first_diagnostic(method)["code"] == "request.method_not_allowed");

  t::HttpConnection garbage(server.port());
  garbage.send("GET / HTTP/1.1\r\nHost localhost\r\n\r\n");
  const auto bad = garbage.read_response();
  CHECK(bad.status == 400);
  CHECK(first_diagnostic(bad)["code"] == "request.bad_http");
  CHECK(bad.header("connection") == "close");
  CHECK(garbage.closed_within(std::chrono::seconds(5)));
}

TEST_CASE("a body over the limit is refused with 413 before it is read", "[serve]") {
  auto options = t::test_options();
  options.max_body_bytes = 4096;
  t::RunningServer server(options);
  const std::string big(5000, 'x');
  const auto response = t::http(server.port(), "POST", "/v1/decide", big, "application/json");
  CHECK(response.status == 413);
  CHECK(first_diagnostic(response)["code"] == "request.too_large");
  CHECK(first_diagnostic(response)["message"].get<std::string>().find("4096 bytes") !=
        std::string::npos);
  // The limit is 16 MiB unless told otherwise, as the C ABI's.
  CHECK(r::serve::ServerOptions{}.max_body_bytes == r::io::kMaxIncidentBytes);
}

TEST_CASE("a slow client is cut off, and an idle one closed, at the timeouts", "[serve]") {
  auto options = t::test_options();
  options.idle_timeout = std::chrono::milliseconds(200);
  options.request_timeout = std::chrono::milliseconds(200);
  t::RunningServer server(options);

  t::HttpConnection half_header(server.port());
  half_header.send("POST /v1/decide HTTP/1.1\r\nHost: local");
  CHECK(half_header.closed_within(std::chrono::seconds(5)));

  t::HttpConnection half_body(server.port());
  half_body.send(
      "POST /v1/decide HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 100\r\n\r\n{\"id\"");
  CHECK(half_body.closed_within(std::chrono::seconds(5)));

  t::HttpConnection idle(server.port());
  CHECK(idle.request("GET", "/health/live").status == 200);
  CHECK(idle.closed_within(std::chrono::seconds(5)));

  const auto metrics = t::http(server.port(), "GET", "/metrics").body;
  CHECK(metrics.find("redress_errors_total{code=\"request.timeout\"} 2\n") != std::string::npos);
}

namespace {

// A request whose body has not all come yet, holding the only in-flight place. Its head may
// reach the server while a probe still holds the place (then it is refused and a new one is
// sent), and one probe may be refused while the previous probe's response is being written;
// so the place counts as held once two probes some time apart are both refused.
struct HeldPlace {
  std::unique_ptr<t::HttpConnection> slow;
  t::HttpResponse refused;
};

HeldPlace hold_the_only_place(std::uint16_t port, const std::string& incident) {
  for (int sent = 0; sent < 20; ++sent) {
    auto slow = std::make_unique<t::HttpConnection>(port);
    slow->send(
        "POST /v1/decide HTTP/1.1\r\nHost: x\r\nContent-Type: application/yaml\r\n"
        "Content-Length: " +
        std::to_string(incident.size()) + "\r\n\r\n" + incident.substr(0, 10));
    for (int probe = 0; probe < 50; ++probe) {
      if (t::http(port, "GET", "/health/live").status != 503) continue;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      auto again = t::http(port, "GET", "/health/live");
      if (again.status == 503) return {std::move(slow), std::move(again)};
    }
  }
  FAIL("no request held the in-flight place");
  return {};
}

}  // namespace

TEST_CASE("requests over the in-flight bound are answered 503 with Retry-After", "[serve]") {
  auto options = t::test_options();
  options.max_in_flight = 1;
  t::RunningServer server(options);
  const auto incident = t::sample_incident();
  auto held = hold_the_only_place(server.port(), incident);
  CHECK(held.refused.status == 503);
  CHECK(held.refused.header("retry-after") == "1");
  CHECK(first_diagnostic(held.refused)["code"] == "request.unavailable");
  // The slow request finishes normally, and frees its place.
  held.slow->send(incident.substr(10));
  CHECK(held.slow->read_response().status == 200);
  int status = 0;  // the place is freed once the response is written, a moment after it is read
  for (int attempt = 0; attempt < 100 && status != 200; ++attempt) {
    status = t::http(server.port(), "GET", "/health/live").status;
  }
  CHECK(status == 200);
}

TEST_CASE("POST /v1/decide decides as of now under a policy in force when decided", "[serve]") {
  // A clock in force from 2000 and one in force until 2000: deciding now attaches the first.
  constexpr const char* kDated =
      "policy: {id: dated, version: \"1\", currency: CNY, in_force: decided}\n"
      "roles: [{id: agent, authority: unlimited}]\n"
      "clocks:\n"
      "  - {id: current-law, due: 10 calendar_days, effective: {from: 2000-01-01}}\n"
      "  - {id: old-law, due: 30 calendar_days, effective: {until: 2000-01-01}}\n"
      "sla: {targets: [{priority: 1, first_response: 1h, resolution: 1d}]}\n"
      "rules: [{id: r, then: [{clock: current-law}, {clock: old-law}]}]\n";
  t::RunningServer server(t::test_options(), r::load_policy(kDated, "dated.yaml"));
  t::HttpConnection connection(server.port());
  const auto one =
      connection.request("POST", "/v1/decide", t::sample_incident(), "application/yaml");
  REQUIRE(one.status == 200);
  const auto decision = json::parse(one.body);
  CHECK(decision.at("in_force").at("basis") == "decided");
  REQUIRE(decision.at("clocks").size() == 1);
  CHECK(decision["clocks"][0].at("id") == "current-law");
  const auto batch =
      connection.request("POST", "/v1/decide/batch",
                         "{\"id\":\"D-1\",\"reported_at\":\"2026-11-25T09:30:00+08:00\","
                         "\"category\":\"core.unavailable\"}\n",
                         "application/x-ndjson");
  REQUIRE(batch.status == 200);
  CHECK(json::parse(batch.body).at("clocks")[0].at("id") == "current-law");
}
