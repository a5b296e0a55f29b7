// Types of the expression language. At decide time every value is one int64 (see program.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// The condition and amount expression language: types, checked trees, compiled programs.
namespace redress::expr {

/// A named enumeration (built-in such as Emotion, or declared by a policy for a host fact).
/// Values are numbered in declaration order; enums used as sets have at most 64 values.
struct EnumType {
  std::string name;                 ///< "Emotion", or the declaring fact's name
  std::vector<std::string> values;  ///< spellings, in declaration order

  /// The 0-based index of `value` in `values`, or nullopt when it is not one of them.
  [[nodiscard]] std::optional<std::int64_t> index_of(std::string_view value) const;
};

/// The kinds of value, and how each is encoded in an int64.
enum class TypeKind : std::uint8_t {
  boolean,      ///< 0 or 1
  integer,      ///< int64
  money,        ///< int64 minor units in the policy's currency
  enumeration,  ///< index into EnumType::values; ordered by declaration
  set,          ///< bit i set when EnumType::values[i] is in the set
  category,     ///< pre-order index of a taxonomy node
  string,       ///< interned id (see Schema::intern); -1 for a string no expression mentions
};

/// A type of the expression language. Enumeration and set types point to their EnumType,
/// which must outlive the Type (a CompiledPolicy keeps its own in `enum_types`).
struct Type {
  TypeKind kind = TypeKind::boolean;      ///< which kind of value
  const EnumType* enumeration = nullptr;  ///< for enumeration and set; not owned

  static Type boolean() { return {TypeKind::boolean, nullptr}; }    ///< bool
  static Type integer() { return {TypeKind::integer, nullptr}; }    ///< int
  static Type money() { return {TypeKind::money, nullptr}; }        ///< money
  static Type category() { return {TypeKind::category, nullptr}; }  ///< category
  static Type string() { return {TypeKind::string, nullptr}; }      ///< string
  /// A value of enum `e`.
  static Type enumeration_of(const EnumType& e) { return {TypeKind::enumeration, &e}; }
  /// A set of values of enum `e`.
  static Type set_of(const EnumType& e) { return {TypeKind::set, &e}; }

  /// "bool", "int", "money", "category", "string", "Emotion", "set of Justice".
  [[nodiscard]] std::string name() const;

  /// Same kind and the same EnumType object (compared by address, not by content).
  friend bool operator==(const Type& a, const Type& b) {
    return a.kind == b.kind && a.enumeration == b.enumeration;
  }
};

}  // namespace redress::expr
