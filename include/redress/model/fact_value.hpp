// The typed value of one fact, as hosts supply it and as decisions and traces report it.
#pragma once

#include <boost/variant2/variant.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "redress/model/money.hpp"

namespace redress {

/// A symbol: an enum value, a category id or an interned string, by its spelling.
struct Symbol {
  std::string name;  ///< the spelling, e.g. "angry" or "core.unavailable"
  /// Same spelling.
  friend bool operator==(const Symbol&, const Symbol&) = default;
};

/// A set of enum values, by spelling, in the enum's declaration order.
struct SymbolSet {
  std::vector<std::string> names;  ///< the members' spellings
  /// Same spellings in the same order.
  friend bool operator==(const SymbolSet&, const SymbolSet&) = default;
};

/// One fact's value. Which alternative is valid for a fact is fixed by its declared type:
/// bool; int (int64); money; enum, category and string (Symbol); set (SymbolSet).
using FactValue = boost::variant2::variant<bool, std::int64_t, Money, Symbol, SymbolSet>;

/// Human-readable form: true, 42, 12.50 CNY, angry, [outcome, procedural].
std::string to_string(const FactValue& value);

/// Appends to_string(value)'s text to `out`.
void append_to(std::string& out, const FactValue& value);

}  // namespace redress
