#include "diag/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace redress::detail {
namespace {

template <typename Candidates>
std::optional<std::string> closest_of(std::string_view word, const Candidates& candidates) {
  // Short words get one edit, longer ones about one in three (at least two, for swapped
  // letters): "teir" is a typo of "tier", but "id" is not one of "at".
  const std::size_t limit = word.size() <= 3 ? 1 : std::max<std::size_t>(2, word.size() / 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    // The distance is at least the difference in length: skip the quadratic work (a document
    // may hold a key of megabytes).
    const std::string_view text(candidate);
    if (std::max(word.size(), text.size()) - std::min(word.size(), text.size()) > limit) continue;
    const auto d = edit_distance(word, candidate);
    if (d < best_distance && d < std::max(word.size(), std::string_view(candidate).size())) {
      best_distance = d;
      best = std::string(candidate);
    }
  }
  return best;
}

std::string phrase(const std::optional<std::string>& best) {
  return best ? fmt::format("did you mean '{}'?", *best) : std::string{};
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

std::optional<std::string> closest(std::string_view word, std::span<const std::string> candidates) {
  return closest_of(word, candidates);
}

std::optional<std::string> closest(std::string_view word,
                                   std::span<const std::string_view> candidates) {
  return closest_of(word, candidates);
}

std::string did_you_mean(std::string_view word, std::span<const std::string> candidates) {
  return phrase(closest_of(word, candidates));
}

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
  return phrase(closest_of(word, candidates));
}

}  // namespace redress::detail
