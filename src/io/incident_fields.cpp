#include "io/incident_fields.hpp"

#include "diag/suggest.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>

namespace redress::io::detail {
namespace {

constexpr std::string_view kMoneyExample = "\"800.00 CNY\" or {minor: 80000, currency: CNY}";

bool is_integer_text(std::string_view s) {
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) s.remove_prefix(1);
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A YAML 1.2 core-schema float: 1.5, -.5, 2e3, 1.0E-2 (not .inf or .nan: nobody sends those).
bool is_number_text(std::string_view s) {
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) s.remove_prefix(1);
  std::size_t i = 0;
  std::size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    const std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start) return false;
  }
  return i == s.size();
}

}  // namespace

ValueKind kind_of(const YAML::Node& node) {
  if (node.IsNull()) return ValueKind::null;
  if (node.IsSequence()) return ValueKind::list;
  if (node.IsMap()) return ValueKind::map;
  // Quoted scalars carry the tag "!" and explicit tags a URI: only plain scalars are resolved.
  const std::string& tag = node.Tag();
  if (tag != "?" && !tag.empty()) {
    return tag.ends_with(":int")     ? ValueKind::integer
           : tag.ends_with(":bool")  ? ValueKind::boolean
           : tag.ends_with(":float") ? ValueKind::number
                                     : ValueKind::string;
  }
  const std::string& s = node.Scalar();
  if (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE") {
    return ValueKind::boolean;
  }
  if (is_integer_text(s)) return ValueKind::integer;
  if (is_number_text(s)) return ValueKind::number;
  return ValueKind::string;
}

std::string_view describe(ValueKind kind) {
  switch (kind) {
    case ValueKind::null:
      return "null";
    case ValueKind::boolean:
      return "a boolean";
    case ValueKind::integer:
      return "an integer";
    case ValueKind::number:
      return "a number";
    case ValueKind::string:
      return "a string";
    case ValueKind::list:
      return "a list";
    case ValueKind::map:
      return "a map";
  }
  return "a value";
}

SourceLocation FieldReader::at(const YAML::Node& node) const {
  const YAML::Mark mark = node.Mark();
  return {file_, mark.line, mark.column};
}

void FieldReader::error(std::string code, const YAML::Node& node, std::string message,
                        std::string hint) {
  diagnostics_.error(std::move(code), at(node), std::move(message), std::move(hint));
}

void FieldReader::wrong_type(const YAML::Node& node, std::string_view name,
                             std::string_view expected, std::string hint) {
  error("incident.wrong_type", node,
        fmt::format("{} must be {}, found {}", name, expected, describe(kind_of(node))),
        std::move(hint));
}

bool FieldReader::expect_map(const YAML::Node& node, std::string_view name,
                             std::string_view example) {
  if (node.IsMap()) return true;
  wrong_type(node, name, "a map", fmt::format("write e.g. {}: {}", name, example));
  return false;
}

void FieldReader::check_keys(const YAML::Node& map, std::string_view where,
                             std::span<const std::string_view> known) {
  for (const auto& entry : map) {
    const YAML::Node& key = entry.first;
    const std::string text = key.IsScalar() ? key.Scalar() : std::string{};
    if (std::find(known.begin(), known.end(), text) != known.end()) continue;
    std::string hint = redress::detail::did_you_mean(text, known);
    if (hint.empty()) hint = fmt::format("the fields are: {}", fmt::join(known, ", "));
    error("incident.unknown_field", key,
          where.empty() ? fmt::format("unknown field '{}'", text)
                        : fmt::format("unknown field '{}' in {}", text, where),
          std::move(hint));
  }
}

std::optional<std::string> FieldReader::string(const YAML::Node& node, std::string_view name) {
  const ValueKind kind = kind_of(node);
  if (kind == ValueKind::string) return node.Scalar();
  wrong_type(node, name, "a string",
             kind == ValueKind::integer || kind == ValueKind::boolean || kind == ValueKind::number
                 ? fmt::format("quote it: \"{}\"", node.Scalar())
                 : std::string{});
  return std::nullopt;
}

std::optional<bool> FieldReader::boolean(const YAML::Node& node, std::string_view name) {
  if (kind_of(node) != ValueKind::boolean) {
    wrong_type(node, name, "true or false");
    return std::nullopt;
  }
  const char first = node.Scalar().empty() ? 'f' : node.Scalar().front();
  return first == 't' || first == 'T';
}

std::optional<std::int64_t> FieldReader::integer(const YAML::Node& node, std::string_view name,
                                                 std::int64_t min, std::int64_t max) {
  if (kind_of(node) != ValueKind::integer) {
    wrong_type(node, name, "an integer");
    return std::nullopt;
  }
  std::string_view text = node.Scalar();
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) {
    error("incident.out_of_range", node,
          fmt::format("{} is too large for a 64-bit integer: {}", name, node.Scalar()));
    return std::nullopt;
  }
  if (value < min || value > max) {
    std::string message =
        min == 0 && max == std::numeric_limits<std::int64_t>::max()
            ? fmt::format("{} cannot be negative, found {}", name, value)
            : fmt::format("{} must be between {} and {}, found {}", name, min, max, value);
    error("incident.out_of_range", node, std::move(message));
    return std::nullopt;
  }
  return value;
}

std::optional<Timestamp> FieldReader::timestamp(const YAML::Node& node, std::string_view name) {
  const auto text = string(node, name);
  if (!text) return std::nullopt;
  Timestamp out;
  std::string why;
  if (!Timestamp::parse(*text, out, why)) {
    error("incident.bad_timestamp", node,
          fmt::format("{} '{}' is not a valid timestamp: {}", name, *text, why),
          fmt::format("write e.g. {}: \"2026-11-25T09:30:00+08:00\"", name));
    return std::nullopt;
  }
  return out;
}

std::optional<Money> FieldReader::money(const YAML::Node& node, std::string_view name) {
  const ValueKind kind = kind_of(node);
  if (kind == ValueKind::map) return money_map(node, name);
  if (kind != ValueKind::string) {
    wrong_type(node, name, fmt::format("money such as {}", kMoneyExample));
    return std::nullopt;
  }
  Money out;
  std::string why;
  if (!parse_money(node.Scalar(), out, why)) {
    error("incident.bad_money", node, fmt::format("{}: {}", name, why),
          fmt::format("write e.g. {}: {}", name, kMoneyExample));
    return std::nullopt;
  }
  return check_currency(out, node, name);
}

std::optional<Money> FieldReader::money_map(const YAML::Node& node, std::string_view name) {
  static constexpr std::string_view kKeys[] = {"minor", "currency"};
  check_keys(node, name, kKeys);
  const std::string example = fmt::format("write e.g. {}: {{minor: 80000, currency: CNY}}", name);
  for (const auto key : kKeys) {
    if (!node[std::string(key)]) {
      error("incident.missing_field", node, fmt::format("{} has no '{}'", name, key), example);
    }
  }
  const YAML::Node minor_node = node["minor"];
  const YAML::Node currency_node = node["currency"];
  std::optional<std::int64_t> minor;
  std::optional<std::string> code;
  if (minor_node) minor = integer(minor_node, fmt::format("{}.minor", name));
  if (currency_node) code = string(currency_node, fmt::format("{}.currency", name));
  Currency currency;
  if (code && !Currency::parse(*code, currency)) {
    error("incident.bad_money", currency_node,
          fmt::format("'{}' is not an ISO 4217 currency code (three capital letters, e.g. CNY)",
                      *code),
          example);
    return std::nullopt;
  }
  if (!minor || !code) return std::nullopt;
  return check_currency(Money(*minor, currency), node, name);
}

std::optional<Money> FieldReader::check_currency(const Money& money, const YAML::Node& node,
                                                 std::string_view name) {
  if (currency_.empty() || money.currency() == currency_) return money;
  error("incident.currency_mismatch", node,
        fmt::format("{} is in {} but the policy uses {}", name, money.currency().code(),
                    currency_.code()),
        fmt::format("give the amount in {}", currency_.code()));
  return std::nullopt;
}

std::optional<std::size_t> FieldReader::choice(const YAML::Node& node, std::string_view name,
                                               std::span<const std::string_view> values) {
  if (kind_of(node) != ValueKind::string) {
    wrong_type(node, name, fmt::format("one of {}", fmt::join(values, ", ")));
    return std::nullopt;
  }
  const std::string& text = node.Scalar();
  const auto it = std::find(values.begin(), values.end(), text);
  if (it != values.end()) return static_cast<std::size_t>(it - values.begin());
  error("incident.unknown_value", node,
        fmt::format("{} must be one of {}; found '{}'", name, fmt::join(values, ", "), text),
        redress::detail::did_you_mean(text, values));
  return std::nullopt;
}

std::optional<std::vector<std::size_t>> FieldReader::choices(
    const YAML::Node& node, std::string_view name, std::span<const std::string_view> values) {
  if (!node.IsSequence()) {
    wrong_type(
        node, name, "a list",
        values.empty() ? std::string{} : fmt::format("write e.g. {}: [{}]", name, values.front()));
    return std::nullopt;
  }
  std::vector<std::size_t> out;
  bool ok = true;
  for (const auto& item : node) {
    const auto index = choice(item, fmt::format("each entry of {}", name), values);
    ok = ok && index.has_value();
    if (index) out.push_back(*index);
  }
  if (!ok) return std::nullopt;
  // Sets are unordered: declaration order and no duplicates make equal sets compare equal.
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace redress::io::detail
