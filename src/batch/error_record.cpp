#include "redress/batch/error_record.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "redress/io/diagnostics_writer.hpp"

namespace redress::batch {

void append_error_record(std::string& out, std::uint64_t line, const Diagnostics& diagnostics,
                         std::string_view file) {
  // The incident was read as a one-line document: move its locations onto the input's line.
  Diagnostics located;
  for (auto d : diagnostics.items()) {
    if (d.location.file.empty()) d.location.file = file;
    d.location.line = static_cast<std::int32_t>(line - 1) + std::max(d.location.line, 0);
    located.add(std::move(d));
  }
  const auto& items = located.items();
  auto first = std::find_if(items.begin(), items.end(),
                            [](const Diagnostic& d) { return d.severity == Severity::error; });
  if (first == items.end() && !items.empty()) first = items.begin();
  const bool known = first != items.end();
  nlohmann::ordered_json error{{"code", known ? first->code : std::string("incident.invalid")},
                               {"message", known ? first->message : std::string()}};
  out += fmt::format(R"({{"line":{},"error":{},"diagnostics":{}}})", line,
                     error.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                     io::to_json(located, -1));
  out += '\n';
}

}  // namespace redress::batch
