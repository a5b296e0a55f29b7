#include "graph/dot_writer.hpp"

#include <fmt/format.h>

namespace redress::graph {

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  out += '"';
  return out;
}

std::string dot_header(std::string_view name, std::string_view rankdir) {
  return fmt::format(
      "digraph {} {{\n  rankdir={};\n  fontname=\"Helvetica\";\n"
      "  node [fontname=\"Helvetica\", fontsize=10];\n"
      "  edge [fontname=\"Helvetica\", fontsize=9];\n",
      quoted(name), rankdir);
}

}  // namespace redress::graph
