// Parsing, type-checking and compiling an expression against the facts a policy declares.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "redress/diag/diagnostic.hpp"
#include "redress/expr/program.hpp"
#include "redress/expr/type.hpp"
#include "redress/model/money.hpp"

namespace redress::expr {

/// A resolved fact name.
struct FactRef {
  /// A fact of one value, or of `values` values in the slots from `slot` on.
  FactRef(std::uint32_t slot_index, Type fact_type, std::uint8_t value_slots = 1)
      : slot(slot_index), type(fact_type), values(value_slots) {}

  std::uint32_t slot;  ///< index into the slots evaluate() reads
  Type type;           ///< the fact's declared type
  /// The slots its values are kept in, from `slot`: more than 1 for a fact of several values
  /// (an incident's causes), which comparisons and `in` test for any of its values.
  std::uint8_t values;
};

/// A taxonomy node as an interval of pre-order indices: a node's descendants are [begin, end).
struct CategoryRef {
  std::int64_t begin;  ///< the node's own index
  std::int64_t end;    ///< one past its last descendant
};

/// What the checker needs to resolve names. Implemented by the policy compiler. compile()
/// calls it from one thread only; an implementation need not be thread-safe.
class Schema {
 public:
  virtual ~Schema() = default;
  /// The fact called `name`, or nullopt when there is none.
  virtual std::optional<FactRef> fact(std::string_view name) const = 0;
  /// Every fact name, for "did you mean" suggestions.
  virtual std::vector<std::string> fact_names() const = 0;
  /// The taxonomy node with dotted id `id`, or nullopt when there is none.
  virtual std::optional<CategoryRef> category(std::string_view id) const = 0;
  /// Every category id, for "did you mean" suggestions on a misspelt category. Optional: the
  /// default lists none, and then no category is suggested.
  virtual std::vector<std::string> category_names() const { return {}; }
  /// The policy's currency: money literals in any other currency are type errors.
  virtual Currency currency() const = 0;
  /// Returns a stable id (>= 0) for a string literal compared with a string fact: the same
  /// text always gives the same id.
  virtual std::int64_t intern(std::string_view text) = 0;
};

/// Parses, checks and compiles `text`. `expected` is the type the context needs (bool for
/// `when`, money for an amount, the fact's type for `set`); nullopt accepts any type.
/// Errors go to `diagnostics` with codes expr.syntax, expr.type, expr.unknown_name,
/// expr.currency or expr.too_deep, located by `locate(offset)` (0-based byte offset into
/// `text`). Returns nullopt when there is an error; only the first error is reported.
std::optional<Program> compile(std::string_view text, Schema& schema, std::optional<Type> expected,
                               const std::function<SourceLocation(std::size_t)>& locate,
                               Diagnostics& diagnostics);

}  // namespace redress::expr
