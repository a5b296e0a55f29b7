// Diagnostics: what is wrong with user content (a policy, an expression, an incident),
// where, and how to fix it. User mistakes are reported as values, never as exceptions.
#pragma once

#include <compare>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace redress {

/// The name a source text was loaded under: an immutable string shared by every copy. A policy
/// holds thousands of locations into one file; sharing the name makes each copy a reference
/// count instead of a string (an allocation for names past std::string's small buffer). Reads
/// like a const std::string. Copies may be used from several threads at once.
class FileName {
 public:
  /// The empty name.
  FileName() = default;
  /// Holds a copy of `name` (implicit: a name is given wherever a string is).
  FileName(std::string name)
      : name_(name.empty() ? nullptr : std::make_shared<const std::string>(std::move(name))) {}
  /// Holds a copy of `name`.
  FileName(std::string_view name) : FileName(std::string(name)) {}
  /// Holds a copy of `name` (a null-terminated string).
  FileName(const char* name) : FileName(std::string(name)) {}

  /// The name; valid while this FileName (or a copy of it) is.
  [[nodiscard]] const std::string& str() const { return name_ ? *name_ : empty_name(); }
  /// The name as a null-terminated string.
  [[nodiscard]] const char* c_str() const { return str().c_str(); }
  /// True for the empty name.
  [[nodiscard]] bool empty() const { return !name_; }
  /// The length of the name in bytes.
  [[nodiscard]] std::size_t size() const { return str().size(); }
  /// The name, as a const std::string.
  operator const std::string&() const { return str(); }
  /// The name, as a string view.
  operator std::string_view() const { return str(); }

  /// Equal names (by content).
  friend bool operator==(const FileName& a, const FileName& b) {
    return a.name_ == b.name_ || a.str() == b.str();
  }
  /// The name equals `b`.
  friend bool operator==(const FileName& a, std::string_view b) { return a.str() == b; }
  /// The name equals `b`.
  friend bool operator==(const FileName& a, const std::string& b) { return a.str() == b; }
  /// The name equals `b` (a null-terminated string).
  friend bool operator==(const FileName& a, const char* b) { return a.str() == b; }
  /// Orders by content, as std::string does.
  friend std::strong_ordering operator<=>(const FileName& a, const FileName& b) {
    return a.str() <=> b.str();
  }
  /// The name followed by `b`, as std::string's operator+ gives it.
  friend std::string operator+(const FileName& a, std::string_view b) {
    std::string out;
    out.reserve(a.size() + b.size());
    return out.append(a.str()).append(b);
  }
  /// `a` followed by the name.
  friend std::string operator+(std::string_view a, const FileName& b) {
    std::string out;
    out.reserve(a.size() + b.size());
    return out.append(a).append(b.str());
  }
  /// Writes the name.
  friend std::ostream& operator<<(std::ostream& out, const FileName& name);

 private:
  static const std::string& empty_name();    ///< the name of every empty FileName
  std::shared_ptr<const std::string> name_;  ///< null for the empty name
};

/// A position in a source text. Line and column are 0-based (as yaml-cpp gives them) and are
/// printed 1-based by the renderer.
struct SourceLocation {
  FileName file;             ///< the name the text was loaded under; may be empty
  std::int32_t line = -1;    ///< -1 when unknown
  std::int32_t column = -1;  ///< -1 when unknown
  /// True when the line is known (the column may still be unknown).
  [[nodiscard]] bool known() const { return line >= 0; }
  /// Memberwise equality.
  friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

/// How serious a finding is. Only errors make a policy or an incident unusable; warnings and
/// infos (the latter from the linter) are advice.
enum class Severity { error, warning, info };

/// One finding. `code` is stable across releases (see the codes table in rules/README.md);
/// `message` says what is wrong; `hint` says how to fix it (may be empty).
struct Diagnostic {
  std::string code;                     ///< e.g. "expr.syntax"
  Severity severity = Severity::error;  ///< error, warning or info
  SourceLocation location;              ///< unknown when the finding has no single place
  std::string message;                  ///< what is wrong, one sentence
  std::string hint;                     ///< how to fix it; may be empty
};

/// "error", "warning" or "info".
std::string_view to_string(Severity severity);

/// A list of diagnostics in the order added (call sort() for output order). A plain value:
/// not synchronised, so one list must not be written from several threads at once.
class Diagnostics {
 public:
  /// Appends `d`.
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  /// Appends an error-level diagnostic.
  void error(std::string code, SourceLocation where, std::string message, std::string hint = {});
  /// Appends a warning-level diagnostic.
  void warning(std::string code, SourceLocation where, std::string message, std::string hint = {});
  /// Appends copies of every diagnostic of `other`, in its order.
  void append(const Diagnostics& other);

  /// True when any diagnostic has Severity::error.
  [[nodiscard]] bool has_errors() const;
  /// True when there is no diagnostic at all (of any severity).
  [[nodiscard]] bool empty() const { return items_.empty(); }
  /// The number of diagnostics of any severity.
  [[nodiscard]] std::size_t size() const { return items_.size(); }
  /// The diagnostics, in the current order; valid until the list is next modified.
  [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }
  /// Orders by file, line, column, then code (stable; unknown locations first): a
  /// deterministic order for output.
  void sort();

 private:
  std::vector<Diagnostic> items_;
};

/// Renders one diagnostic for people:
///   file:3:14: error[expr.syntax]: unexpected ')'
///      3 |     when: emotion == )
///        |                     ^
///   hint: ...
/// `source` is the whole text of the file (may be empty: then no source line is shown). A line
/// longer than 160 bytes is shown as the 160 bytes around the caret, with "..." where it is cut.
std::string render(const Diagnostic& d, std::string_view source);

/// "file:line:column: message" (1-based), or the message alone when it has no location: one
/// line for an exception message or a log.
std::string located(const Diagnostic& d);

/// "what (N errors): the first error, located", or `what` alone when there is no error: the
/// message of an error that carries `diagnostics` beside it (the C ABI, the Python package).
std::string error_summary(std::string_view what, const Diagnostics& diagnostics);

}  // namespace redress
