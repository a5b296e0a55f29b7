// Reading YAML nodes with diagnostics: kind checks, known keys with a did-you-mean hint,
// required keys, duplicate keys, and scalars turned into located policy::Text.
#pragma once

#include <yaml-cpp/yaml.h>

#include <functional>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "redress/diag/diagnostic.hpp"
#include "redress/policy/spec.hpp"

namespace redress::io::yaml {

/// What one load shares: the file name, the raw text (to locate scalars inside it) and the
/// diagnostics collected so far.
class Context {
 public:
  /// `source` and `diagnostics` must outlive the context.
  Context(std::string_view source, std::string_view file, Diagnostics& diagnostics);

  /// A yaml-cpp mark (0-based, -1 when unknown) as a location in this file.
  [[nodiscard]] SourceLocation location(const YAML::Mark& mark) const;
  /// A scalar node as Text, with first_char and offsets found in the raw source.
  [[nodiscard]] policy::Text text(const YAML::Node& scalar) const;
  /// Adds an error diagnostic at `mark`.
  void error(std::string code, const YAML::Mark& mark, std::string message, std::string hint = {});
  [[nodiscard]] const FileName& file() const { return file_; }

 private:
  std::string_view source_;
  std::size_t bom_ = 0;  ///< yaml-cpp's positions do not count a UTF-8 byte-order mark
  FileName file_;        ///< one name shared by every location of the load
  Diagnostics& diagnostics_;
};

/// The kind of a node in words, for messages: "a map", "a list", "a scalar", "nothing".
std::string_view kind_name(const YAML::Node& node);

/// The candidates as "'a', 'b' or 'c'", for messages listing allowed values.
std::string quoted_list(std::span<const std::string_view> candidates);

/// Reports policy.wrong_type ("{subject} must be a map, found a list") and returns false unless
/// `node` is a map. `where` is the mark to report at.
bool expect_map(Context& ctx, const YAML::Node& node, std::string_view subject,
                const YAML::Mark& where);
/// As expect_map, for a list.
bool expect_list(Context& ctx, const YAML::Node& node, std::string_view subject,
                 const YAML::Mark& where);
/// As expect_map, for a scalar.
bool expect_scalar(Context& ctx, const YAML::Node& node, std::string_view subject,
                   const YAML::Mark& where);

/// One key/value pair of a map, in written order.
struct Entry {
  YAML::Node key;
  YAML::Node value;
  std::string name;       ///< the key as text
  YAML::Mark value_mark;  ///< the value's mark, or the key's when the value is null
};

/// The entries of `map` in written order. Reports keys that are not scalars
/// (policy.wrong_type) and repeated keys (policy.duplicate_key, at the repeat), and leaves both
/// out. `what` names the map in messages ("rule", "'set' action").
std::vector<Entry> map_entries(Context& ctx, const YAML::Node& map, std::string_view what);

/// Calls `each` for every item of a list that is a map; reports other items as wrong_type.
/// `subject` names the list in messages ("'facts'").
void for_each_map(Context& ctx, const YAML::Node& list, std::string_view subject,
                  const std::function<void(const YAML::Node&)>& each);

/// A {locale: text} map (`map` must be a map); `what` names it in messages.
policy::LocalizedText read_localized(Context& ctx, const YAML::Node& map, std::string_view what);

/// Reads one YAML map with a fixed set of keys. Construction reports unknown keys (with a
/// did-you-mean hint) and duplicate keys; the accessors report wrong kinds and missing keys.
class MapReader {
 public:
  /// `map` must be a map. `what` names it in messages ("rule", "'policy' section").
  MapReader(Context& ctx, const YAML::Node& map, std::string what,
            std::vector<std::string_view> known_keys);

  /// The entry for `key`, or nullptr if absent.
  [[nodiscard]] const Entry* find(std::string_view key) const;
  /// The entry for `key` with a non-null value; if there is none, reports policy.missing_key
  /// (with `hint`, or "add 'key: ...'") and returns nullptr.
  const Entry* require(std::string_view key, std::string_view hint = {});
  /// A scalar value as Text; empty Text when absent or null (reported if `required`).
  policy::Text text(std::string_view key, bool required = false);
  /// A scalar value, or nullopt when absent or null.
  std::optional<policy::Text> optional_text(std::string_view key);
  /// A list of scalars; empty when absent or null.
  std::vector<policy::Text> texts(std::string_view key);
  /// A YAML boolean (`true`/`false`, unquoted); false when absent or null.
  bool boolean(std::string_view key);
  /// The entry if its value is a list; nullptr when absent, null or the wrong kind (reported).
  const Entry* list(std::string_view key, bool required = false, std::string_view hint = {});
  /// As list(), for a map value.
  const Entry* map(std::string_view key, bool required = false, std::string_view hint = {});
  /// A {locale: text} map; empty when absent or null.
  policy::LocalizedText localized(std::string_view key);

  /// Where the map starts.
  [[nodiscard]] SourceLocation location() const { return ctx_.location(map_.Mark()); }
  [[nodiscard]] Context& context() { return ctx_; }
  [[nodiscard]] const std::string& what() const { return what_; }

 private:
  /// The entry for `key` if present with a non-null value (reporting a missing required one).
  const Entry* present(std::string_view key, bool required, std::string_view hint);

  Context& ctx_;
  YAML::Node map_;
  std::string what_;
  std::vector<Entry> entries_;
};

}  // namespace redress::io::yaml
