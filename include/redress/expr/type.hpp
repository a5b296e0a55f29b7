// Types of the expression language. At decide time every value is one int64 (see program.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redress::expr {

/// A named enumeration (built-in such as Emotion, or declared by a policy for a host fact).
/// Values are numbered in declaration order; enums used as sets have at most 64 values.
struct EnumType {
  std::string name;
  std::vector<std::string> values;

  [[nodiscard]] std::optional<std::int64_t> index_of(std::string_view value) const;
};

enum class TypeKind : std::uint8_t {
  boolean,      ///< 0 or 1
  integer,      ///< int64
  money,        ///< int64 minor units in the policy's currency
  enumeration,  ///< index into EnumType::values; ordered by declaration
  set,          ///< bit i set when EnumType::values[i] is in the set
  category,     ///< pre-order index of a taxonomy node
  string,       ///< interned id (see Schema::intern); -1 for a string no expression mentions
};

struct Type {
  TypeKind kind = TypeKind::boolean;
  const EnumType* enumeration = nullptr;  ///< for enumeration and set

  static Type boolean() { return {TypeKind::boolean, nullptr}; }
  static Type integer() { return {TypeKind::integer, nullptr}; }
  static Type money() { return {TypeKind::money, nullptr}; }
  static Type category() { return {TypeKind::category, nullptr}; }
  static Type string() { return {TypeKind::string, nullptr}; }
  static Type enumeration_of(const EnumType& e) { return {TypeKind::enumeration, &e}; }
  static Type set_of(const EnumType& e) { return {TypeKind::set, &e}; }

  /// "bool", "int", "money", "category", "string", "Emotion", "set of Justice".
  [[nodiscard]] std::string name() const;

  friend bool operator==(const Type& a, const Type& b) {
    return a.kind == b.kind && a.enumeration == b.enumeration;
  }
};

}  // namespace redress::expr
