// A fixed-size set of small indices (remedies, steps, departments, bucket positions) for the
// decide loop: clearing costs a bit per member, and walking visits only the members, a 64-bit
// word at a time with a count-trailing-zeros. boost::dynamic_bitset does the same, but its
// find_next in Boost 1.74 finds the lowest bit with a loop, which showed as the hottest part of
// walking a few hundred rules.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace redress::detail {

class BitSet {
 public:
  /// Makes the set hold indices [0, size), all absent.
  void clear(std::size_t size) { words_.assign((size + 63) / 64, 0); }
  void insert(std::size_t i) { words_[i / 64] |= std::uint64_t{1} << (i % 64); }
  void erase(std::size_t i) { words_[i / 64] &= ~(std::uint64_t{1} << (i % 64)); }
  [[nodiscard]] bool contains(std::size_t i) const { return (words_[i / 64] >> (i % 64)) & 1U; }

  /// Calls visit(i) for every member, in increasing order.
  template <typename Visit>
  void for_each(Visit&& visit) const {
    for (std::size_t w = 0; w < words_.size(); ++w) {
      for (auto bits = words_[w]; bits != 0; bits &= bits - 1) {
        visit(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
      }
    }
  }

 private:
  std::vector<std::uint64_t> words_;
};

}  // namespace redress::detail
