// Every malformed incident in tests/data/bad_incidents/ is refused by the reader (checked
// against the default policy) with the diagnostic its .expect file names.
#include <catch2/catch.hpp>

#include "redress/io/incident_reader.hpp"
#include "redress/io/incident_schema.hpp"
#include "redress/io/load_policy.hpp"
#include "support/fixtures.hpp"

TEST_CASE("bad incidents give their diagnostics and no incident", "[io][golden]") {
  const auto policy = redress::load_default_policy().policy;
  REQUIRE(policy != nullptr);
  const auto schema = redress::io::incident_schema(*policy);
  const auto dir = redress::test::source_dir() / "tests/data/bad_incidents";
  const auto expectations = redress::test::files_in(dir, ".expect");
  CHECK(expectations.size() >= 10);
  for (const auto& expect_path : expectations) {
    auto path = expect_path;
    path.replace_extension();  // x.yaml.expect -> x.yaml
    const auto text = redress::test::read_file(path);
    const auto file = path.filename().string();
    const auto result = redress::io::read_incident(text, file, schema);
    std::string rendered;
    for (const auto& d : result.diagnostics.items()) rendered += redress::render(d, text);
    INFO(file << " gave:\n" << rendered);
    CHECK_FALSE(result.incident.has_value());
    for (const auto& e :
         redress::test::expected_diagnostics(redress::test::read_file(expect_path))) {
      INFO("expected " << e.code << " at " << e.line << ":" << e.column << " '" << e.message
                       << "'");
      const auto& items = result.diagnostics.items();
      CHECK(std::any_of(items.begin(), items.end(), [&](const redress::Diagnostic& d) {
        return d.code == e.code && d.location.file == file && d.location.line + 1 == e.line &&
               d.location.column + 1 == e.column && d.message == e.message &&
               (e.hint.empty() || d.hint == e.hint);
      }));
    }
  }
}
