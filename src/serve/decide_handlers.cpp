// POST /v1/decide (with `?explain=OUTCOME`, the counterfactuals of one outcome) and
// POST /v1/decide/batch.
#include <fmt/format.h>

#include <memory>
#include <optional>

#include "redress/batch/decide_lines.hpp"
#include "redress/engine/decide.hpp"
#include "redress/explain/counterfactual.hpp"
#include "redress/io/audit.hpp"
#include "redress/io/decision_writer.hpp"
#include "redress/io/incident_reader.hpp"
#include "redress/io/incident_schema.hpp"
#include "serve/service.hpp"

namespace redress::serve {
namespace {

constexpr std::string_view kBody = "<request>";

// A batch body up to this size is decided on the thread that serves the request: the server's
// threads already decide requests from several connections in parallel, and starting a
// pipeline's threads and buffers for a few thousand lines cost more than deciding them (a
// 1,000-line body of R1 incidents: 82,000 decisions/s through map_lines against 2x that
// inline). A larger body is split across `batch_threads` as `redress batch` does.
constexpr std::size_t kInlineBatchBytes = std::size_t{1} << 20;

// One thread's reader, incident and decision for one policy, reused request after request
// until a reload puts another policy in force.
struct Decider {
  explicit Decider(std::shared_ptr<const CompiledPolicy> p, std::size_t max_bytes)
      : policy(std::move(p)), schema(io::incident_schema(*policy)), reader(schema, max_bytes) {}

  std::shared_ptr<const CompiledPolicy> policy;  // keeps the cached policy (and its address)
  io::IncidentSchema schema;
  io::IncidentReader reader;  // reads against `schema`
  Incident incident;
  Decision decision;
  Diagnostics problems;
};

Decider& thread_decider(std::shared_ptr<const CompiledPolicy> policy, std::size_t max_bytes) {
  thread_local std::unique_ptr<Decider> decider;
  if (!decider || decider->policy != policy) {
    decider = std::make_unique<Decider>(std::move(policy), max_bytes);
  }
  return *decider;
}

bool is_syntax(const Diagnostics& diagnostics) {
  for (const auto& d : diagnostics.items()) {
    if (d.code == "incident.syntax") return true;
  }
  return false;
}

// Diagnostics without a file are about the request.
Diagnostics located(const Diagnostics& diagnostics) {
  Diagnostics out;
  for (auto diagnostic : diagnostics.items()) {
    if (diagnostic.location.file.empty()) diagnostic.location.file = kBody;
    out.add(std::move(diagnostic));
  }
  return out;
}

// The decision's JSON object with "explanation" as its last member.
void add_explanation(std::string& decision_json, const std::string& explanation_json) {
  const auto end = decision_json.rfind('}');
  decision_json.replace(end, decision_json.size() - end,
                        ",\"explanation\":" + explanation_json + "}\n");
}

}  // namespace

Response Service::decide(const Request& request) {
  Decider& d = thread_decider(slot_.current(), options_.max_body_bytes);
  // `?explain=OUTCOME` is checked first: a misspelt outcome costs no decision.
  std::optional<explain::Outcome> outcome;
  if (const auto asked = request.param("explain")) {
    Diagnostics problems;
    outcome = explain::parse_outcome(*d.policy, *asked, problems);
    if (!outcome) return diagnostics_response(400, located(problems));
  }
  if (!d.reader.read(request.body, kBody, d.incident, d.problems)) {
    metrics_.decisions(Outcome::invalid);
    return diagnostics_response(is_syntax(d.problems) ? 400 : 422, d.problems);
  }
  const bool trace = request.flag("trace");
  // Decided now: what a policy with `in_force: decided` puts in force is today's.
  const Timestamp decided_at = now_utc();
  try {
    redress::decide(*d.policy, d.incident, d.decision, DecideOptions{trace, {}, decided_at});
  } catch (const DecideError& e) {
    metrics_.decisions(Outcome::failed);
    return diagnostics_response(422, located(e.diagnostics()));
  }
  if (log_) log_->append(io::audit_record(d.decision, request.body, decided_at));
  metrics_.decisions(Outcome::decided);
  Response response;
  response.body.resize(1024);
  response.body.resize(io::write_json_line(response.body, 0, d.decision, trace));
  response.body += '\n';
  if (outcome) {
    add_explanation(response.body,
                    explain::to_json(explain::explain(*d.policy, d.incident, *outcome), -1));
  }
  return response;
}

Response Service::decide_batch(const Request& request) {
  Decider& d = thread_decider(slot_.current(), options_.max_body_bytes);
  batch::DecideLinesOptions options;
  options.decide.trace = request.flag("trace");
  options.decide.decided_at = now_utc();  // one decision time for the request's lines
  options.file = std::string(kBody);
  if (log_) {
    options.on_decision = [this](const Decision& decision, std::string_view line) {
      log_->append(io::audit_record(decision, line, now_utc()));
    };
  }
  Response response;
  response.content_type = "application/x-ndjson";
  batch::MapResult result;
  if (request.body.size() <= kInlineBatchBytes) {
    // Decisions take about six times the bytes of their incidents: one allocation, not a
    // dozen doublings, each copying what was written and touching fresh pages.
    response.body.reserve(request.body.size() * 8);
    batch::LineDecider decider(*d.policy, d.schema, options);
    result = batch::map_text_lines(request.body, decider, response.body);
  } else {
    batch::MapOptions map;
    map.threads = options_.batch_threads;
    map.progress_interval = std::chrono::milliseconds{0};
    result = batch::decide_lines(*d.policy, batch::Source::buffer(request.body),
                                 batch::Sink::string(response.body), options, map);
  }
  metrics_.decisions(Outcome::decided, result.succeeded());
  metrics_.decisions(Outcome::invalid, result.failed);
  if (!result.ok()) {
    return request_error(
        500, "decide.internal",
        fmt::format("the batch stopped after {} lines: {}", result.lines, result.message));
  }
  response.headers.emplace_back("X-Redress-Decided", std::to_string(result.succeeded()));
  response.headers.emplace_back("X-Redress-Failed", std::to_string(result.failed));
  return response;
}

}  // namespace redress::serve
