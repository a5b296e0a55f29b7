// The one table of diagnostic codes: every code the sources report is in it, and the reference
// tables of rules/README.md list exactly its codes, with its severities.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "redress/diag/codes.hpp"
#include "redress/model/decision_warnings.hpp"
#include "support/fixtures.hpp"

namespace r = redress;

namespace {

// A code as the sources and the README write it: an area of redress, a dot, a name.
constexpr const char* kCodePattern =
    R"((?:yaml|policy|expr|explain|graph|incident|decide|lint|taxonomy|suite|sla|request)\.[a-z_]+)";
const std::regex kCode(kCodePattern);

std::set<std::string> registered() {
  std::set<std::string> out;
  for (const auto& entry : r::kDiagnosticCodes) out.emplace(entry.code);
  return out;
}

// Every code written as a whole string literal ("policy.io") in src/ and include/.
std::map<std::string, std::string> codes_in_sources() {
  const std::regex literal("\"(" + std::string(kCodePattern) + ")\"");
  std::map<std::string, std::string> out;  // code -> a file that reports it
  for (const char* dir : {"src", "include"}) {
    for (const auto& file :
         std::filesystem::recursive_directory_iterator(r::test::source_dir() / dir)) {
      if (!file.is_regular_file()) continue;
      const auto name = file.path().filename().string();
      if (name == "codes.hpp" || name == "decision_warnings.hpp") continue;
      const auto text = r::test::read_file(file.path());
      for (std::sregex_iterator it(text.begin(), text.end(), literal), end; it != end; ++it) {
        out.emplace((*it)[1].str(), file.path().string());
      }
    }
  }
  return out;
}

// The table rows ("| `...") of rules/README.md from "## Diagnostics" on (the file table above
// names files), each with the heading it is under.
std::vector<std::pair<std::string, std::string>> readme_rows() {
  const auto text = r::test::read_file(r::test::source_dir() / "rules/README.md");
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t start = text.find("\n## Diagnostics\n");
  REQUIRE(start != std::string::npos);
  std::string heading;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    if (line.rfind("#", 0) == 0) heading = line;
    if (line.rfind("| `", 0) == 0) out.emplace_back(heading, std::move(line));
  }
  return out;
}

constexpr const char* kWarningsHeading = "### Decision warnings";

// The codes of the README's reference tables of diagnostics, each with the severity the table
// gives it.
std::map<std::string, r::Severity> codes_in_readme() {
  std::map<std::string, r::Severity> out;
  for (const auto& [heading, line] : readme_rows()) {
    if (heading == kWarningsHeading) continue;
    // "| code | severity | meaning |" (the linter's table) or "| code (warning) | meaning |".
    const auto second = line.find(" | ", 2);
    const auto third = line.find(" | ", second + 3);
    const std::string first_cell = line.substr(0, second);
    const std::string severity_cell =
        third == std::string::npos ? "" : line.substr(second + 3, third - second - 3);
    for (std::sregex_iterator it(line.begin(), line.end(), kCode), stop; it != stop; ++it) {
      const auto code = it->str();
      if (out.count(code)) continue;
      r::Severity severity = r::Severity::error;
      if (severity_cell == "warning") severity = r::Severity::warning;
      if (severity_cell == "info") severity = r::Severity::info;
      if (first_cell.find("`" + code + "` (warning)") != std::string::npos) {
        severity = r::Severity::warning;
      }
      out.emplace(code, severity);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("every code the sources report is in the table of codes", "[diag][codes]") {
  const auto reported = codes_in_sources();
  for (const auto& [code, file] : reported) {
    INFO(code << " in " << file);
    CHECK(r::find_diagnostic_code(code) != nullptr);
  }
  CHECK(reported.size() > 60);  // the scan finds the sources' codes at all
}

TEST_CASE("the README's tables list exactly the table of codes, with its severities",
          "[diag][codes]") {
  const auto documented = codes_in_readme();
  for (const auto& entry : r::kDiagnosticCodes) {
    const std::string code(entry.code);
    INFO(code);
    REQUIRE(documented.count(code) == 1);
    CHECK(r::to_string(documented.at(code)) == r::to_string(entry.severity));
  }
  for (const auto& [code, severity] : documented) {
    INFO(code << " is in rules/README.md");
    CHECK(r::find_diagnostic_code(code) != nullptr);
  }
}

TEST_CASE("find_diagnostic_code finds registered codes only", "[diag][codes]") {
  REQUIRE(r::find_diagnostic_code("expr.syntax") != nullptr);
  CHECK(r::find_diagnostic_code("expr.syntax")->severity == r::Severity::error);
  CHECK(r::find_diagnostic_code("lint.unused_step")->severity == r::Severity::info);
  CHECK(r::find_diagnostic_code("expr.synta") == nullptr);
  CHECK(r::find_diagnostic_code("") == nullptr);
  CHECK(registered().size() == std::size(r::kDiagnosticCodes));  // no code twice
}

TEST_CASE("the decision warnings' table is the README's and the decision schema's",
          "[diag][codes]") {
  std::map<std::string, std::string> documented;  // code -> meaning
  for (const auto& [heading, line] : readme_rows()) {
    if (heading != kWarningsHeading) continue;
    const auto close = line.find('`', 3);
    const auto meaning = line.find(" | ", close);
    documented.emplace(line.substr(3, close - 3),
                       line.substr(meaning + 3, line.size() - meaning - 5));
  }
  std::set<std::string> codes;
  for (const auto& warning : r::kDecisionWarnings) {
    const std::string code(warning.code);
    INFO(code);
    codes.insert(code);
    REQUIRE(documented.count(code) == 1);
    CHECK(documented.at(code) == warning.meaning);
    CHECK(r::find_diagnostic_code(code) == nullptr);  // not a diagnostic
  }
  CHECK(documented.size() == codes.size());

  const auto schema = nlohmann::json::parse(
      r::test::read_file(r::test::source_dir() / "rules/schema/decision.schema.json"));
  const auto& warning_codes =
      schema.at("properties").at("warnings").at("items").at("properties").at("code").at("enum");
  CHECK(warning_codes.get<std::set<std::string>>() == codes);
}
