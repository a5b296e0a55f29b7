// Rendering diagnostics: 1-based positions, the source line, the caret under the column.
#include <catch2/catch.hpp>

#include "diag/suggest.hpp"
#include "redress/diag/diagnostic.hpp"

TEST_CASE("render prints file:line:column, the line, a caret and the hint", "[diag]") {
  const redress::Diagnostic d{
      "expr.syntax", redress::Severity::error, {"p.yaml", 1, 10}, "unexpected ')'", "remove it"};
  const std::string source = "rules:\n  - when: a ) b\n";
  CHECK(redress::render(d, source) ==
        "p.yaml:2:11: error[expr.syntax]: unexpected ')'\n"
        " 2 |   - when: a ) b\n"
        "   |           ^\n"
        "  hint: remove it\n");
}

TEST_CASE("render keeps tabs so the caret lines up", "[diag]") {
  const redress::Diagnostic d{"x.y", redress::Severity::warning, {"f", 0, 2}, "m", ""};
  CHECK(redress::render(d, "\tab") == "f:1:3: warning[x.y]: m\n 1 | \tab\n   | \t ^\n");
}

namespace {

/// The excerpt and caret lines of a rendered diagnostic (its second and third lines).
std::pair<std::string, std::string> excerpt_lines(const std::string& rendered) {
  const auto first = rendered.find('\n') + 1;
  const auto second = rendered.find('\n', first) + 1;
  const auto third = rendered.find('\n', second);
  return {rendered.substr(first, second - 1 - first), rendered.substr(second, third - second)};
}

}  // namespace

TEST_CASE("render cuts a long line to 160 bytes around the caret, caret aligned", "[diag]") {
  // A 4 MB line with a marker at the middle, where the diagnostic points.
  std::string line(4'000'000, 'a');
  const std::size_t column = 2'000'000;
  line.replace(column, 3, "XYZ");
  const redress::Diagnostic d{
      "x.y", redress::Severity::error, {"f", 0, static_cast<std::int32_t>(column)}, "m", ""};
  const auto rendered = redress::render(d, line);
  CHECK(rendered.size() < 400);
  const auto [shown, caret] = excerpt_lines(rendered);
  // " 1 | " + "..." + 160 bytes + "..."
  CHECK(shown.size() == 5 + 3 + 160 + 3);
  CHECK(shown.substr(0, 8) == " 1 | ...");
  CHECK(shown.substr(shown.size() - 3) == "...");
  REQUIRE(caret.size() == shown.find("XYZ") + 1);
  CHECK(caret.back() == '^');

  // Near the start: nothing cut before, 160 bytes from the start of the line.
  const redress::Diagnostic early{"x.y", redress::Severity::error, {"f", 0, 3}, "m", ""};
  const auto [head, head_caret] = excerpt_lines(redress::render(early, line));
  CHECK(head == " 1 | " + std::string(160, 'a') + "...");
  CHECK(head_caret == "   |    ^");

  // Near the end: the last 160 bytes, the caret under the last character.
  const redress::Diagnostic late{"x.y", redress::Severity::error, {"f", 0, 3'999'999}, "m", ""};
  const auto [tail, tail_caret] = excerpt_lines(redress::render(late, line));
  CHECK(tail == " 1 | ..." + std::string(160, 'a'));
  CHECK(tail_caret.size() == tail.size());
  CHECK(tail_caret.back() == '^');
}

TEST_CASE("render never cuts a long line inside a UTF-8 character", "[diag]") {
  std::string line;
  for (int i = 0; i < 200; ++i) line += "\xe6\x9c\x8d";  // U+670D, three bytes each
  const redress::Diagnostic d{"x.y", redress::Severity::error, {"f", 0, 300}, "m", ""};
  const auto [shown, caret] = excerpt_lines(redress::render(d, line));
  // The window [220, 380) starts and ends inside a character: it shrinks to [222, 378).
  CHECK(shown == " 1 | ..." + line.substr(222, 156) + "...");
  CHECK(caret == "   | " + std::string(3 + 300 - 222, ' ') + "^");
}

TEST_CASE("render without a location or source prints the message alone", "[diag]") {
  const redress::Diagnostic d{
      "policy.io", redress::Severity::error, {"", -1, -1}, "cannot read", ""};
  CHECK(redress::render(d, "") == "error[policy.io]: cannot read\n");
}

TEST_CASE("diagnostics sort by file, line, column and count errors", "[diag]") {
  redress::Diagnostics list;
  list.warning("policy.missing_text", {"f", 5, 1}, "later");
  list.error("policy.bad_value", {"f", 2, 7}, "earlier");
  CHECK(list.has_errors());
  list.sort();
  CHECK(list.items()[0].code == "policy.bad_value");
  CHECK(list.items()[1].code == "policy.missing_text");
}

TEST_CASE("did-you-mean suggests only plausible typos", "[diag]") {
  using redress::detail::did_you_mean;
  const std::vector<std::string> keys = {"description", "when", "then", "after"};
  CHECK(did_you_mean("descripton", keys) == "did you mean 'description'?");
  CHECK(did_you_mean("hten", keys) == "did you mean 'then'?");
  CHECK(did_you_mean("priority", keys).empty());
}

TEST_CASE("edit distance counts a swap of neighbours as one edit", "[diag]") {
  using redress::detail::closest;
  using redress::detail::edit_distance;
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("angyr", "angry") == 1);
  const std::vector<std::string_view> names = {"intensity", "loss", "emotion"};
  CHECK(closest("intesity", names) == "intensity");
  CHECK(closest("los", names) == "loss");
  CHECK(closest("zzzzzz", names) == std::nullopt);
  const std::vector<std::string_view> short_names = {"xy"};
  CHECK(closest("ab", short_names) == std::nullopt);
}

#include "redress/io/diagnostics_writer.hpp"

TEST_CASE("diagnostics as JSON are 1-based, with null for unknown positions", "[diag][io]") {
  redress::Diagnostics list;
  list.error("expr.syntax", {"p.yaml", 4, 9}, "unexpected ')'", "remove it");
  list.warning("policy.missing_text", {"q.yaml", -1, -1}, "say \"hi\"");
  CHECK(
      redress::io::to_json(list) ==
      R"([{"code":"expr.syntax","severity":"error","file":"p.yaml","line":5,"column":10,)"
      R"("message":"unexpected ')'","hint":"remove it"},)"
      R"({"code":"policy.missing_text","severity":"warning","file":"q.yaml","line":null,"column":null,)"
      R"("message":"say \"hi\"","hint":""}])");
}

TEST_CASE("a file name is shared by its copies and compares as a string", "[diag]") {
  const redress::FileName name(std::string(40, 'p'));
  const redress::SourceLocation a{name, 1, 2};
  const auto b = a;
  CHECK(a.file.c_str() == b.file.c_str());  // one string, not a copy per location
  CHECK(b.file == std::string(40, 'p'));
  CHECK(b.file.size() == 40);
  CHECK(b.file + ":1" == std::string(40, 'p') + ":1");
  CHECK("at " + redress::FileName("f.yaml") == "at f.yaml");
  CHECK(a == b);
  CHECK(redress::SourceLocation{"f.yaml", 1, 2}.file == "f.yaml");
  CHECK(redress::FileName("a.yaml") < redress::FileName("b.yaml"));
  CHECK(redress::FileName(std::string_view("x")) == redress::FileName("x"));
  const redress::FileName none;
  CHECK(none.empty());
  CHECK(none == "");
  CHECK(none.str().empty());
  CHECK(redress::FileName("").empty());
}
