// Escaping text for XML and HTML (JUnit reports, the HTML report).
#pragma once

#include <string>
#include <string_view>

namespace redress::io {

/// `text` with &, <, >, " and ' escaped (' as &#39;, which XML and HTML both read), for element
/// content and attribute values.
std::string escape_markup(std::string_view text);

}  // namespace redress::io
