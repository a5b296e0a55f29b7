// Interval arithmetic saturates at the int64 bounds: the engine stops on overflow, so every
// value it computes lies within the saturated bounds.
#include "lint/ranges.hpp"

#include <algorithm>
#include <array>
#include <bit>

namespace redress::linting {
namespace {

using expr::Node;
using expr::NodeKind;
using expr::Operator;

std::int64_t sat_add(std::int64_t a, std::int64_t b) {
  std::int64_t out = 0;
  if (__builtin_add_overflow(a, b, &out)) return b > 0 ? kMax : kMin;
  return out;
}

std::int64_t sat_sub(std::int64_t a, std::int64_t b) {
  std::int64_t out = 0;
  if (__builtin_sub_overflow(a, b, &out)) return b < 0 ? kMax : kMin;
  return out;
}

std::int64_t sat_mul(std::int64_t a, std::int64_t b) {
  std::int64_t out = 0;
  if (__builtin_mul_overflow(a, b, &out)) return (a < 0) != (b < 0) ? kMin : kMax;
  return out;
}

std::int64_t sat_div(std::int64_t a, std::int64_t b) {
  if (a == kMin && b == -1) return kMax;
  return a / b;
}

std::int64_t sat_abs(std::int64_t a) { return a == kMin ? kMax : (a < 0 ? -a : a); }

template <typename F>
Interval corners(const Interval& a, const Interval& b, F f) {
  const std::array values = {f(a.lo, b.lo), f(a.lo, b.hi), f(a.hi, b.lo), f(a.hi, b.hi)};
  return {*std::min_element(values.begin(), values.end()),
          *std::max_element(values.begin(), values.end())};
}

/// Truncating division is monotone in each operand while the divisor keeps its sign, so each
/// sign of the divisor is bounded by its corners; a zero divisor gives no value.
Interval divide(const Interval& a, const Interval& d) {
  Interval out = Interval::none();
  const Interval negative = intersect(d, {kMin, -1});
  const Interval positive = intersect(d, {1, kMax});
  if (!negative.empty()) out = hull(out, corners(a, negative, sat_div));
  if (!positive.empty()) out = hull(out, corners(a, positive, sat_div));
  return out;
}

/// a % d has the sign of a and a magnitude below |d|.
Interval modulo(const Interval& a, const Interval& d) {
  const std::int64_t bound = std::max(sat_abs(d.lo), sat_abs(d.hi));
  if (bound == 0) return Interval::none();
  const std::int64_t largest = bound - 1;
  return {a.lo >= 0 ? 0 : std::max(a.lo, -largest), a.hi <= 0 ? 0 : std::min(a.hi, largest)};
}

Interval arithmetic(Operator op, const Interval& a, const Interval& b) {
  if (a.empty() || b.empty()) return Interval::none();
  switch (op) {
    case Operator::add:
      return {sat_add(a.lo, b.lo), sat_add(a.hi, b.hi)};
    case Operator::sub:
      return {sat_sub(a.lo, b.hi), sat_sub(a.hi, b.lo)};
    case Operator::mul:
      return corners(a, b, sat_mul);
    case Operator::div:
      return divide(a, b);
    case Operator::mod:
      return modulo(a, b);
    default:
      return {};
  }
}

Interval from_bool(std::optional<bool> known) {
  if (!known) return {0, 1};
  return Interval::of(*known ? 1 : 0);
}

Interval fact_range(const Node& node, const Box& box, const Domains& domains) {
  const auto c = box.get(node.slot, domains);
  if (!c) return {};
  return c->hull();
}

Interval count_range(const Node& set, const Box& box, const Domains& domains) {
  const auto size = set.type.enumeration ? set.type.enumeration->values.size() : 64;
  const auto all = low_bits(size);
  Interval out{0, static_cast<std::int64_t>(size)};
  if (set.kind != NodeKind::fact) return out;
  if (const auto c = box.get(set.slot, domains); c && c->kind == Constraint::Kind::set) {
    out.lo = std::popcount(c->required & all);
    out.hi = static_cast<std::int64_t>(size) - std::popcount(c->excluded & all);
  }
  return out;
}

Interval call_range(const Node& node, const Box& box, const Domains& domains) {
  switch (node.function) {
    case expr::Function::min:
    case expr::Function::max: {
      Interval out = range_of(node.children.front(), box, domains);
      for (std::size_t i = 1; i < node.children.size(); ++i) {
        const Interval next = range_of(node.children[i], box, domains);
        if (node.function == expr::Function::min) {
          out = {std::min(out.lo, next.lo), std::min(out.hi, next.hi)};
        } else {
          out = {std::max(out.lo, next.lo), std::max(out.hi, next.hi)};
        }
      }
      return out;
    }
    case expr::Function::count:
      return count_range(node.children.front(), box, domains);
    default:
      return {0, 1};
  }
}

bool is_comparison(Operator op) {
  return op == Operator::eq || op == Operator::ne || op == Operator::lt || op == Operator::le ||
         op == Operator::gt || op == Operator::ge;
}

}  // namespace

std::optional<bool> decide(Operator op, const Interval& l, const Interval& r) {
  if (l.empty() || r.empty()) return std::nullopt;
  switch (op) {
    case Operator::eq:
      if (l.point() && r.point() && l.lo == r.lo) return true;
      if (l.hi < r.lo || r.hi < l.lo) return false;
      return std::nullopt;
    case Operator::ne:
      if (const auto eq = decide(Operator::eq, l, r)) return !*eq;
      return std::nullopt;
    case Operator::lt:
      if (l.hi < r.lo) return true;
      if (l.lo >= r.hi) return false;
      return std::nullopt;
    case Operator::le:
      if (l.hi <= r.lo) return true;
      if (l.lo > r.hi) return false;
      return std::nullopt;
    case Operator::gt:
      return decide(Operator::lt, r, l);
    case Operator::ge:
      return decide(Operator::le, r, l);
    default:
      return std::nullopt;
  }
}

Interval range_of(const Node& node, const Box& box, const Domains& domains) {
  switch (node.kind) {
    case NodeKind::literal:
      return Interval::of(node.value);
    case NodeKind::fact:
      return fact_range(node, box, domains);
    case NodeKind::unary: {
      const Interval operand = range_of(node.children.front(), box, domains);
      if (operand.empty()) return operand;
      if (node.op == Operator::neg) return {sat_sub(0, operand.hi), sat_sub(0, operand.lo)};
      return operand.point() ? Interval::of(operand.lo == 0 ? 1 : 0) : Interval{0, 1};
    }
    case NodeKind::binary: {
      if (node.op == Operator::logical_and || node.op == Operator::logical_or) return {0, 1};
      const Interval l = range_of(node.children[0], box, domains);
      const Interval r = range_of(node.children[1], box, domains);
      if (is_comparison(node.op)) return from_bool(decide(node.op, l, r));
      return arithmetic(node.op, l, r);
    }
    case NodeKind::call:
      return call_range(node, box, domains);
    case NodeKind::membership:
    case NodeKind::list:
      return {0, 1};
  }
  return {};
}

}  // namespace redress::linting
