// Helpers shared by the tests: finding and reading files of the source tree, and golden
// expectations written as comments inside fixture files.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace redress::test {

/// The repository root (REDRESS_SOURCE_DIR, set by the build).
std::filesystem::path source_dir();
/// The whole content of a file; fails the running test if it cannot be read.
std::string read_file(const std::filesystem::path& path);
/// `text` with the first `from` replaced by `to`; fails the running test if `from` is not in it
/// (an edit of a fixture that no longer applies).
std::string replaced(std::string text, const std::string& from, const std::string& to);
/// Files directly in `dir` whose name ends with `suffix`, sorted by name.
std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir,
                                            const std::string& suffix);

/// One "# expect: CODE LINE:COLUMN MESSAGE" comment of a fixture (line and column 1-based as
/// printed), with the "# hint: TEXT" that may follow it.
struct ExpectedDiagnostic {
  std::string code;
  int line = 0;
  int column = 0;
  std::string message;  ///< a substring of the diagnostic's message
  std::string hint;     ///< a substring of its hint (empty: not checked)
};
std::vector<ExpectedDiagnostic> expected_diagnostics(const std::string& text);

}  // namespace redress::test
