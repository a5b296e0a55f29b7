// redress serve's analyses: `POST /v1/decide?explain=` answers what `redress explain` finds, and
// `POST /v1/replay` what `redress replay` writes; each malformed request is refused precisely.
#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "redress/batch/map_lines.hpp"
#include "redress/explain/counterfactual.hpp"
#include "redress/io/incident_reader.hpp"
#include "redress/io/incident_schema.hpp"
#include "redress/replay/replay_lines.hpp"
#include "serve/http.hpp"
#include "unit/serve/http_client.hpp"
#include "unit/serve/serve_fixture.hpp"

namespace r = redress;
namespace t = redress::test;
using nlohmann::json;

namespace {

constexpr const char* kToken = "Authorization: Bearer s3cret\r\n";

json first_diagnostic(const t::HttpResponse& response) {
  const auto body = json::parse(response.body);
  REQUIRE(body.at("diagnostics").size() >= 1);
  return body["diagnostics"][0];
}

// What the library explains for the sample incident under the default policy.
json library_explanation(const std::string& outcome_text) {
  const auto policy = r::load_default_policy().policy;
  const auto read =
      r::io::read_incident(t::sample_incident(), "x", r::io::incident_schema(*policy));
  REQUIRE(read.incident);
  r::Diagnostics problems;
  const auto outcome = r::explain::parse_outcome(*policy, outcome_text, problems);
  REQUIRE(outcome);
  return json::parse(r::explain::to_json(r::explain::explain(*policy, *read.incident, *outcome)));
}

t::RunningServer server_with_token() {
  auto options = t::test_options();
  options.admin_token = "s3cret";
  return t::RunningServer(options);
}

// The replay test's incidents, one a line (its file also holds a blank line and a broken one,
// which a JSON array cannot carry).
std::string case_lines() {
  const auto lines = t::read_file(t::source_dir() / "tests/data/replay/cases.jsonl");
  std::string out;
  std::size_t from = 0;
  while (from < lines.size()) {
    const auto end = lines.find('\n', from);
    const auto line = lines.substr(from, end - from);
    if (json::accept(line)) out += line + "\n";
    from = end == std::string::npos ? lines.size() : end + 1;
  }
  return out;
}

// The same cases as the JSON array a client sends (each incident pretty-printed, so that the
// server must put each on one line itself).
std::string cases_array() {
  const auto lines = case_lines();
  json cases = json::array();
  for (std::size_t from = 0; from < lines.size();) {
    const auto end = lines.find('\n', from);
    cases.push_back(json::parse(lines.substr(from, end - from)));
    from = end + 1;
  }
  return cases.dump(2);
}

// The replay tests' candidate, its include named as the built-in library is (the server runs
// the built-in policy, so a policy sent has its includes resolved in the working directory).
std::string candidate_yaml() {
  auto text = t::read_file(t::source_dir() / "tests/data/replay/candidate.yaml");
  const std::string written = "../../../rules/clocks/reference-clocks.yaml";
  const auto at = text.find(written);
  REQUIRE(at != std::string::npos);
  return text.replace(at, written.size(), "clocks/reference-clocks.yaml");
}

std::string replay_body(const std::string& candidate_text) {
  return "{\"candidate\": " + json(candidate_text).dump() + ",\n \"cases\": " + cases_array() + "}";
}

}  // namespace

TEST_CASE("POST /v1/decide?explain= adds what redress explain finds", "[serve]") {
  t::RunningServer server;
  const auto incident = t::sample_incident();
  for (const std::string target :
       {"/v1/decide?explain=owner", "/v1/decide?explain=remedy%3Aapology"}) {
    const auto response = t::http(server.port(), "POST", target, incident, "application/yaml");
    REQUIRE(response.status == 200);
    auto decision = json::parse(response.body);
    REQUIRE(decision.contains("explanation"));
    const auto outcome = target.find("owner") != std::string::npos ? "owner" : "remedy:apology";
    CHECK(decision["explanation"] == library_explanation(outcome));
    CHECK(decision["explanation"]["outcome"] == outcome);
    // The rest is the decision /v1/decide gives without the query.
    decision.erase("explanation");
    const auto plain = t::http(server.port(), "POST", "/v1/decide", incident, "application/yaml");
    CHECK(decision == json::parse(plain.body));
  }

  const auto unknown = t::http(server.port(), "POST", "/v1/decide?explain=remedy:nothing", incident,
                               "application/yaml");
  CHECK(unknown.status == 400);
  CHECK(first_diagnostic(unknown)["code"] == "explain.unknown_outcome");
  CHECK(first_diagnostic(unknown)["file"] == "<request>");
  CHECK(first_diagnostic(unknown)["message"] == "'nothing' is not a remedy of policy 'default'");
  CHECK(first_diagnostic(unknown)["hint"].get<std::string>().find("apology") != std::string::npos);
}

TEST_CASE("POST /v1/replay answers what redress replay writes", "[serve]") {
  auto server = server_with_token();
  const auto candidate_text = candidate_yaml();
  const auto response = t::http(server.port(), "POST", "/v1/replay?top=3",
                                replay_body(candidate_text), "application/json", kToken);
  REQUIRE(response.status == 200);
  const auto body = json::parse(response.body);

  // The library's replay of the same cases, line for line.
  const auto baseline = r::load_default_policy().policy;
  const auto candidate = r::load_policy(candidate_text, "<candidate>").policy;
  REQUIRE(candidate);
  std::string records;
  r::replay::ReplayOptions options;
  options.file = "<cases>";
  options.top = 3;
  const auto cases = case_lines();
  REQUIRE(std::count(cases.begin(), cases.end(), '\n') == 11);
  const auto expected =
      r::replay::replay_lines(*baseline, *candidate, r::batch::Source::buffer(cases),
                              r::batch::Sink::string(records), options);
  json expected_cases = json::array();
  for (std::size_t from = 0; from < records.size();) {
    const auto end = records.find('\n', from);
    expected_cases.push_back(json::parse(records.substr(from, end - from)));
    from = end + 1;
  }
  CHECK(body["cases"] == expected_cases);
  CHECK(body["summary"] == json::parse(r::replay::to_json(expected.summary)));
  CHECK(body["summary"]["top_cost_changes"].size() <= 3);
  CHECK(body["baseline"]["hash"] == baseline->identity.hash);
  CHECK(body["candidate"]["hash"] == candidate->identity.hash);
  CHECK(response.header("x-redress-replayed") == std::to_string(expected.run.succeeded()));
  CHECK(expected.summary.changed > 0);
}

TEST_CASE("POST /v1/replay refuses bad requests with precise diagnostics", "[serve]") {
  auto server = server_with_token();
  const auto post = [&](const std::string& body, const std::string& target = "/v1/replay",
                        const char* token = kToken) {
    return t::http(server.port(), "POST", target, body, "application/json", token);
  };
  const auto candidate_text = candidate_yaml();

  const auto anonymous = post(replay_body(candidate_text), "/v1/replay", "");
  CHECK(anonymous.status == 401);
  CHECK(first_diagnostic(anonymous)["message"] == "POST /v1/replay needs the admin token");

  struct Refused {
    std::string body;
    std::string message;
  };
  const std::vector<Refused> refused = {
      {"{\"candidate\": ", "the body is not a JSON object"},
      {"[1, 2]", "the body is not a JSON object"},
      {"{\"cases\": []}", "the body has no \"candidate\", the candidate policy's YAML"},
      {"{\"candidate\": \"x\"}", "the body has no \"cases\", the incidents to replay"},
      {"{\"candidate\": 7, \"cases\": []}",
       "\"candidate\" is not a string: send the policy's YAML as one JSON string"},
      {"{\"candidate\": \"x\", \"cases\": {}}", "\"cases\" is not an array of incidents"},
      {"{\"candidate\": \"x\", \"cases\": [{}, 3]}", "cases[1] is not a JSON object"},
      {"{\"candidate\": \"x\", \"cases\": [], \"top\": 3}",
       "the body has a member 'top' replay does not take"},
      {"{\"candidate\": \"x\", \"candidate\": \"y\", \"cases\": []}",
       "the body has \"candidate\" twice"},
      {"{\"candidate\": \"x\", \"cases\": []} {}", "the body has text after its JSON object"},
  };
  for (const auto& bad : refused) {
    INFO(bad.body);
    const auto response = post(bad.body);
    CHECK(response.status == 400);
    CHECK(first_diagnostic(response)["code"] == "request.invalid_body");
    CHECK(first_diagnostic(response)["message"] == bad.message);
  }

  const auto bad_top = post(replay_body(candidate_text), "/v1/replay?top=many");
  CHECK(bad_top.status == 400);
  CHECK(first_diagnostic(bad_top)["code"] == "request.bad_query");

  // A candidate that does not compile: its diagnostics, located in the YAML sent.
  const auto broken =
      post(replay_body("policy: {id: x, version: \"1\"}\nrules:\n  - id: r\n"
                       "    when: \"loss >\"\n"));
  CHECK(broken.status == 422);
  const auto where = first_diagnostic(broken);
  CHECK(where["file"] == "<candidate>");
  CHECK(where["line"].is_number());

  // An incident the policies refuse is one error record, the other cases are replayed.
  const auto one_bad =
      post("{\"candidate\": " + json(candidate_text).dump() + ", \"cases\": [{\"id\": 7}]}");
  REQUIRE(one_bad.status == 200);
  const auto records = json::parse(one_bad.body)["cases"];
  REQUIRE(records.size() == 1);
  CHECK(records[0]["line"] == 1);
  CHECK(records[0]["error"]["code"] == "incident.wrong_type");
  CHECK(one_bad.header("x-redress-failed") == "1");
}

TEST_CASE("POST /v1/replay is refused by a server without an admin token", "[serve]") {
  t::RunningServer server;
  const auto response =
      t::http(server.port(), "POST", "/v1/replay", "{}", "application/json", kToken);
  CHECK(response.status == 403);
  CHECK(first_diagnostic(response)["code"] == "request.forbidden");
  CHECK(first_diagnostic(response)["message"] ==
        "POST /v1/replay needs the admin token, and this server has none: it takes no policy "
        "over HTTP");
}

TEST_CASE("a policy sent over HTTP has its includes resolved beside --policy", "[serve]") {
  const auto telecom_file = t::source_dir() / "rules/telecom.yaml";
  const auto telecom = t::read_file(telecom_file);  // includes clocks/cn-miit-appeal.yaml
  const auto body = "{\"candidate\": " + json(telecom).dump() + ", \"cases\": []}";
  {
    auto options = t::test_options();
    options.admin_token = "s3cret";
    options.policy_file = telecom_file;
    t::RunningServer server(options, r::load_policy_file(telecom_file));
    const auto replayed =
        t::http(server.port(), "POST", "/v1/replay", body, "application/json", kToken);
    REQUIRE(replayed.status == 200);
    CHECK(json::parse(replayed.body)["candidate"]["id"] == "telecom");
    CHECK(json::parse(replayed.body)["cases"] == json::array());
    const auto put =
        t::http(server.port(), "PUT", "/v1/policy", telecom, "application/yaml", kToken);
    CHECK(put.status == 200);
  }
  // A server on the built-in policy resolves them in its working directory (the source tree
  // here), where clocks/cn-miit-appeal.yaml is not.
  auto server = server_with_token();
  const auto refused =
      t::http(server.port(), "POST", "/v1/replay", body, "application/json", kToken);
  CHECK(refused.status == 422);
  CHECK(first_diagnostic(refused)["code"] == "policy.include_missing");
  CHECK(first_diagnostic(refused)["file"] == "<candidate>");
}

TEST_CASE("query parameters are read as forms encode them", "[serve]") {
  r::serve::Request request;
  request.query = "trace=&explain=remedy%3Aapology&top=3&x=a+b%2&explain=owner&y=%zz";
  CHECK(request.param("explain") == "remedy:apology");  // the first of two
  CHECK(request.param("top") == "3");
  CHECK(request.param("x") == "a b%2");  // '+' is a space; a cut-off escape stays as written
  CHECK(request.param("y") == "%zz");
  CHECK(request.param("trace") == "");
  CHECK_FALSE(request.param("tr").has_value());  // a prefix of a name is not the name
  CHECK_FALSE(request.flag("trace"));            // `trace=` says nothing
  request.query = "trace";
  CHECK(request.flag("trace"));
  CHECK(request.param("trace") == "");
}
