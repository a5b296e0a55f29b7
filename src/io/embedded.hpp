// Files compiled into the library at build time.
#pragma once

#include <string_view>

/// Files compiled into the library at build time.
namespace redress::embedded {

/// The text of rules/default.yaml, the built-in default policy.
std::string_view default_policy();
/// The text of rules/taxonomy.yaml, the standard failure taxonomy.
std::string_view standard_taxonomy();
/// The text of rules/clocks/reference-clocks.yaml, the reference clock library.
std::string_view reference_clocks();

}  // namespace redress::embedded
