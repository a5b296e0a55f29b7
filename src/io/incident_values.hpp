// Private to the incident readers: single values of an incident document as both formats give
// them (Scalar), and the checks that turn them into typed values or report, as a diagnostic,
// what is wrong. One pass finds all the mistakes in a document, up to kMaxIncidentErrors.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "redress/diag/diagnostic.hpp"
#include "redress/model/money.hpp"
#include "redress/model/time.hpp"

namespace redress::io::detail {

/// The kind of a value, as JSON would see it.
enum class ValueKind { null, boolean, integer, number, string, list, map };
/// "null", "a boolean", "an integer", "a number", "a string", "a list", "a map".
std::string_view describe(ValueKind kind);

/// Where a value is: a byte offset into a JSON text, or a YAML mark (line and column known).
struct Position {
  std::size_t offset = 0;
  std::int32_t line = -1;  ///< -1: resolve `offset` against the text
  std::int32_t column = -1;
};

/// One value of a document. Containers are only classified; scalars are read.
struct Scalar {
  ValueKind kind = ValueKind::null;
  /// A string's value; a number's or a boolean's text as written.
  std::string_view text;
  /// An integer's value; nullopt when it does not fit 64 bits.
  std::optional<std::int64_t> integer;
  bool flag = false;  ///< a boolean's value
  Position at;

  [[nodiscard]] bool container() const { return kind == ValueKind::list || kind == ValueKind::map; }
};

/// Thrown to stop reading a document at once: too many errors.
struct StopReading {};
/// Thrown to stop reading a document at once: a map or list at `at` nests too deep.
struct TooDeep {
  Position at;
};

/// Equality of short strings (keys, enum spellings) without a call to memcmp: most keys differ
/// in length or in their first bytes.
constexpr bool equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

/// The position of `text` among `values` (values.size() when absent).
constexpr std::size_t index_of(std::string_view text, std::span<const std::string_view> values) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (equal(values[i], text)) return i;
  }
  return values.size();
}

/// `text` cut to a width fit for a message ("..." marks a cut), at a UTF-8 character boundary.
std::string shown(std::string_view text, std::size_t width = 60);

/// Caches that outlive one document (a reader reads line after line that often share them).
struct ValueCache {
  std::string time_text;  ///< the last timestamp text parsed, and its value
  Timestamp time;
  Currency currency;  ///< the last currency code parsed
};

/// Checks single values and collects the diagnostics of one document. Each diagnostic carries
/// an order key (set_order) so that the output does not depend on the order of the keys in the
/// document: a group's own problems, then its unknown keys, then its fields in table order.
class ValueChecks {
 public:
  /// `text` is the JSON text that positions are offsets into (empty for YAML); `file` names it.
  ValueChecks(std::string_view file, std::string_view text, Currency currency, ValueCache& cache)
      : file_(file), text_(text), currency_(currency), cache_(cache) {}

  void set_order(std::uint32_t key) { order_ = key; }
  /// Records an error at `at`; throws StopReading at the kMaxIncidentErrors-th.
  void error(std::string code, Position at, std::string message, std::string hint = {});
  /// Records the one error that ends the reading (syntax, depth), dropping the others.
  void fatal(std::string code, Position at, std::string message, std::string hint = {});
  /// The fatal error of a map or list nested deeper than kMaxIncidentDepth.
  void too_deep(Position at);
  [[nodiscard]] bool failed() const { return !found_.empty(); }
  /// The diagnostics, in order; the checks are empty afterwards.
  Diagnostics take();

  void wrong_type(const Scalar& value, std::string_view name, std::string_view expected,
                  std::string hint = {});
  /// Checks that `value` is a map; reports incident.wrong_type with an example otherwise.
  bool expect_map(const Scalar& value, std::string_view name, std::string_view example);
  /// An unknown key in the map `where` ("" at the root), with a did-you-mean among `known`.
  void unknown_field(std::string_view key, Position at, std::string_view where,
                     std::span<const std::string_view> known);
  void duplicate_field(std::string_view key, Position at, std::string_view where);
  /// A required field that is absent (`at` is its map) or null or empty (`at` is the value).
  void missing_field(std::string_view key, Position at, std::string_view where,
                     std::string_view example);

  std::optional<std::string_view> string(const Scalar& value, std::string_view name);
  std::optional<bool> boolean(const Scalar& value, std::string_view name);
  /// An integer in [min, max]; values outside are reported as incident.out_of_range.
  std::optional<std::int64_t> integer(const Scalar& value, std::string_view name,
                                      std::int64_t min = std::numeric_limits<std::int64_t>::min(),
                                      std::int64_t max = std::numeric_limits<std::int64_t>::max());
  std::optional<Timestamp> timestamp(const Scalar& value, std::string_view name);
  /// Money written as text ("800.00 CNY"), at least `min` minor units, in the schema's currency.
  std::optional<Money> money_text(const Scalar& value, std::string_view name, std::int64_t min);
  /// Money written as a map at `at` whose keys `minor` and `currency` gave these values (null
  /// when absent), and whose other keys are `unknown`.
  std::optional<Money> money_map(Position at, std::string_view name, const Scalar* minor,
                                 const Scalar* currency,
                                 std::span<const std::pair<std::string_view, Position>> unknown,
                                 std::int64_t min);
  /// A wrong kind for money (neither text nor a map).
  void not_money(const Scalar& value, std::string_view name);
  /// The index of the value's spelling in `values` (incident.unknown_value if absent).
  std::optional<std::size_t> choice(const Scalar& value, std::string_view name,
                                    std::span<const std::string_view> values);
  /// A value that must be a list (of `values`) and is not.
  void not_list(const Scalar& value, std::string_view name,
                std::span<const std::string_view> values);

 private:
  std::optional<Money> checked(const Money& money, Position at, std::string_view name,
                               std::int64_t min);
  SourceLocation locate(Position at);

  std::string_view file_;
  FileName file_name_;                    // made from file_ at the first diagnostic
  std::string_view text_;                 // the JSON text that offsets point into (empty for YAML)
  std::vector<std::size_t> line_starts_;  // of text_, computed at the first JSON diagnostic
  Currency currency_;
  ValueCache& cache_;
  std::uint32_t order_ = 0;
  std::vector<std::pair<std::uint32_t, Diagnostic>> found_;
};

}  // namespace redress::io::detail
