// POST /v1/replay: past cases decided under the policy in force and under a candidate policy
// sent with them, as `redress replay --baseline IN-FORCE --candidate SENT` does.
#include <fmt/format.h>

#include <simdjson.h>

#include <charconv>
#include <nlohmann/json.hpp>
#include <optional>

#include "redress/batch/map_lines.hpp"
#include "redress/io/diagnostics_writer.hpp"
#include "redress/io/load_policy.hpp"
#include "redress/replay/replay_lines.hpp"
#include "serve/service.hpp"

namespace redress::serve {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kCandidateFile = "<candidate>";
constexpr std::string_view kBodyHint =
    R"(send {"candidate": "<the candidate policy's YAML>", "cases": [<incident>, ...]})";

Response invalid_body(std::string message) {
  return request_error(400, "request.invalid_body", std::move(message), std::string(kBodyHint));
}

// `?top=N`, the largest cost changes the summary lists (default 10, as the CLI's).
std::optional<std::size_t> top_of(const Request& request, Response& refusal) {
  const auto text = request.param("top");
  if (!text) return std::size_t{10};
  std::size_t top = 0;
  const auto* end = text->data() + text->size();
  const auto [stop, error] = std::from_chars(text->data(), end, top);
  if (text->empty() || error != std::errc{} || stop != end || top > 1000) {
    refusal = request_error(400, "request.bad_query",
                            fmt::format("?top='{}' is not a count from 0 to 1000", *text),
                            "write ?top=10, or leave it out");
    return std::nullopt;
  }
  return top;
}

// The body's members: the candidate's YAML, and each case's JSON on one line.
struct ReplayBody {
  std::string candidate;
  std::string cases;
};

// Reads the body with simdjson, which gives each incident's text as sent: the incident reader
// then sees exactly what /v1/decide would (its duplicate keys, its numbers as written).
std::optional<ReplayBody> read_body(std::string_view text, Response& refusal) {
  namespace od = simdjson::ondemand;
  const auto refuse = [&refusal](std::string message) {
    refusal = invalid_body(std::move(message));
    return std::nullopt;
  };
  const simdjson::padded_string padded(text);
  od::parser parser;
  od::document document;
  od::object object;
  if (parser.iterate(padded).get(document) != simdjson::SUCCESS ||
      document.get_object().get(object) != simdjson::SUCCESS) {
    return refuse("the body is not a JSON object");
  }
  ReplayBody body;
  bool has_candidate = false;
  bool has_cases = false;
  for (auto member : object) {
    od::field field;
    std::string_view key;
    if (std::move(member).get(field) != simdjson::SUCCESS ||
        field.unescaped_key().get(key) != simdjson::SUCCESS) {
      return refuse("the body is not valid JSON");
    }
    if (key == "candidate" && !has_candidate) {
      std::string_view yaml;
      if (field.value().get_string().get(yaml) != simdjson::SUCCESS) {
        return refuse("\"candidate\" is not a string: send the policy's YAML as one JSON string");
      }
      body.candidate = yaml;
      has_candidate = true;
    } else if (key == "cases" && !has_cases) {
      od::array cases;
      if (field.value().get_array().get(cases) != simdjson::SUCCESS) {
        return refuse("\"cases\" is not an array of incidents");
      }
      std::size_t index = 0;
      for (auto element : cases) {
        od::object incident;
        std::string_view raw;
        if (element.get_object().get(incident) != simdjson::SUCCESS ||
            incident.raw_json().get(raw) != simdjson::SUCCESS) {
          return refuse(fmt::format("cases[{}] is not a JSON object", index));
        }
        batch::append_json_line(body.cases, raw);
        ++index;
      }
      has_cases = true;
    } else {
      return refuse(key == "candidate" || key == "cases"
                        ? fmt::format("the body has \"{}\" twice", key)
                        : fmt::format("the body has a member '{}' replay does not take", key));
    }
  }
  // current_location() finds a token only when one follows the object.
  if (const char* rest = nullptr; document.current_location().get(rest) == simdjson::SUCCESS) {
    return refuse("the body has text after its JSON object");
  }
  if (!has_candidate) return refuse("the body has no \"candidate\", the candidate policy's YAML");
  if (!has_cases) return refuse("the body has no \"cases\", the incidents to replay");
  return body;
}

Json identity_json(const CompiledPolicy& policy) {
  return Json{{"id", policy.identity.id},
              {"version", policy.identity.version},
              {"hash", policy.identity.hash}};
}

// The case records replay_lines() wrote, one a line, as the members of a JSON array.
std::string as_array(std::string_view lines) {
  std::string out = "[";
  while (!lines.empty()) {
    const auto end = lines.find('\n');
    if (out.size() > 1) out += ',';
    out += lines.substr(0, end);
    lines.remove_prefix(end == std::string_view::npos ? lines.size() : end + 1);
  }
  return out + "]";
}

}  // namespace

Response Service::replay(const Request& request) {
  if (auto refusal = refuse_without_token(request)) return std::move(*refusal);
  Response refusal;
  const auto top = top_of(request, refusal);
  if (!top) return refusal;
  const auto body = read_body(request.body, refusal);
  if (!body) return refusal;
  const auto candidate = load_policy(body->candidate, kCandidateFile, sent_policy_dir());
  if (!candidate.policy) return diagnostics_response(422, candidate.diagnostics);

  const auto baseline = slot_.current();
  replay::ReplayOptions options;
  options.file = "<cases>";
  options.top = *top;
  batch::MapOptions map;
  map.threads = options_.batch_threads;
  map.progress_interval = std::chrono::milliseconds{0};
  std::string records;
  const auto result =
      replay::replay_lines(*baseline, *candidate.policy, batch::Source::buffer(body->cases),
                           batch::Sink::string(records), options, map);
  if (!result.run.ok()) {
    return request_error(
        500, "decide.internal",
        fmt::format("the replay stopped after {} cases: {}", result.run.lines, result.run.message));
  }
  auto candidate_json = identity_json(*candidate.policy);
  candidate_json["diagnostics"] = Json::parse(io::to_json(candidate.diagnostics));
  Json head{{"baseline", identity_json(*baseline)},
            {"candidate", std::move(candidate_json)},
            {"summary", Json::parse(replay::to_json(result.summary))}};
  // The case records as written, not parsed again: the head's closing brace gives way to them.
  auto text = head.dump();
  text.pop_back();
  text += ",\"cases\":" + as_array(records) + "}\n";
  Response response;
  response.body = std::move(text);
  response.headers.emplace_back("X-Redress-Replayed", std::to_string(result.run.succeeded()));
  response.headers.emplace_back("X-Redress-Failed", std::to_string(result.run.failed));
  return response;
}

}  // namespace redress::serve
