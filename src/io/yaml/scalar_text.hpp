// Where each byte of a YAML scalar's value was written, found by re-reading the raw source:
// yaml-cpp only gives the mark of the scalar's first token, but the expression compiler needs
// to put a caret under a column inside a quoted, folded or block scalar.
#pragma once

#include <string_view>

#include "redress/policy/spec.hpp"

namespace redress::io::yaml {

/// Fills `text.first_char` and `text.offsets` from the raw source. `text.value` and
/// `text.location` must already be set; `pos` is the index in `source` of the scalar's mark
/// (yaml-cpp's mark.pos, adjusted for a byte-order mark). Best effort: when the source cannot
/// be matched with the value, `offsets` stays empty and `first_char` is a close guess.
void locate_scalar(std::string_view source, std::size_t pos, policy::Text& text);

}  // namespace redress::io::yaml
