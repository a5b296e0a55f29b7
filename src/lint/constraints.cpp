#include "lint/constraints.hpp"

#include <algorithm>
#include <bit>

namespace redress::linting {

Interval intersect(const Interval& a, const Interval& b) {
  return {std::max(a.lo, b.lo), std::min(a.hi, b.hi)};
}

Interval hull(const Interval& a, const Interval& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return {std::min(a.lo, b.lo), std::max(a.hi, b.hi)};
}

bool Constraint::empty() const {
  switch (kind) {
    case Kind::interval:
      return range.empty();
    case Kind::mask:
      return mask == 0;
    case Kind::set:
      return (required & excluded) != 0;
  }
  return false;
}

bool Constraint::contains(const Constraint& inner) const {
  if (inner.empty()) return true;
  if (kind != inner.kind) return false;
  switch (kind) {
    case Kind::interval:
      return range.contains(inner.range);
    case Kind::mask:
      return (inner.mask & ~mask) == 0;
    case Kind::set:
      // Fewer demands allow more sets: the inner sets meet every demand of this one.
      return (required & ~inner.required) == 0 && (excluded & ~inner.excluded) == 0;
  }
  return false;
}

Interval Constraint::hull() const {
  switch (kind) {
    case Kind::interval:
      return range;
    case Kind::mask:
      if (mask == 0) return Interval::none();
      return {std::countr_zero(mask), 63 - std::countl_zero(mask)};
    case Kind::set:
      break;
  }
  return {};
}

std::optional<Constraint> intersect(const Constraint& a, const Constraint& b) {
  if (a.kind != b.kind) return a;  // cannot happen for one fact; keep the first, soundly
  Constraint out = a;
  out.range = intersect(a.range, b.range);
  out.mask = a.mask & b.mask;
  out.required = a.required | b.required;
  out.excluded = a.excluded | b.excluded;
  if (out.empty()) return std::nullopt;
  return out;
}

bool Box::narrow(std::uint32_t slot, const Constraint& c, const Domains& domains) {
  const auto current = get(slot, domains);
  if (!current) return true;  // an unanalysed fact: nothing to record
  const auto narrowed = intersect(*current, c);
  if (!narrowed) return false;
  constraints_[slot] = *narrowed;
  return true;
}

std::optional<Constraint> Box::get(std::uint32_t slot, const Domains& domains) const {
  if (const auto it = constraints_.find(slot); it != constraints_.end()) return it->second;
  if (slot < domains.size()) return domains[slot];
  return std::nullopt;
}

bool Box::contains(const Box& inner, const Domains& domains) const {
  return std::all_of(constraints_.begin(), constraints_.end(), [&](const auto& entry) {
    const auto other = inner.get(entry.first, domains);
    return other && entry.second.contains(*other);
  });
}

std::optional<Box> Box::meet(const Box& other, const Domains& domains) const {
  Box out = *this;
  for (const auto& [slot, c] : other.constraints_) {
    if (!out.narrow(slot, c, domains)) return std::nullopt;
  }
  return out;
}

bool Dnf::covers(const Box& inner, const Domains& domains) const {
  return std::any_of(boxes.begin(), boxes.end(),
                     [&](const Box& box) { return box.contains(inner, domains); });
}

Dnf conjunction(const Dnf& a, const Dnf& b, Approx approx, const Domains& domains) {
  if (a.boxes.size() * b.boxes.size() > kMaxBoxes) {
    // Either side alone holds every state of both: a sound over-approximation. Nothing
    // smaller is both cheap and sound from below.
    if (approx == Approx::under) return Dnf::never();
    return a.boxes.size() <= b.boxes.size() ? a : b;
  }
  Dnf out;
  for (const auto& left : a.boxes) {
    for (const auto& right : b.boxes) {
      if (auto box = left.meet(right, domains)) out.boxes.push_back(std::move(*box));
    }
  }
  return out;
}

Dnf disjunction(Dnf a, const Dnf& b, Approx approx) {
  if (a.boxes.size() + b.boxes.size() > kMaxBoxes) {
    if (approx == Approx::over) return Dnf::always();
    return a;  // a subset of the states: sound from below
  }
  a.boxes.insert(a.boxes.end(), b.boxes.begin(), b.boxes.end());
  return a;
}

}  // namespace redress::linting
