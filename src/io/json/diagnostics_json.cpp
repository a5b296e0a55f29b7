#include <nlohmann/json.hpp>

#include "redress/io/diagnostics_writer.hpp"

namespace redress::io {

std::string to_json(const Diagnostics& diagnostics, int indent) {
  using Json = nlohmann::ordered_json;
  Json out = Json::array();
  for (const auto& d : diagnostics.items()) {
    const auto& at = d.location;
    out.push_back(Json{{"code", d.code},
                       {"severity", std::string(to_string(d.severity))},
                       {"file", at.file},
                       {"line", at.known() ? Json(at.line + 1) : Json(nullptr)},
                       {"column", at.column >= 0 ? Json(at.column + 1) : Json(nullptr)},
                       {"message", d.message},
                       {"hint", d.hint}});
  }
  // Diagnostics quote user input, which may not be valid UTF-8: replace, never throw.
  return out.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace redress::io
