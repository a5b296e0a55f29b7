// What the fuzz targets share: an invariant check that aborts (a crash is what a fuzzer and the
// corpus replay report), with the broken invariant named.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace redress::fuzz {

/// Aborts with `what` on standard error when `condition` is false.
inline void require(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
  }
}

}  // namespace redress::fuzz
