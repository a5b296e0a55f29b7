#include "redress/diag/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>
#include <tuple>
#include <utility>

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

void Diagnostics::error(std::string code, SourceLocation where, std::string message,
                        std::string hint) {
  add({std::move(code), Severity::error, std::move(where), std::move(message), std::move(hint)});
}

void Diagnostics::warning(std::string code, SourceLocation where, std::string message,
                          std::string hint) {
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

// A line cut to at most kShownWidth bytes around `column` ("..." marks a cut; a line of one long
// document, such as a JSON line, is never echoed whole), and the column within what is shown.
std::pair<std::string, std::int32_t> around(std::string_view line, std::int32_t column) {
  constexpr std::size_t kShownWidth = 100;
  if (line.size() <= kShownWidth) return {std::string(line), column};
  const auto at_boundary = [&](std::size_t i) {
    while (i > 0 && i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) --i;
    return i;
  };
  const std::size_t target = static_cast<std::size_t>(std::max(column, 0));
  std::size_t start = at_boundary(target > kShownWidth / 2 ? target - kShownWidth / 2 : 0);
  const std::size_t end = std::min(line.size(), at_boundary(start + kShownWidth));
  if (end == line.size()) start = at_boundary(line.size() - kShownWidth);
  std::string shown = start > 0 ? "..." : "";
  const auto offset = static_cast<std::int32_t>(shown.size()) - static_cast<std::int32_t>(start);
  shown.append(line.substr(start, end - start));
  if (end < line.size()) shown += "...";
  return {std::move(shown), column < 0 ? column : column + offset};
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
      const auto [text, column] = around(line, loc.column);
      const auto number = fmt::format("{}", loc.line + 1);
      out += fmt::format(" {} | {}\n", number, text);
      if (column >= 0) {
        // Keep tabs so that the caret lines up under the same character.
        std::string pad;
        for (std::size_t i = 0; i < static_cast<std::size_t>(column) && i < text.size(); ++i) {
          pad += text[i] == '\t' ? '\t' : ' ';
        }
        out += fmt::format(" {} | {}^\n", std::string(number.size(), ' '), pad);
      }
    }
  }
  if (!d.hint.empty()) out += fmt::format("  hint: {}\n", d.hint);
  return out;
}

}  // namespace redress
