// JUnit XML is written by hand: the format needs five escapes and a fixed element layout, which
// does not justify an XML library dependency.
#include "redress/testing/junit.hpp"

#include <fmt/format.h>

namespace redress::testing {
namespace {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

void write_suite(const SuiteResult& suite, std::string& out) {
  const auto errors = suite.diagnostics.has_errors() ? 1 : 0;
  out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
                     escape(suite.file), suite.cases.size(), suite.failed(), errors);
  if (errors) {
    std::string text;
    for (const auto& d : suite.diagnostics.items()) text += render(d, {});
    out += fmt::format("    <error message=\"the suite could not run\">{}</error>\n", escape(text));
  }
  for (const auto& c : suite.cases) {
    out += fmt::format("    <testcase classname=\"{}\" name=\"{}\"", escape(suite.file),
                       escape(c.name));
    if (c.passed()) {
      out += "/>\n";
      continue;
    }
    out += fmt::format(">\n      <failure message=\"{} expectation(s) not met\">{}</failure>\n",
                       c.mismatches.size() + c.errors.size(), escape(describe_failure(c)));
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n";
}

}  // namespace

std::string to_junit(const std::vector<SuiteResult>& suites) {
  std::size_t tests = 0, failures = 0;
  for (const auto& s : suites) {
    tests += s.cases.size();
    failures += s.failed();
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out +=
      fmt::format("<testsuites name=\"redress\" tests=\"{}\" failures=\"{}\">\n", tests, failures);
  for (const auto& s : suites) write_suite(s, out);
  out += "</testsuites>\n";
  return out;
}

}  // namespace redress::testing
