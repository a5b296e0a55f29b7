// Fuzz target: one incident document (JSON or YAML) read for the built-in default policy by
// read_incident() and by one IncidentReader reused from input to input (as `batch` reads its
// lines); what is read is decided. Invariants: an incident comes back exactly when there is no
// error; the reused reader accepts exactly what read_incident() accepts, and then the decision
// is the same (nothing of an earlier input leaks); a decision's deadlines are timestamps that
// read back.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "redress/engine/decide.hpp"
#include "redress/io/decision_writer.hpp"
#include "redress/io/incident_reader.hpp"
#include "redress/io/incident_schema.hpp"
#include "redress/io/load_policy.hpp"

namespace {

using redress::fuzz::require;

struct Setup {
  std::shared_ptr<const redress::CompiledPolicy> policy = redress::load_default_policy().policy;
  redress::io::IncidentSchema schema = redress::io::incident_schema(*policy);
};

const Setup& setup() {
  static const Setup instance;
  return instance;
}

void require_readable(const redress::Timestamp& due) {
  redress::Timestamp back;
  std::string error;
  require(redress::Timestamp::parse(due.to_string(), back, error) && back == due,
          "a deadline is written as an RFC 3339 timestamp that reads back");
}

/// The decision as JSON, or nullopt when decide() refuses the incident.
std::optional<std::string> decide(const redress::Incident& incident) {
  try {
    const auto decision = redress::decide(*setup().policy, incident, {true, {}});
    require_readable(decision.deadlines.first_response_due);
    require_readable(decision.deadlines.resolution_due);
    require(!redress::io::to_text(decision).empty(), "a decision writes as text");
    return redress::io::to_json(decision, {true, -1});
  } catch (const redress::DecideError& e) {
    require(e.diagnostics().has_errors(), "a DecideError carries an error diagnostic");
    return std::nullopt;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto read = redress::io::read_incident(text, "fuzz.json", setup().schema);
  require(read.incident.has_value() != read.diagnostics.has_errors(),
          "an incident is returned exactly when there is no error");
  const auto decision = read.incident ? decide(*read.incident) : std::nullopt;
  static redress::io::IncidentReader reused(setup().schema);
  static redress::Incident incident;
  redress::Diagnostics problems;
  const bool accepted = reused.read(text, "fuzz.json", incident, problems);
  require(accepted == read.incident.has_value(), "a reused reader accepts what read_incident does");
  if (accepted) {
    require(incident == *read.incident, "a reused reader reads the same incident");
    require(decide(incident) == decision, "a reused reader's incident decides the same");
  }
  return 0;
}
