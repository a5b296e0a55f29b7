// Loading and running policy test suites.
#include "redress/testing/suite.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "diag/suggest.hpp"
#include "io/incident_node.hpp"
#include "redress/engine/decide.hpp"
#include "redress/io/incident_schema.hpp"
#include "redress/model/calendar.hpp"
#include "testing/expectations.hpp"
#include "testing/properties.hpp"
#include "testing/yaml_location.hpp"

namespace redress::testing {
namespace {

using detail::where;

const std::vector<std::string> kSuiteKeys = {"policy", "description", "base", "cases",
                                             "properties"};
const std::vector<std::string> kCaseKeys = {"name", "incident", "decided_at", "expect"};

/// `over` merged into a copy of `base`: maps merge key by key, anything else replaces.
YAML::Node merged(const YAML::Node& base, const YAML::Node& over) {
  if (!over || over.IsNull()) return YAML::Clone(base);  // a case that changes nothing
  if (!base || !base.IsMap() || !over.IsMap()) return YAML::Clone(over);
  YAML::Node out = YAML::Clone(base);
  for (const auto& entry : over) {
    const auto key = entry.first.as<std::string>();
    out[key] = out[key] ? merged(out[key], entry.second) : YAML::Clone(entry.second);
  }
  return out;
}

bool check_keys(const YAML::Node& map, const std::vector<std::string>& known, std::string_view what,
                std::string_view file, Diagnostics& diagnostics) {
  bool ok = true;
  for (const auto& entry : map) {
    const auto key = entry.first.as<std::string>();
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    diagnostics.error("suite.unknown_key", where(file, entry.first),
                      fmt::format("unknown key '{}' in {}", key, what),
                      redress::detail::did_you_mean(key, known));
    ok = false;
  }
  return ok;
}

CaseResult run_case(const YAML::Node& node, const YAML::Node& base, std::string_view file,
                    const CompiledPolicy& policy, const io::IncidentSchema& schema) {
  CaseResult result;
  result.location = where(file, node);
  result.name = node["name"] ? node["name"].as<std::string>()
                             : fmt::format("case at line {}", result.location.line + 1);
  if (!check_keys(node, kCaseKeys, "a case", file, result.errors)) return result;
  const auto incident_node = merged(base, node["incident"] ? node["incident"] : YAML::Node());
  auto read = io::read_incident_node(incident_node, file, schema);
  if (!read.incident) {
    result.errors = std::move(read.diagnostics);
    return result;
  }
  DecideOptions options;
  options.trace = true;
  if (const auto decided_at = node["decided_at"]) {
    Timestamp instant;
    std::string error;
    if (!decided_at.IsScalar() || !parse_decision_time(decided_at.Scalar(), instant, error)) {
      result.errors.error("suite.bad_value", where(file, decided_at),
                          error.empty() ? "'decided_at' must be a date or a timestamp" : error,
                          "write decided_at: 2026-11-25 or a timestamp with an offset");
      return result;
    }
    options.decided_at = instant;
  }
  try {
    result.decision = decide(policy, *read.incident, options);
  } catch (const DecideError& e) {
    for (auto d : e.diagnostics().items()) {
      if (!d.location.known()) d.location = result.location;
      result.errors.add(std::move(d));
    }
    return result;
  }
  if (node["expect"]) {
    result.mismatches =
        detail::check_expectations(node["expect"], *result.decision, policy, file, result.errors);
  }
  return result;
}

}  // namespace

std::size_t SuiteResult::passed() const {
  return static_cast<std::size_t>(
      std::count_if(cases.begin(), cases.end(), [](const CaseResult& c) { return c.passed(); }));
}

std::size_t SuiteResult::failed() const { return cases.size() - passed(); }

std::size_t SuiteResult::properties_failed() const {
  return static_cast<std::size_t>(std::count_if(
      properties.begin(), properties.end(), [](const PropertyResult& p) { return !p.passed(); }));
}

std::optional<std::filesystem::path> suite_policy(std::string_view text,
                                                  const std::filesystem::path& file) {
  try {
    const auto root = YAML::Load(std::string(text));
    if (!root.IsMap() || !root["policy"]) return std::nullopt;
    return file.parent_path() / root["policy"].as<std::string>();
  } catch (const YAML::Exception&) {
    return std::nullopt;
  }
}

SuiteResult run_suite(std::string_view text, std::string_view file, const CompiledPolicy& policy,
                      const RunOptions& options) {
  SuiteResult result;
  result.file = std::string(file);
  try {
    const auto root = YAML::Load(std::string(text));
    if (!root.IsMap() || !root["cases"] || !root["cases"].IsSequence()) {
      result.diagnostics.error("suite.missing_key", where(file, root),
                               "a test suite is a map with a 'cases' list",
                               "write cases: [{name: ..., incident: {...}, expect: {...}}]");
      return result;
    }
    if (!check_keys(root, kSuiteKeys, "a test suite", file, result.diagnostics)) return result;
    const auto schema = io::incident_schema(policy);
    for (const auto& node : root["cases"]) {
      const auto name = node["name"] ? node["name"].as<std::string>() : std::string{};
      if (!options.filter.empty() && name.find(options.filter) == std::string::npos) continue;
      result.cases.push_back(run_case(node, root["base"], file, policy, schema));
    }
    if (root["properties"]) {
      result.properties = detail::run_properties(root["properties"], root["base"], file, policy,
                                                 schema, options.filter);
    }
  } catch (const YAML::Exception& e) {
    result.diagnostics.error("suite.syntax", {std::string(file), e.mark.line, e.mark.column},
                             fmt::format("the suite is not valid YAML, or a value has the wrong "
                                         "kind: {}",
                                         e.msg));
  }
  return result;
}

std::string describe_failure(const CaseResult& result) {
  std::string out = fmt::format("{}:{}: case '{}' failed\n", result.location.file,
                                result.location.line + 1, result.name);
  for (const auto& d : result.errors.items()) out += render(d, {});
  for (const auto& m : result.mismatches) {
    out += fmt::format("  {} (line {}): expected {}, decided {}\n", m.field, m.location.line + 1,
                       m.expected, m.actual);
  }
  if (result.decision) {
    out +=
        fmt::format("  rules fired, in order: {}\n", fmt::join(result.decision->rules_fired, ", "));
  }
  return out;
}

}  // namespace redress::testing
