// Interval analysis of expressions: the values an amount, a priority or any int, money or enum
// expression can take, given what is known of the facts it reads.
#pragma once

#include <optional>

#include "lint/constraints.hpp"
#include "redress/expr/ast.hpp"

namespace redress::linting {

/// Every value `node` can evaluate to when the facts lie within `box` (an over-approximation;
/// empty when it can never evaluate, e.g. a division by zero).
Interval range_of(const expr::Node& node, const Box& box, const Domains& domains);

/// The outcome of `l op r` for every pair of values of the two ranges, when it is the same for
/// all of them (op is a comparison).
std::optional<bool> decide(expr::Operator op, const Interval& l, const Interval& r);

}  // namespace redress::linting
