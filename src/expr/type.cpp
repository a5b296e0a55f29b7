#include "redress/expr/type.hpp"

#include <fmt/format.h>

namespace redress::expr {

std::optional<std::int64_t> EnumType::index_of(std::string_view value) const {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i] == value) return static_cast<std::int64_t>(i);
  }
  return std::nullopt;
}

std::string Type::name() const {
  switch (kind) {
    case TypeKind::boolean:
      return "bool";
    case TypeKind::integer:
      return "int";
    case TypeKind::money:
      return "money";
    case TypeKind::enumeration:
      return enumeration != nullptr ? enumeration->name : "enum";
    case TypeKind::set:
      return enumeration != nullptr ? fmt::format("set of {}", enumeration->name) : "set";
    case TypeKind::category:
      return "category";
    case TypeKind::string:
      return "string";
  }
  return "?";
}

}  // namespace redress::expr
