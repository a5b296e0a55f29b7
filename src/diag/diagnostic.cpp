#include "redress/diag/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <ostream>
#include <tuple>

#include "redress/diag/codes.hpp"

namespace redress {

const std::string& FileName::empty_name() {
  static const std::string empty;
  return empty;
}

std::ostream& operator<<(std::ostream& out, const FileName& name) { return out << name.str(); }

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::info:
      return "info";
  }
  return "error";
}

namespace {

// Every code is reported with the severity the table of codes gives it (checked in debug builds;
// tests/unit/diag/codes_test.cpp checks the codes written in the sources in every build).
[[maybe_unused]] bool registered_as(std::string_view code, Severity severity) {
  const auto* entry = find_diagnostic_code(code);
  return entry && entry->severity == severity;
}

}  // namespace

void Diagnostics::error(std::string code, SourceLocation where, std::string message,
                        std::string hint) {
  assert(registered_as(code, Severity::error) && "a code missing from redress/diag/codes.hpp");
  add({std::move(code), Severity::error, std::move(where), std::move(message), std::move(hint)});
}

void Diagnostics::warning(std::string code, SourceLocation where, std::string message,
                          std::string hint) {
  assert(registered_as(code, Severity::warning) && "a code missing from redress/diag/codes.hpp");
  add({std::move(code), Severity::warning, std::move(where), std::move(message), std::move(hint)});
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const {
  return std::any_of(items_.begin(), items_.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.file, a.location.line, a.location.column, a.code) <
           std::tie(b.location.file, b.location.line, b.location.column, b.code);
  });
}

namespace {

std::string_view line_of(std::string_view source, std::int32_t line) {
  std::size_t start = 0;
  for (std::int32_t i = 0; i < line; ++i) {
    const auto nl = source.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  auto end = source.find('\n', start);
  if (end == std::string_view::npos) end = source.size();
  auto text = source.substr(start, end - start);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

/// The most bytes of a source line a rendered diagnostic shows (rules/README.md, "Limits"):
/// a longer line (minified JSON, a generated policy) is cut around the caret.
constexpr std::size_t kMaxExcerptWidth = 160;
constexpr std::string_view kCut = "...";

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

/// The part of a line shown, and the caret's byte offset in it.
struct Excerpt {
  std::string text;
  std::size_t caret = 0;
};

/// At most kMaxExcerptWidth bytes of `line` around byte `column`, marked "..." where cut and
/// never cut inside a UTF-8 character.
Excerpt excerpt(std::string_view line, std::size_t column) {
  column = std::min(column, line.size());
  if (line.size() <= kMaxExcerptWidth) return {std::string(line), column};
  std::size_t begin = column > kMaxExcerptWidth / 2 ? column - kMaxExcerptWidth / 2 : 0;
  std::size_t end = std::min(line.size(), begin + kMaxExcerptWidth);
  begin = end - kMaxExcerptWidth;  // a caret near the end still gets a full-width excerpt
  while (begin > 0 && begin < column && is_continuation_byte(line[begin])) ++begin;
  while (end < line.size() && end > column && is_continuation_byte(line[end])) --end;
  Excerpt out;
  if (begin > 0) out.text = kCut;
  out.caret = out.text.size() + (column - begin);
  out.text.append(line.substr(begin, end - begin));
  if (end < line.size()) out.text.append(kCut);
  return out;
}

}  // namespace

std::string render(const Diagnostic& d, std::string_view source) {
  std::string out;
  const auto& loc = d.location;
  if (!loc.file.empty()) {
    out += loc.file.str();
    out += ':';
  }
  if (loc.known()) {
    out += fmt::format("{}:", loc.line + 1);
    if (loc.column >= 0) out += fmt::format("{}:", loc.column + 1);
  }
  if (!out.empty()) out += " ";
  out += fmt::format("{}[{}]: {}\n", to_string(d.severity), d.code, d.message);
  if (loc.known() && !source.empty()) {
    const auto line = line_of(source, loc.line);
    if (!line.empty()) {
      const auto number = fmt::format("{}", loc.line + 1);
      const auto shown = excerpt(line, static_cast<std::size_t>(std::max(loc.column, 0)));
      out += fmt::format(" {} | {}\n", number, shown.text);
      if (loc.column >= 0) {
        // Keep tabs so that the caret lines up under the same character.
        std::string pad;
        for (std::size_t i = 0; i < shown.caret; ++i) pad += shown.text[i] == '\t' ? '\t' : ' ';
        out += fmt::format(" {} | {}^\n", std::string(number.size(), ' '), pad);
      }
    }
  }
  if (!d.hint.empty()) out += fmt::format("  hint: {}\n", d.hint);
  return out;
}

std::string located(const Diagnostic& d) {
  const auto& at = d.location;
  if (!at.known()) return d.message;
  return fmt::format("{}:{}:{}: {}", at.file.str(), at.line + 1, at.column + 1, d.message);
}

std::string error_summary(std::string_view what, const Diagnostics& diagnostics) {
  std::size_t errors = 0;
  const Diagnostic* first = nullptr;
  for (const auto& d : diagnostics.items()) {
    if (d.severity != Severity::error) continue;
    ++errors;
    if (!first) first = &d;
  }
  if (!first) return std::string(what);
  return fmt::format("{} ({} error{}): {}", what, errors, errors == 1 ? "" : "s", located(*first));
}

}  // namespace redress
