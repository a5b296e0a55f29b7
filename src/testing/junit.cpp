// JUnit XML is written by hand: the format needs five escapes (io::escape_markup) and a fixed
// element layout, which does not justify an XML library dependency.
#include "redress/testing/junit.hpp"

#include <fmt/format.h>

#include "redress/io/markup.hpp"

namespace redress::testing {
namespace {

using io::escape_markup;

void write_suite(const SuiteResult& suite, std::string& out) {
  const auto errors = suite.diagnostics.has_errors() ? 1 : 0;
  out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
                     escape_markup(suite.file), suite.cases.size() + suite.properties.size(),
                     suite.failed() + suite.properties_failed(), errors);
  if (errors) {
    std::string text;
    for (const auto& d : suite.diagnostics.items()) text += render(d, {});
    out += fmt::format("    <error message=\"the suite could not run\">{}</error>\n",
                       escape_markup(text));
  }
  for (const auto& c : suite.cases) {
    out += fmt::format("    <testcase classname=\"{}\" name=\"{}\"", escape_markup(suite.file),
                       escape_markup(c.name));
    if (c.passed()) {
      out += "/>\n";
      continue;
    }
    out += fmt::format(">\n      <failure message=\"{} expectation(s) not met\">{}</failure>\n",
                       c.mismatches.size() + c.errors.size(), escape_markup(describe_failure(c)));
    out += "    </testcase>\n";
  }
  for (const auto& p : suite.properties) {
    out += fmt::format("    <testcase classname=\"{}\" name=\"property: {}\"",
                       escape_markup(suite.file), escape_markup(p.name));
    if (p.passed()) {
      out += "/>\n";
      continue;
    }
    out += fmt::format(">\n      <failure message=\"the property does not hold\">{}</failure>\n",
                       escape_markup(describe(p)));
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n";
}

}  // namespace

std::string to_junit(const std::vector<SuiteResult>& suites) {
  std::size_t tests = 0, failures = 0;
  for (const auto& s : suites) {
    tests += s.cases.size() + s.properties.size();
    failures += s.failed() + s.properties_failed();
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out +=
      fmt::format("<testsuites name=\"redress\" tests=\"{}\" failures=\"{}\">\n", tests, failures);
  for (const auto& s : suites) write_suite(s, out);
  out += "</testsuites>\n";
  return out;
}

}  // namespace redress::testing
