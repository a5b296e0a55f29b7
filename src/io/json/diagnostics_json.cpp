#include <nlohmann/json.hpp>

#include "redress/io/diagnostics_writer.hpp"

namespace redress::io {

std::string to_json(const Diagnostics& diagnostics, int indent) {
  using OrderedJson = nlohmann::ordered_json;
  OrderedJson out = OrderedJson::array();
  for (const auto& d : diagnostics.items()) {
    const auto& at = d.location;
    out.push_back(
        OrderedJson{{"code", d.code},
                    {"severity", std::string(to_string(d.severity))},
                    {"file", at.file},
                    {"line", at.known() ? OrderedJson(at.line + 1) : OrderedJson(nullptr)},
                    {"column", at.column >= 0 ? OrderedJson(at.column + 1) : OrderedJson(nullptr)},
                    {"message", d.message},
                    {"hint", d.hint}});
  }
  // Diagnostics quote user input, which may not be valid UTF-8: replace, never throw.
  return out.dump(indent, ' ', false, OrderedJson::error_handler_t::replace);
}

}  // namespace redress::io
