#include "redress/batch/decide_lines.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <exception>

#include "redress/batch/error_record.hpp"
#include "redress/io/decision_writer.hpp"
#include "redress/io/incident_schema.hpp"

namespace redress::batch {
namespace {

bool is_blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

}  // namespace

LineDecider::LineDecider(const CompiledPolicy& policy, const io::IncidentSchema& schema,
                         const DecideLinesOptions& options)
    : policy_(policy), options_(options), reader_(schema) {}

bool LineDecider::process(std::string_view line, std::uint64_t number, LineOutput& out) {
  if (is_blank(line)) {
    Diagnostics diagnostics;
    diagnostics.error("incident.syntax", {options_.file, 0, 0}, "empty line",
                      "write one incident as a JSON object per line");
    return failed(out, number, diagnostics);
  }
  if (!reader_.read(line, options_.file, incident_, problems_)) {
    return failed(out, number, problems_);
  }
  const std::size_t mark = out.size();  // a decision written in part is dropped
  try {
    decide(policy_, incident_, decision_, options_.decide);
    out.set_size(io::write_json_line(out.buffer(), mark, decision_, options_.decide.trace));
    out.append('\n');
    if (options_.on_decision) options_.on_decision(decision_, line);
    if (options_.on_decided) options_.on_decided(incident_, decision_, number);
    return true;
  } catch (const DecideError& e) {
    out.set_size(mark);
    return failed(out, number, e.diagnostics());
  } catch (const std::exception& e) {  // never lose a line, whatever went wrong
    out.set_size(mark);
    Diagnostics diagnostics;
    diagnostics.error("decide.internal", {options_.file, 0, -1},
                      fmt::format("the decision failed: {}", e.what()));
    return failed(out, number, diagnostics);
  }
}

bool LineDecider::failed(LineOutput& out, std::uint64_t number, const Diagnostics& diagnostics) {
  record_.clear();
  append_error_record(record_, number, diagnostics, options_.file);
  out.append(record_);
  return false;
}

MapResult decide_lines(const CompiledPolicy& policy, Source input, Sink output,
                       const DecideLinesOptions& options, const MapOptions& map,
                       const ProgressFn& progress) {
  const auto schema = io::incident_schema(policy);
  return map_lines(
      std::move(input), std::move(output),
      [&] { return std::make_unique<LineDecider>(policy, schema, options); }, map, progress);
}

}  // namespace redress::batch
