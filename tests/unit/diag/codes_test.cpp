// The one table of diagnostic codes: every code the sources report is in it, and the reference
// tables of rules/README.md list exactly its codes, with its severities.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "redress/diag/codes.hpp"
#include "support/fixtures.hpp"

namespace r = redress;

namespace {

// A code as the sources and the README write it: an area of redress, a dot, a name.
constexpr const char* kCodePattern =
    R"((?:yaml|policy|expr|graph|incident|decide|lint|taxonomy|suite|sla)\.[a-z_]+)";
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
      if (name == "codes.hpp") continue;
      const auto text = r::test::read_file(file.path());
      for (std::sregex_iterator it(text.begin(), text.end(), literal), end; it != end; ++it) {
        out.emplace((*it)[1].str(), file.path().string());
      }
    }
  }
  return out;
}

// The codes of the README's reference tables, each with the severity the table gives it.
std::map<std::string, r::Severity> codes_in_readme() {
  const auto text = r::test::read_file(r::test::source_dir() / "rules/README.md");
  std::map<std::string, r::Severity> out;
  std::size_t start = text.find("\n## Diagnostics\n");  // the file table above names files
  REQUIRE(start != std::string::npos);
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    if (line.rfind("| `", 0) != 0) continue;
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
