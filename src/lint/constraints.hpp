// The abstract domain of the linter: what values a fact may take, and conditions as
// disjunctions of boxes (a box constrains each fact independently). Every operation is an
// over- or under-approximation chosen by the caller, never a guess.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <vector>

namespace redress::linting {

constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

/// A closed range of int64 values; empty when lo > hi. kMin / kMax stand for "unbounded"
/// (values never leave int64: the engine stops on overflow).
struct Interval {
  std::int64_t lo = kMin;
  std::int64_t hi = kMax;

  [[nodiscard]] bool empty() const { return lo > hi; }
  [[nodiscard]] bool point() const { return lo == hi; }
  [[nodiscard]] bool contains(const Interval& inner) const {
    return inner.empty() || (lo <= inner.lo && inner.hi <= hi);
  }
  static Interval of(std::int64_t value) { return {value, value}; }
  static Interval none() { return {kMax, kMin}; }
  friend bool operator==(const Interval&, const Interval&) = default;
};

Interval intersect(const Interval& a, const Interval& b);
/// The smallest interval holding both.
Interval hull(const Interval& a, const Interval& b);

/// Bits 0..count-1 set.
constexpr std::uint64_t low_bits(std::size_t count) {
  return count >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << count) - 1;
}

/// The values one fact may take.
struct Constraint {
  enum class Kind : std::uint8_t {
    interval,  ///< int, money, category (pre-order index)
    mask,      ///< bool and enum: bit i set when value i is possible
    set,       ///< a set fact: elements it must hold, elements it must not hold
  };
  Kind kind = Kind::interval;
  Interval range;
  std::uint64_t mask = 0;
  std::uint64_t required = 0;
  std::uint64_t excluded = 0;

  static Constraint interval(Interval r) { return {Kind::interval, r, 0, 0, 0}; }
  static Constraint values(std::uint64_t m) { return {Kind::mask, {}, m, 0, 0}; }
  static Constraint set(std::uint64_t must, std::uint64_t must_not) {
    return {Kind::set, {}, 0, must, must_not};
  }

  [[nodiscard]] bool empty() const;
  /// True when every value allowed by `inner` is allowed by this.
  [[nodiscard]] bool contains(const Constraint& inner) const;
  /// The numeric hull of the values (for enums and bools, of their indices).
  [[nodiscard]] Interval hull() const;
};

/// Both constraints at once; nullopt when nothing satisfies both.
std::optional<Constraint> intersect(const Constraint& a, const Constraint& b);

/// The values each fact can take at all (by slot; nullopt: not analysed, e.g. strings).
using Domains = std::vector<std::optional<Constraint>>;

/// A conjunction of per-fact constraints. A fact without an entry may take any value of its
/// domain; entries are always within the domain and never empty.
class Box {
 public:
  /// Narrows `slot` to `c` (within its domain); false when the box becomes empty.
  bool narrow(std::uint32_t slot, const Constraint& c, const Domains& domains);
  /// The constraint on `slot`: the box's own, else the domain; nullopt when unanalysed.
  [[nodiscard]] std::optional<Constraint> get(std::uint32_t slot, const Domains& domains) const;
  /// Forgets what the box says about `slot` (after a rule sets it).
  void forget(std::uint32_t slot) { constraints_.erase(slot); }
  /// True when every state in `inner` is in this box.
  [[nodiscard]] bool contains(const Box& inner, const Domains& domains) const;
  /// Both boxes at once; nullopt when empty.
  [[nodiscard]] std::optional<Box> meet(const Box& other, const Domains& domains) const;
  [[nodiscard]] const std::map<std::uint32_t, Constraint>& constraints() const {
    return constraints_;
  }

 private:
  std::map<std::uint32_t, Constraint> constraints_;
};

/// A condition as a disjunction of boxes: no box is false, one unconstrained box is true.
struct Dnf {
  std::vector<Box> boxes;

  static Dnf always() { return Dnf{{Box{}}}; }
  static Dnf never() { return Dnf{}; }
  [[nodiscard]] bool unsatisfiable() const { return boxes.empty(); }
  /// True when every box of `inner` lies inside one box of this.
  [[nodiscard]] bool covers(const Box& inner, const Domains& domains) const;
};

/// Whether the result may only grow (over: never miss a state that satisfies the condition)
/// or only shrink (under: never include a state that does not).
enum class Approx : std::uint8_t { over, under };

/// More boxes than this and a disjunction is approximated (the linter stays fast).
constexpr std::size_t kMaxBoxes = 256;

Dnf conjunction(const Dnf& a, const Dnf& b, Approx approx, const Domains& domains);
Dnf disjunction(Dnf a, const Dnf& b, Approx approx);

}  // namespace redress::linting
