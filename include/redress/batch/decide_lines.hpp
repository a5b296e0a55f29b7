// Deciding JSON lines: one incident a line in, one decision or error record a line out, in
// order, on many threads (what `redress batch` does).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "redress/batch/map_lines.hpp"
#include "redress/compile/compiled_policy.hpp"
#include "redress/diag/diagnostic.hpp"
#include "redress/engine/decide.hpp"
#include "redress/io/incident_reader.hpp"
#include "redress/model/decision.hpp"
#include "redress/model/incident.hpp"

namespace redress::batch {

/// How decide_lines() decides and names its input.
struct DecideLinesOptions {
  /// How to decide; with `trace`, each decision's trace is written too.
  DecideOptions decide;
  std::string file = "<input>";  ///< the input's name in the diagnostics of error records
  /// Called on the worker thread with each decision and the line it was made from, after the
  /// decision is written (a server's decision log and metrics). When it throws, the line's
  /// decision is replaced by its error record (decide.internal): no decision goes out unseen.
  std::function<void(const Decision&, std::string_view line)> on_decision;
  /// Called on the worker thread with each incident decided, its decision and its input line
  /// number, after on_decision (GroupConsistency::add). A throw is handled as on_decision's.
  std::function<void(const Incident&, const Decision&, std::uint64_t number)> on_decided;
};

/// Decides one line after another into a LineOutput: the LineWorker of decide_lines(), for a
/// host that runs map_lines() itself or decides lines one by one. One per thread: it reuses one
/// Incident, one Decision and one JSON parser for every line.
class LineDecider final : public LineWorker {
 public:
  /// Decides with `policy`, reading incidents against `schema` (io::incident_schema(policy));
  /// all three must outlive the decider.
  LineDecider(const CompiledPolicy& policy, const io::IncidentSchema& schema,
              const DecideLinesOptions& options);

  /// Writes the decision of the incident on line `line` (number `number`) as one line of JSON
  /// (io::to_json(decision) with indent -1, and a newline), and returns true. When the line is
  /// blank, is not an incident the policy accepts, or cannot be decided, writes its error record
  /// (append_error_record()) instead and returns false. Never throws but std::bad_alloc.
  bool process(std::string_view line, std::uint64_t number, LineOutput& out) override;

 private:
  bool failed(LineOutput& out, std::uint64_t number, const Diagnostics& diagnostics);

  const CompiledPolicy& policy_;
  const DecideLinesOptions& options_;
  io::IncidentReader reader_;
  Diagnostics problems_;  // the reader's, of the last line
  Incident incident_;     // reused line after line, with its memory
  Decision decision_;     // the same
  std::string record_;
};

/// Decides every line of `input` with `policy` and writes to `output`, in input order, one line
/// per input line: the decision, or the error record of a line that failed (an empty line
/// included). MapResult::failed counts the error records and succeeded() the decisions; the
/// run stops only for the input, the output or the progress callback (MapResult::failure).
/// Thread-safe: runs may share the policy.
MapResult decide_lines(const CompiledPolicy& policy, Source input, Sink output,
                       const DecideLinesOptions& options = {}, const MapOptions& map = {},
                       const ProgressFn& progress = {});

}  // namespace redress::batch
