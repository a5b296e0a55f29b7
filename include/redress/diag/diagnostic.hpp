// Diagnostics: what is wrong with user content (a policy, an expression, an incident),
// where, and how to fix it. User mistakes are reported as values, never as exceptions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace redress {

/// A position in a source text. Line and column are 0-based (as yaml-cpp gives them) and are
/// printed 1-based by the renderer.
struct SourceLocation {
  std::string file;
  std::int32_t line = -1;    ///< -1 when unknown
  std::int32_t column = -1;  ///< -1 when unknown
  [[nodiscard]] bool known() const { return line >= 0; }
  friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

enum class Severity { error, warning, info };

/// One finding. `code` is stable across releases (see the codes table in rules/README.md);
/// `message` says what is wrong; `hint` says how to fix it (may be empty).
struct Diagnostic {
  std::string code;
  Severity severity = Severity::error;
  SourceLocation location;
  std::string message;
  std::string hint;
};

std::string_view to_string(Severity severity);

/// A list of diagnostics with helpers; sorted by location for output.
class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void error(std::string code, SourceLocation where, std::string message, std::string hint = {});
  void warning(std::string code, SourceLocation where, std::string message, std::string hint = {});
  void append(const Diagnostics& other);

  [[nodiscard]] bool has_errors() const;
  [[nodiscard]] bool empty() const { return items_.empty(); }
  [[nodiscard]] std::size_t size() const { return items_.size(); }
  [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }
  /// Orders by file, line, column, then code: a deterministic order for output.
  void sort();

 private:
  std::vector<Diagnostic> items_;
};

/// Renders one diagnostic for people:
///   file:3:14: error[expr.syntax]: unexpected ')'
///      3 |     when: emotion == )
///        |                     ^
///   hint: ...
/// `source` is the whole text of the file (may be empty: then no source line is shown).
std::string render(const Diagnostic& d, std::string_view source);

}  // namespace redress
