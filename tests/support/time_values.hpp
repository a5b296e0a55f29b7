// Timestamps and local dates written as text in tests.
#pragma once

#include <cstdint>
#include <string_view>

#include "redress/model/time.hpp"

namespace redress::test {

/// An RFC 3339 timestamp; fails the running test if it does not parse.
Timestamp timestamp(std::string_view text);
/// A local date YYYY-MM-DD as days since 1970-01-01; fails the running test if it does not parse.
std::int32_t local_date(std::string_view text);

}  // namespace redress::test
