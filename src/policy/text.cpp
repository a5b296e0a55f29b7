#include <cstdint>

#include "redress/policy/spec.hpp"

namespace redress::policy {

SourceLocation Text::at(std::size_t offset) const {
  if (offset < offsets.size()) return offsets[offset];
  if (!first_char.known()) return first_char;
  // Past the end of a multi-line value (an "unexpected end" caret): just after the last byte.
  if (!offsets.empty()) {
    SourceLocation after = offsets.back();
    after.column += static_cast<std::int32_t>(offset - offsets.size() + 1);
    return after;
  }
  SourceLocation here = first_char;
  here.column += static_cast<std::int32_t>(offset);
  return here;
}

}  // namespace redress::policy
