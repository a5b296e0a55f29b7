#include "io/incident_values.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstring>

#include "diag/suggest.hpp"
#include "redress/io/incident_reader.hpp"

namespace redress::io::detail {
namespace {

constexpr std::string_view kMoneyExample = "\"800.00 CNY\" or {minor: 80000, currency: CNY}";

// The value as a message quotes it back: its text, cut.
std::string written(const Scalar& value) { return shown(value.text); }

}  // namespace

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

std::string shown(std::string_view text, std::size_t width) {
  if (text.size() <= width) return std::string(text);
  std::size_t end = width;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "...";
}

SourceLocation ValueChecks::locate(Position at) {
  if (file_name_.empty() && !file_.empty()) file_name_ = FileName(file_);
  if (at.line >= 0) return {file_name_, at.line, std::max(at.column, 0)};
  if (line_starts_.empty()) {
    line_starts_.push_back(0);
    for (const char* p = text_.data(); const void* nl = std::memchr(p, '\n', text_.end() - p);) {
      p = static_cast<const char*>(nl) + 1;
      line_starts_.push_back(static_cast<std::size_t>(p - text_.data()));
    }
  }
  const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), at.offset);
  const auto line = static_cast<std::size_t>(next - line_starts_.begin()) - 1;
  return {file_name_, static_cast<std::int32_t>(line),
          static_cast<std::int32_t>(at.offset - line_starts_[line])};
}

void ValueChecks::error(std::string code, Position at, std::string message, std::string hint) {
  found_.emplace_back(order_, Diagnostic{std::move(code), Severity::error, locate(at),
                                         std::move(message), std::move(hint)});
  if (found_.size() >= kMaxIncidentErrors) throw StopReading{};
}

void ValueChecks::fatal(std::string code, Position at, std::string message, std::string hint) {
  found_.clear();
  order_ = 0;
  found_.emplace_back(order_, Diagnostic{std::move(code), Severity::error, locate(at),
                                         std::move(message), std::move(hint)});
}

void ValueChecks::too_deep(Position at) {
  fatal("incident.too_deep", at,
        fmt::format("the incident nests maps and lists deeper than {} levels", kMaxIncidentDepth),
        "an incident needs a few levels at most; remove the nested data");
}

Diagnostics ValueChecks::take() {
  std::stable_sort(found_.begin(), found_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  Diagnostics out;
  for (auto& [order, d] : found_) out.add(std::move(d));
  found_.clear();
  return out;
}

void ValueChecks::wrong_type(const Scalar& value, std::string_view name, std::string_view expected,
                             std::string hint) {
  error("incident.wrong_type", value.at,
        fmt::format("{} must be {}, found {}", name, expected, describe(value.kind)),
        std::move(hint));
}

bool ValueChecks::expect_map(const Scalar& value, std::string_view name, std::string_view example) {
  if (value.kind == ValueKind::map) return true;
  wrong_type(value, name, "a map", fmt::format("write e.g. {}: {}", name, example));
  return false;
}

void ValueChecks::unknown_field(std::string_view key, Position at, std::string_view where,
                                std::span<const std::string_view> known) {
  std::string hint = redress::detail::did_you_mean(key, known);
  if (hint.empty()) hint = fmt::format("the fields are: {}", fmt::join(known, ", "));
  error("incident.unknown_field", at,
        where.empty() ? fmt::format("unknown field '{}'", shown(key))
                      : fmt::format("unknown field '{}' in {}", shown(key), where),
        std::move(hint));
}

void ValueChecks::duplicate_field(std::string_view key, Position at, std::string_view where) {
  error("incident.duplicate_field", at,
        where.empty() ? fmt::format("field '{}' is given twice", key)
                      : fmt::format("field '{}' is given twice in {}", key, where),
        "keep one of the two");
}

void ValueChecks::missing_field(std::string_view key, Position at, std::string_view where,
                                std::string_view example) {
  error("incident.missing_field", at,
        where.empty() ? fmt::format("missing required field '{}'", key)
                      : fmt::format("missing required field '{}' in {}", key, where),
        fmt::format("add e.g. {}: {}", key, example));
}

std::optional<std::string_view> ValueChecks::string(const Scalar& value, std::string_view name) {
  if (value.kind == ValueKind::string) return value.text;
  const bool scalar = value.kind == ValueKind::integer || value.kind == ValueKind::boolean ||
                      value.kind == ValueKind::number;
  wrong_type(value, name, "a string",
             scalar ? fmt::format("quote it: \"{}\"", written(value)) : std::string{});
  return std::nullopt;
}

std::optional<bool> ValueChecks::boolean(const Scalar& value, std::string_view name) {
  if (value.kind == ValueKind::boolean) return value.flag;
  wrong_type(value, name, "true or false");
  return std::nullopt;
}

std::optional<std::int64_t> ValueChecks::integer(const Scalar& value, std::string_view name,
                                                 std::int64_t min, std::int64_t max) {
  if (value.kind != ValueKind::integer) {
    wrong_type(value, name, "an integer");
    return std::nullopt;
  }
  if (!value.integer) {
    error("incident.out_of_range", value.at,
          fmt::format("{} is too large for a 64-bit integer: {}", name, written(value)));
    return std::nullopt;
  }
  const std::int64_t n = *value.integer;
  if (n < min || n > max) {
    error("incident.out_of_range", value.at,
          min == 0 && max == std::numeric_limits<std::int64_t>::max()
              ? fmt::format("{} cannot be negative, found {}", name, n)
              : fmt::format("{} must be between {} and {}, found {}", name, min, max, n));
    return std::nullopt;
  }
  return n;
}

std::optional<Timestamp> ValueChecks::timestamp(const Scalar& value, std::string_view name) {
  const auto text = string(value, name);
  if (!text) return std::nullopt;
  if (!cache_.time_text.empty() && equal(*text, cache_.time_text)) return cache_.time;
  Timestamp out;
  std::string why;
  if (!Timestamp::parse(*text, out, why)) {
    error("incident.bad_timestamp", value.at,
          fmt::format("{} '{}' is not a valid timestamp: {}", name, shown(*text), shown(why, 120)),
          fmt::format("write e.g. {}: \"2026-11-25T09:30:00+08:00\"", name));
    return std::nullopt;
  }
  cache_.time_text.assign(*text);
  cache_.time = out;
  return out;
}

std::optional<Money> ValueChecks::money_text(const Scalar& value, std::string_view name,
                                             std::int64_t min) {
  Money out;
  std::string why;
  if (!parse_money(value.text, out, why)) {
    error("incident.bad_money", value.at, fmt::format("{}: {}", name, shown(why, 120)),
          fmt::format("write e.g. {}: {}", name, kMoneyExample));
    return std::nullopt;
  }
  return checked(out, value.at, name, min);
}

void ValueChecks::not_money(const Scalar& value, std::string_view name) {
  wrong_type(value, name, fmt::format("money such as {}", kMoneyExample));
}

std::optional<Money> ValueChecks::money_map(
    Position at, std::string_view name, const Scalar* minor, const Scalar* currency,
    std::span<const std::pair<std::string_view, Position>> unknown, std::int64_t min) {
  // The usual case first, without a message being made.
  if (minor && currency && unknown.empty() && minor->kind == ValueKind::integer && minor->integer &&
      currency->kind == ValueKind::string) {
    const std::string_view code = currency->text;
    if (!cache_.currency.empty() && equal(code, cache_.currency.code())) {
      return checked(Money(*minor->integer, cache_.currency), at, name, min);
    }
    Currency unit;
    if (Currency::parse(code, unit)) {
      cache_.currency = unit;
      return checked(Money(*minor->integer, unit), at, name, min);
    }
  }
  static constexpr std::string_view kKeys[] = {"minor", "currency"};
  for (const auto& [key, where] : unknown) unknown_field(key, where, name, kKeys);
  const std::string example = fmt::format("write e.g. {}: {{minor: 80000, currency: CNY}}", name);
  if (!minor) error("incident.missing_field", at, fmt::format("{} has no 'minor'", name), example);
  if (!currency) {
    error("incident.missing_field", at, fmt::format("{} has no 'currency'", name), example);
  }
  std::optional<std::int64_t> units;
  std::optional<std::string_view> code;
  if (minor) units = integer(*minor, fmt::format("{}.minor", name));
  if (currency) code = string(*currency, fmt::format("{}.currency", name));
  Currency unit;
  if (code && !Currency::parse(*code, unit)) {
    error("incident.bad_money", currency->at,
          fmt::format("'{}' is not an ISO 4217 currency code (three capital letters, e.g. CNY)",
                      shown(*code)),
          example);
    return std::nullopt;
  }
  if (!units || !code) return std::nullopt;
  return checked(Money(*units, unit), at, name, min);
}

std::optional<Money> ValueChecks::checked(const Money& money, Position at, std::string_view name,
                                          std::int64_t min) {
  if (!currency_.empty() && !(money.currency() == currency_)) {
    error("incident.currency_mismatch", at,
          fmt::format("{} is in {} but the policy uses {}", name, money.currency().code(),
                      currency_.code()),
          fmt::format("give the amount in {}", currency_.code()));
    return std::nullopt;
  }
  if (money.minor() < min) {
    error("incident.out_of_range", at,
          min == 0 ? fmt::format("{} cannot be negative, found {}", name, money.to_string())
                   : fmt::format("{} must be at least {}, found {}", name,
                                 Money(min, money.currency()).to_string(), money.to_string()),
          fmt::format("give an amount of {} or more, e.g. {}: \"800.00 {}\"",
                      Money(min, money.currency()).to_string(), name, money.currency().code()));
    return std::nullopt;
  }
  return money;
}

std::optional<std::size_t> ValueChecks::choice(const Scalar& value, std::string_view name,
                                               std::span<const std::string_view> values) {
  if (value.kind != ValueKind::string) {
    wrong_type(value, name, fmt::format("one of {}", fmt::join(values, ", ")));
    return std::nullopt;
  }
  const std::size_t index = index_of(value.text, values);
  if (index < values.size()) return index;
  error("incident.unknown_value", value.at,
        fmt::format("{} must be one of {}; found '{}'", name, fmt::join(values, ", "),
                    written(value)),
        redress::detail::did_you_mean(value.text, values));
  return std::nullopt;
}

void ValueChecks::not_list(const Scalar& value, std::string_view name,
                           std::span<const std::string_view> values) {
  wrong_type(
      value, name, "a list",
      values.empty() ? std::string{} : fmt::format("write e.g. {}: [{}]", name, values.front()));
}

}  // namespace redress::io::detail
