// "Did you mean" suggestions for misspelt names.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace redress::expr::detail {

/// The Levenshtein (edit) distance between `a` and `b`.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `name`, when it is close enough to be a plausible typo. Ties go to
/// the earlier candidate, so callers list the likelier kind of name first.
std::optional<std::string_view> closest(std::string_view name,
                                        const std::vector<std::string_view>& candidates);

}  // namespace redress::expr::detail
