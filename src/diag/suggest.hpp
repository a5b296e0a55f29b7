// "Did you mean ...?" suggestions for misspelt names.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redress::detail {

/// Edit distance (insertions, deletions, substitutions) between two words.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, if it is close enough to be a plausible typo
/// (distance <= max(1, length / 3)). Ties go to the earliest candidate.
std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates);

/// "did you mean 'x'?" or an empty string.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace redress::detail
