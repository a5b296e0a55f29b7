#include "support/fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace redress::test {

std::filesystem::path source_dir() { return REDRESS_SOURCE_DIR; }

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  INFO("replacing '" << from << "'");
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  INFO("reading " << path.string());
  REQUIRE(in.good());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir,
                                            const std::string& suffix) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const auto name = entry.path().filename().string();
    if (name.size() >= suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<ExpectedDiagnostic> expected_diagnostics(const std::string& text) {
  std::vector<ExpectedDiagnostic> out;
  std::istringstream lines(text);
  std::string line;
  const std::string expect = "# expect: ";
  const std::string hint = "# hint: ";
  while (std::getline(lines, line)) {
    if (line.rfind(expect, 0) == 0) {
      std::istringstream fields(line.substr(expect.size()));
      ExpectedDiagnostic d;
      std::string position;
      fields >> d.code >> position;
      const auto colon = position.find(':');
      d.line = std::stoi(position.substr(0, colon));
      d.column = std::stoi(position.substr(colon + 1));
      std::getline(fields >> std::ws, d.message);
      out.push_back(d);
    } else if (line.rfind(hint, 0) == 0 && !out.empty()) {
      out.back().hint = line.substr(hint.size());
    }
  }
  return out;
}

}  // namespace redress::test
