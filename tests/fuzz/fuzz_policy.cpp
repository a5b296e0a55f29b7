// Fuzz target: policy YAML text, loaded and compiled as load_policy() does, then linted and
// used to decide one fixed incident. Invariants: a policy comes back exactly when there is no
// error diagnostic; every error has a code and a message; rendering a diagnostic with its
// source works; a decision's deadlines are timestamps that read back.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "redress/engine/decide.hpp"
#include "redress/io/decision_writer.hpp"
#include "redress/io/load_policy.hpp"
#include "redress/lint/lint.hpp"

namespace {

using redress::fuzz::require;

redress::Incident sample_incident() {
  redress::Incident incident;
  incident.id = "FUZZ-1";
  std::string error;
  redress::Timestamp::parse("2026-11-25T09:30:00+08:00", incident.reported_at, error);
  incident.category = "core.unavailable";
  incident.magnitude = redress::Magnitude::major;
  incident.emotion = redress::Emotion::angry;
  incident.intensity = 4;
  incident.deficits = {redress::Justice::outcome, redress::Justice::interactional};
  incident.tier = redress::Tier::vip;
  return incident;
}

void require_readable(const redress::Timestamp& due) {
  redress::Timestamp back;
  std::string error;
  require(redress::Timestamp::parse(due.to_string(), back, error) && back == due,
          "a deadline is written as an RFC 3339 timestamp that reads back");
}

void check_diagnostics(const redress::Diagnostics& diagnostics, std::string_view source) {
  for (const auto& d : diagnostics.items()) {
    if (d.severity == redress::Severity::error) {
      require(!d.code.empty() && !d.message.empty(), "an error has a code and a message");
    }
    require(!redress::render(d, source).empty(), "a diagnostic renders");
  }
}

void decide_sample(const redress::CompiledPolicy& policy) {
  static const redress::Incident incident = sample_incident();
  try {
    const auto decision = redress::decide(policy, incident, {true, {}});
    require_readable(decision.deadlines.first_response_due);
    require_readable(decision.deadlines.resolution_due);
    require(!redress::io::to_json(decision, {true, 2}).empty(), "a decision writes as JSON");
    require(!redress::io::to_text(decision).empty(), "a decision writes as text");
  } catch (const redress::DecideError& e) {
    require(e.diagnostics().has_errors(), "a DecideError carries an error diagnostic");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto loaded = redress::load_policy(text, "fuzz.yaml");
  require(static_cast<bool>(loaded.policy) != loaded.diagnostics.has_errors(),
          "a policy is returned exactly when there is no error");
  check_diagnostics(loaded.diagnostics, loaded.source);
  if (!loaded.policy) return 0;
  check_diagnostics(redress::lint(*loaded.policy), loaded.source);
  decide_sample(*loaded.policy);
  return 0;
}
