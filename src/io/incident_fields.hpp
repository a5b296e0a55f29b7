// Private to the incident reader: typed reads of single YAML/JSON values that report every
// problem as a diagnostic and carry on, so one pass finds all the mistakes in a document.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "redress/diag/diagnostic.hpp"
#include "redress/model/enums.hpp"
#include "redress/model/money.hpp"
#include "redress/model/time.hpp"

namespace redress::io::detail {

/// The kind of value a node holds, as JSON would see it.
enum class ValueKind { null, boolean, integer, number, string, list, map };

/// Classifies a node: quoted scalars are strings; plain scalars are resolved as YAML 1.2 core.
ValueKind kind_of(const YAML::Node& node);
/// "null", "a boolean", "an integer", "a number", "a string", "a list", "a map".
std::string_view describe(ValueKind kind);

/// Reads the fields of one incident document into typed values, collecting diagnostics.
/// Each read returns nullopt after reporting what is wrong. `name` is the field's dotted path
/// ("history.open_complaints"), used in messages.
class FieldReader {
 public:
  FieldReader(std::string_view file, Currency currency, Diagnostics& diagnostics)
      : file_(file), currency_(currency), diagnostics_(diagnostics) {}

  /// Where a node was written, 0-based.
  [[nodiscard]] SourceLocation at(const YAML::Node& node) const;
  void error(std::string code, const YAML::Node& node, std::string message, std::string hint = {});

  /// Checks that `node` is a map; reports incident.wrong_type otherwise.
  bool expect_map(const YAML::Node& node, std::string_view name, std::string_view example);
  /// Reports every key of `map` not in `known` as incident.unknown_field (with a did-you-mean).
  void check_keys(const YAML::Node& map, std::string_view where,
                  std::span<const std::string_view> known);

  std::optional<std::string> string(const YAML::Node& node, std::string_view name);
  std::optional<bool> boolean(const YAML::Node& node, std::string_view name);
  /// An integer in [min, max]; values outside are reported as incident.out_of_range.
  std::optional<std::int64_t> integer(const YAML::Node& node, std::string_view name,
                                      std::int64_t min = std::numeric_limits<std::int64_t>::min(),
                                      std::int64_t max = std::numeric_limits<std::int64_t>::max());
  std::optional<Timestamp> timestamp(const YAML::Node& node, std::string_view name);
  /// "800.00 CNY" or {minor: 80000, currency: CNY}, in the schema's currency.
  std::optional<Money> money(const YAML::Node& node, std::string_view name);
  /// The index of the node's spelling in `values` (incident.unknown_value if absent).
  std::optional<std::size_t> choice(const YAML::Node& node, std::string_view name,
                                    std::span<const std::string_view> values);
  /// A list of values from `values`, as a sorted, duplicate-free list of indices.
  std::optional<std::vector<std::size_t>> choices(const YAML::Node& node, std::string_view name,
                                                  std::span<const std::string_view> values);

  template <typename E>
  std::optional<E> enumeration(const YAML::Node& node, std::string_view name) {
    const auto index = choice(node, name, enum_names<E>());
    if (!index) return std::nullopt;
    return static_cast<E>(*index);
  }

  template <typename E>
  std::optional<std::vector<E>> enum_set(const YAML::Node& node, std::string_view name) {
    const auto indices = choices(node, name, enum_names<E>());
    if (!indices) return std::nullopt;
    std::vector<E> out;
    for (std::size_t i : *indices) out.push_back(static_cast<E>(i));
    return out;
  }

 private:
  void wrong_type(const YAML::Node& node, std::string_view name, std::string_view expected,
                  std::string hint = {});
  std::optional<Money> money_map(const YAML::Node& node, std::string_view name);
  std::optional<Money> check_currency(const Money& money, const YAML::Node& node,
                                      std::string_view name);

  std::string file_;
  Currency currency_;
  Diagnostics& diagnostics_;
};

}  // namespace redress::io::detail
