// Every fixture in tests/data/bad/ that carries "# expect:" comments is loaded, and each
// expected diagnostic must be reported with that code, at that line and column, with that
// message (and hint). No bad policy may come back compiled.
#include <catch2/catch.hpp>

#include "redress/io/load_policy.hpp"
#include "support/fixtures.hpp"

namespace {

using redress::test::ExpectedDiagnostic;

bool matches(const redress::Diagnostic& d, const ExpectedDiagnostic& e) {
  return d.code == e.code && d.location.line + 1 == e.line && d.location.column + 1 == e.column &&
         d.message.find(e.message) != std::string::npos &&
         (e.hint.empty() || d.hint.find(e.hint) != std::string::npos);
}

}  // namespace

TEST_CASE("bad policies give their diagnostics and no policy", "[compile][golden]") {
  const auto dir = redress::test::source_dir() / "tests/data/bad";
  int checked = 0;
  for (const auto& path : redress::test::files_in(dir, ".yaml")) {
    const auto text = redress::test::read_file(path);
    const auto expected = redress::test::expected_diagnostics(text);
    if (expected.empty()) continue;  // shape cases asserted in io/policy_loader_test.cpp
    ++checked;
    const auto file = path.filename().string();
    // The full path: includes are resolved relative to the policy file.
    const auto result = redress::load_policy(text, path.string());
    std::string rendered;
    for (const auto& d : result.diagnostics.items()) {
      rendered += redress::render(d, result.source_of(d.location.file));
    }
    INFO(file << " gave:\n" << rendered);
    CHECK(result.policy == nullptr);
    for (const auto& e : expected) {
      INFO("expected " << e.code << " at " << e.line << ":" << e.column << " '" << e.message
                       << "' hint '" << e.hint << "'");
      const auto& items = result.diagnostics.items();
      CHECK(std::any_of(items.begin(), items.end(),
                        [&](const redress::Diagnostic& d) { return matches(d, e); }));
    }
  }
  CHECK(checked >= 15);
}
