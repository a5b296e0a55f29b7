#include "redress/replay/replay_lines.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>
#include <optional>

#include "io/json/json_out.hpp"
#include "redress/batch/error_record.hpp"
#include "redress/engine/decide.hpp"
#include "redress/io/incident_reader.hpp"
#include "redress/io/incident_schema.hpp"
#include "redress/replay/decision_diff.hpp"

namespace redress::replay {
namespace {

bool is_blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

bool same_schema(const io::IncidentSchema& a, const io::IncidentSchema& b) {
  if (!(a.currency == b.currency) || a.categories != b.categories) return false;
  return std::equal(a.host_facts.begin(), a.host_facts.end(), b.host_facts.begin(),
                    b.host_facts.end(), [](const auto& x, const auto& y) {
                      return x.name == y.name && x.kind == y.kind && x.values == y.values;
                    });
}

enum class Side { both, baseline, candidate };

// One policy's half of a worker: its reader (when the schemas differ) and its decision.
struct Half {
  const CompiledPolicy& policy;
  std::optional<io::IncidentReader> reader;
  Incident incident;
  Decision decision;
};

class LineReplayer final : public batch::LineWorker {
 public:
  LineReplayer(const CompiledPolicy& baseline, const io::IncidentSchema& baseline_schema,
               const CompiledPolicy& candidate, const io::IncidentSchema* candidate_schema,
               const ReplayOptions& options, Accumulator& summary)
      : options_(options),
        summary_(summary),
        baseline_{baseline, {}, {}, {}},
        candidate_{candidate, {}, {}, {}} {
    baseline_.reader.emplace(baseline_schema);
    if (candidate_schema != nullptr) candidate_.reader.emplace(*candidate_schema);
  }

  bool process(std::string_view line, std::uint64_t number, batch::LineOutput& out) override {
    if (is_blank(line)) {
      Diagnostics diagnostics;
      diagnostics.error("incident.syntax", {options_.file, 0, 0}, "empty line",
                        "write one incident as a JSON object per line");
      return failed(out, number, diagnostics, Side::both);
    }
    if (!baseline_.reader->read(line, options_.file, baseline_.incident, problems_)) {
      return failed(out, number, problems_, candidate_.reader ? Side::baseline : Side::both);
    }
    const Incident* candidate_incident = &baseline_.incident;
    if (candidate_.reader) {
      if (!candidate_.reader->read(line, options_.file, candidate_.incident, problems_)) {
        return failed(out, number, problems_, Side::candidate);
      }
      candidate_incident = &candidate_.incident;
    }
    if (!decide_half(baseline_, baseline_.incident, out, number, Side::baseline)) return false;
    if (!decide_half(candidate_, *candidate_incident, out, number, Side::candidate)) return false;

    const Decision& before = baseline_.decision;
    const Decision& after = candidate_.decision;
    const FieldSet changed = changed_fields(before, after);
    summary_.add(number, before, after, changed);
    line_.clear();
    fmt::format_to(std::back_inserter(line_), "{{\"line\":{},\"incident\":", number);
    io::json_out::append_string(line_, before.incident_id);
    if (changed == 0) {
      line_ += ",\"status\":\"unchanged\"}\n";
    } else {
      line_ += ",\"status\":\"changed\",\"changes\":";
      append_changes(line_, before, after, changed);
      line_ += "}\n";
    }
    out.append(line_);
    return true;
  }

 private:
  bool decide_half(Half& half, const Incident& incident, batch::LineOutput& out,
                   std::uint64_t number, Side side) {
    try {
      decide(half.policy, incident, half.decision);
      return true;
    } catch (const DecideError& e) {
      return failed(out, number, e.diagnostics(), side);
    } catch (const std::exception& e) {  // never lose a line, whatever went wrong
      Diagnostics diagnostics;
      diagnostics.error("decide.internal", {options_.file, 0, -1},
                        fmt::format("the decision failed: {}", e.what()));
      return failed(out, number, diagnostics, side);
    }
  }

  bool failed(batch::LineOutput& out, std::uint64_t number, const Diagnostics& diagnostics,
              Side side) {
    summary_.add_error();
    record_.clear();
    batch::append_error_record(record_, number, diagnostics, options_.file);
    if (side != Side::both) {
      // {"line":N,... -> {"line":N,"side":"...",...
      const auto comma = record_.find(',');
      record_.insert(comma + 1,
                     side == Side::baseline ? "\"side\":\"baseline\"," : "\"side\":\"candidate\",");
    }
    out.append(record_);
    return false;
  }

  const ReplayOptions& options_;
  Accumulator& summary_;
  Half baseline_;
  Half candidate_;
  Diagnostics problems_;
  std::string line_;
  std::string record_;
};

}  // namespace

ReplayResult replay_lines(const CompiledPolicy& baseline, const CompiledPolicy& candidate,
                          batch::Source input, batch::Sink output, const ReplayOptions& options,
                          const batch::MapOptions& map, const batch::ProgressFn& progress) {
  const auto baseline_schema = io::incident_schema(baseline);
  const auto candidate_schema = io::incident_schema(candidate);
  const bool one_schema = same_schema(baseline_schema, candidate_schema);
  std::mutex mutex;
  std::vector<std::unique_ptr<Accumulator>> accumulators;
  ReplayResult result;
  result.run = batch::map_lines(
      std::move(input), std::move(output),
      [&]() -> std::unique_ptr<batch::LineWorker> {
        Accumulator* summary = nullptr;
        {
          const std::lock_guard lock(mutex);
          summary = accumulators.emplace_back(std::make_unique<Accumulator>(options.top)).get();
        }
        return std::make_unique<LineReplayer>(baseline, baseline_schema, candidate,
                                              one_schema ? nullptr : &candidate_schema, options,
                                              *summary);
      },
      map, progress);
  std::vector<const Accumulator*> parts;
  for (const auto& a : accumulators) parts.push_back(a.get());
  result.summary = finish(parts, options.top);
  return result;
}

}  // namespace redress::replay
