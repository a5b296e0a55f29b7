// "Did you mean ...?" suggestions for misspelt names, shared by every layer that reports an
// unknown name (policy keys, references, expression names, incident fields).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace redress::detail {

/// Optimal string alignment distance: Levenshtein plus adjacent transpositions, so that the
/// common typo 'frist' is one edit from 'first'.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, if it is close enough to be a plausible typo (one edit for
/// words of up to three letters, else max(2, length / 3)). Ties go to the earliest candidate,
/// so callers list the likelier kind of name first.
std::optional<std::string> closest(std::string_view word, std::span<const std::string> candidates);
std::optional<std::string> closest(std::string_view word,
                                   std::span<const std::string_view> candidates);

/// "did you mean 'x'?" or an empty string.
std::string did_you_mean(std::string_view word, std::span<const std::string> candidates);
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace redress::detail
