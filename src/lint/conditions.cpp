// Negations are pushed down to the comparisons (De Morgan), so every comparison becomes one
// constraint or a few alternatives, and `and` / `or` combine boxes. The approximation only
// matters where the analysis gives up: it must then err on the side the caller can afford.
#include "lint/conditions.hpp"

#include <algorithm>
#include <optional>

#include "lint/ranges.hpp"
#include "redress/compile/compiler.hpp"
#include "redress/expr/compiler.hpp"

namespace redress::linting {
namespace {

using expr::Node;
using expr::NodeKind;
using expr::Operator;

Operator negate(Operator op) {
  switch (op) {
    case Operator::eq:
      return Operator::ne;
    case Operator::ne:
      return Operator::eq;
    case Operator::lt:
      return Operator::ge;
    case Operator::le:
      return Operator::gt;
    case Operator::gt:
      return Operator::le;
    case Operator::ge:
      return Operator::lt;
    default:
      return op;
  }
}

bool holds(Operator op, std::int64_t v, std::int64_t c) {
  switch (op) {
    case Operator::eq:
      return v == c;
    case Operator::ne:
      return v != c;
    case Operator::lt:
      return v < c;
    case Operator::le:
      return v <= c;
    case Operator::gt:
      return v > c;
    case Operator::ge:
      return v >= c;
    default:
      return true;
  }
}

/// The int64 values outside the union of `parts`.
std::vector<Interval> complement(std::vector<Interval> parts) {
  std::sort(parts.begin(), parts.end(),
            [](const Interval& a, const Interval& b) { return a.lo < b.lo; });
  std::vector<Interval> gaps;
  std::int64_t next = kMin;  // the smallest value not yet covered
  bool done = false;
  for (const auto& part : parts) {
    if (part.empty() || done) continue;
    if (part.lo > next) gaps.push_back({next, part.lo - 1});
    if (part.hi == kMax) done = true;
    next = std::max(next, part.hi == kMax ? kMax : part.hi + 1);
  }
  if (!done) gaps.push_back({next, kMax});
  return gaps;
}

/// The values v with `v op c`, as intervals.
std::vector<Interval> solutions(Operator op, std::int64_t c) {
  switch (op) {
    case Operator::eq:
      return {Interval::of(c)};
    case Operator::ne:
      return complement({Interval::of(c)});
    case Operator::lt:
      return c == kMin ? std::vector<Interval>{} : std::vector<Interval>{{kMin, c - 1}};
    case Operator::le:
      return {{kMin, c}};
    case Operator::gt:
      return c == kMax ? std::vector<Interval>{} : std::vector<Interval>{{c + 1, kMax}};
    case Operator::ge:
      return {{c, kMax}};
    default:
      return {{}};
  }
}

class Translator {
 public:
  Translator(Approx approx, const Domains& domains) : approx_(approx), domains_(domains) {}

  Dnf translate(const Node& node, bool negated) const {
    if (node.kind == NodeKind::unary && node.op == Operator::logical_not) {
      return translate(node.children.front(), !negated);
    }
    if (node.kind == NodeKind::binary &&
        (node.op == Operator::logical_and || node.op == Operator::logical_or)) {
      const bool both = (node.op == Operator::logical_and) != negated;
      Dnf left = translate(node.children[0], negated);
      const Dnf right = translate(node.children[1], negated);
      return both ? conjunction(left, right, approx_, domains_)
                  : disjunction(std::move(left), right, approx_);
    }
    if (!node.reads_facts()) return constant(node, negated);
    if (auto any = any_value(node, negated)) return std::move(*any);
    switch (node.kind) {
      case NodeKind::fact:
        return atom(node.slot, Constraint::values(negated ? 0b01 : 0b10));
      case NodeKind::binary:
        return comparison(node, negated);
      case NodeKind::membership:
        return membership(node, node.op == Operator::in ? !negated : negated);
      case NodeKind::call:
        return call(node, negated);
      default:
        return unknown();
    }
  }

 private:
  /// A comparison or membership test of a fact of several values (Node::values): true when
  /// the test holds for any value (each value in its own slot), `!=` and `not in` when it
  /// holds for none. Nullopt when the node tests no such fact.
  [[nodiscard]] std::optional<Dnf> any_value(const Node& node, bool negated) const {
    const auto several = [](const Node& n) { return n.kind == NodeKind::fact && n.values > 1; };
    const bool test = node.kind == NodeKind::membership ||
                      (node.kind == NodeKind::binary && node.op != Operator::logical_and &&
                       node.op != Operator::logical_or);
    if (!test) return std::nullopt;
    const std::size_t side = several(node.children[0]) ? 0 : 1;
    if (!several(node.children[side])) return std::nullopt;
    Node one = node;
    if (node.op == Operator::ne || node.op == Operator::not_in) {
      one.op = node.op == Operator::ne ? Operator::eq : Operator::in;
      negated = !negated;
    }
    const Node& fact = node.children[side];
    // Any value: a disjunction; none (negated): a conjunction of each value's negation.
    Dnf out = negated ? Dnf::always() : Dnf::never();
    for (std::uint32_t k = 0; k < fact.values; ++k) {
      one.children[side].slot = fact.slot + k;
      one.children[side].values = 1;
      Dnf each = translate(one, negated);
      out = negated ? conjunction(out, each, approx_, domains_)
                    : disjunction(std::move(out), each, approx_);
    }
    return out;
  }

  [[nodiscard]] Dnf unknown() const {
    return approx_ == Approx::over ? Dnf::always() : Dnf::never();
  }

  [[nodiscard]] Dnf constant(const Node& node, bool negated) const {
    const Interval value = range_of(node, Box{}, domains_);
    if (!value.point()) return unknown();
    return (value.lo != 0) != negated ? Dnf::always() : Dnf::never();
  }

  [[nodiscard]] bool analysed(std::uint32_t slot) const {
    return slot < domains_.size() && domains_[slot].has_value();
  }

  [[nodiscard]] Dnf atom(std::uint32_t slot, const Constraint& c) const {
    if (!analysed(slot)) return unknown();
    Box box;
    if (!box.narrow(slot, c, domains_)) return Dnf::never();
    return Dnf{{std::move(box)}};
  }

  /// The fact lies in one of `parts`.
  [[nodiscard]] Dnf within(std::uint32_t slot, const std::vector<Interval>& parts) const {
    if (!analysed(slot)) return unknown();
    Dnf out;
    for (const auto& part : parts) {
      Box box;
      if (box.narrow(slot, Constraint::interval(part), domains_)) out.boxes.push_back(box);
    }
    if (out.boxes.size() > kMaxBoxes) return unknown();
    return out;
  }

  /// `fact op c`.
  [[nodiscard]] Dnf compare(const Node& fact, Operator op, std::int64_t c) const {
    if (!analysed(fact.slot)) return unknown();
    switch (domains_[fact.slot]->kind) {
      case Constraint::Kind::mask: {
        std::uint64_t mask = 0;
        for (std::int64_t v = 0; v < 64; ++v) {
          if (holds(op, v, c)) mask |= std::uint64_t{1} << v;
        }
        return atom(fact.slot, Constraint::values(mask));
      }
      case Constraint::Kind::interval:
        return within(fact.slot, solutions(op, c));
      case Constraint::Kind::set:
        break;
    }
    return unknown();
  }

  [[nodiscard]] Dnf comparison(const Node& node, bool negated) const {
    const Operator op = negated ? negate(node.op) : node.op;
    const Node& left = node.children[0];
    const Node& right = node.children[1];
    if (left.kind == NodeKind::fact && !right.reads_facts()) {
      const Interval c = range_of(right, Box{}, domains_);
      if (c.point()) return compare(left, op, c.lo);
    }
    if (right.kind == NodeKind::fact && !left.reads_facts()) {
      const Interval c = range_of(left, Box{}, domains_);
      if (c.point()) return compare(right, expr::mirrored(op), c.lo);
    }
    // Otherwise decide it from the ranges alone when they do not overlap (count(s) > 10, ...).
    const auto known =
        decide(op, range_of(left, Box{}, domains_), range_of(right, Box{}, domains_));
    if (!known) return unknown();
    return *known ? Dnf::always() : Dnf::never();
  }

  /// `value in list` (inside) or `value not in list`.
  [[nodiscard]] Dnf in_list(const Node& value, const Node& list, bool inside) const {
    if (value.kind != NodeKind::fact || !analysed(value.slot)) return unknown();
    std::vector<Interval> parts;
    std::uint64_t mask = 0;
    for (const Node& item : list.children) {
      if (item.reads_facts()) return unknown();
      const Interval v = item.type.kind == expr::TypeKind::category
                             ? Interval{item.value, item.value_end - 1}
                             : range_of(item, Box{}, domains_);
      if (!v.point() && item.type.kind != expr::TypeKind::category) return unknown();
      parts.push_back(v);
      if (v.lo >= 0 && v.lo < 64) mask |= std::uint64_t{1} << v.lo;
    }
    if (domains_[value.slot]->kind == Constraint::Kind::mask) {
      return atom(value.slot, Constraint::values(inside ? mask : ~mask));
    }
    if (domains_[value.slot]->kind != Constraint::Kind::interval) return unknown();
    return within(value.slot, inside ? parts : complement(parts));
  }

  /// `element in set` (inside) or `element not in set`, with a constant element.
  [[nodiscard]] Dnf in_set(const Node& element, const Node& set, bool inside) const {
    if (set.kind != NodeKind::fact || element.reads_facts()) return unknown();
    const Interval v = range_of(element, Box{}, domains_);
    if (!v.point() || v.lo < 0 || v.lo >= 64) return unknown();
    const std::uint64_t bit = std::uint64_t{1} << v.lo;
    return atom(set.slot, inside ? Constraint::set(bit, 0) : Constraint::set(0, bit));
  }

  [[nodiscard]] Dnf membership(const Node& node, bool inside) const {
    const Node& value = node.children[0];
    const Node& container = node.children[1];
    if (container.kind == NodeKind::list) return in_list(value, container, inside);
    if (container.type.kind == expr::TypeKind::set) return in_set(value, container, inside);
    if (container.type.kind == expr::TypeKind::category && value.kind == NodeKind::fact) {
      const Interval subtree{container.value, container.value_end - 1};
      return within(value.slot, inside ? std::vector<Interval>{subtree} : complement({subtree}));
    }
    return unknown();
  }

  [[nodiscard]] Dnf call(const Node& node, bool negated) const {
    if (node.function == expr::Function::has) {
      return in_set(node.children[1], node.children[0], !negated);
    }
    const Node& set = node.children.front();
    if (node.function != expr::Function::empty || set.kind != NodeKind::fact) return unknown();
    const auto all = low_bits(set.type.enumeration ? set.type.enumeration->values.size() : 64);
    if (!negated) return atom(set.slot, Constraint::set(0, all));
    Dnf some;  // not empty: one of the elements is in it
    for (std::size_t e = 0; e < 64; ++e) {
      const std::uint64_t bit = std::uint64_t{1} << e;
      if ((all & bit) == 0) continue;
      some = disjunction(std::move(some), atom(set.slot, Constraint::set(bit, 0)), approx_);
    }
    return some;
  }

  Approx approx_;
  const Domains& domains_;
};

}  // namespace

Dnf to_dnf(const expr::Node& node, Approx approx, const Domains& domains, bool negated) {
  return Translator(approx, domains).translate(node, negated);
}

std::shared_ptr<const expr::Node> condition_tree(const CompiledPolicy& policy,
                                                 const RuleInfo& rule) {
  if (!rule.when) return nullptr;
  if (rule.when->ast) return rule.when->ast;
  // The text compiled before, against the same facts and categories: it compiles again.
  Diagnostics ignored;
  auto program = compile_expression(policy, rule.when_text, expr::Type::boolean(), ignored);
  return program ? program->ast : nullptr;
}

Dnf condition_of(const RuleInfo& rule, const expr::Node* tree, Approx approx,
                 const Domains& domains) {
  if (!rule.when) return Dnf::always();
  if (!tree) return approx == Approx::over ? Dnf::always() : Dnf::never();
  return to_dnf(*tree, approx, domains);
}

}  // namespace redress::linting
