// An ordered parallel map over the lines of an input: worker threads turn lines into output,
// which is written in input order, with a bounded number of lines in memory.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstring>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>

#include "redress/batch/sink.hpp"
#include "redress/batch/source.hpp"

namespace redress::batch {

/// Where a worker writes the output of its lines: the end of a buffer that is reused from one
/// group of lines to the next without being cleared. The buffer keeps its largest size; the
/// output is buffer()[0, size()).
class LineOutput {
 public:
  /// Writes into `buffer` from `buffer[size]` on; the bytes of `buffer` beyond are scratch
  /// space. Requires size <= buffer.size().
  LineOutput(std::string& buffer, std::size_t size) : buffer_(buffer), size_(size) {}

  /// Appends `bytes`.
  void append(std::string_view bytes) {
    if (buffer_.size() - size_ < bytes.size()) grow(bytes.size());
    if (!bytes.empty()) std::memcpy(buffer_.data() + size_, bytes.data(), bytes.size());
    size_ += bytes.size();
  }
  /// Appends one byte.
  void append(char c) {
    if (buffer_.size() == size_) grow(1);
    buffer_[size_++] = c;
  }

  /// The end of the output so far.
  [[nodiscard]] std::size_t size() const { return size_; }
  /// Moves the end of the output: back to a size() seen before, to drop what was written since
  /// (a line written in part), or forward after a writer filled buffer() in place up to `size`
  /// (io::write_json_line). Requires size <= buffer().size().
  void set_size(std::size_t size) { size_ = size; }
  /// The whole buffer, for writers that fill it in place from size() on (growing it as needed).
  [[nodiscard]] std::string& buffer() { return buffer_; }

 private:
  void grow(std::size_t n);

  std::string& buffer_;
  std::size_t size_;
};

/// One worker thread's state and what it does with a line. Each worker thread makes its own
/// (WorkerFactory) and keeps it for every line it processes, so the state (a parser, an
/// Incident, a Decision) is reused from line to line and never shared between threads.
class LineWorker {
 public:
  virtual ~LineWorker() = default;
  /// Turns input line `number` (1-based) into output appended to `out`: usually one line with
  /// its newline, but any bytes (none included) are written as they are, in input order. `line`
  /// comes without its line ending ("\n", or "\r\n"). Returns false when the line failed: it is
  /// counted in MapResult::failed. An exception stops the run (Failure::worker) after the lines
  /// before this one are written.
  virtual bool process(std::string_view line, std::uint64_t number, LineOutput& out) = 0;
};

/// Makes a worker. Called once on each worker thread, before its first line; an exception (or
/// a null worker) stops the run as a worker's exception does.
using WorkerFactory = std::function<std::unique_ptr<LineWorker>()>;

/// How map_lines() splits the work. The defaults suit lines of a few hundred bytes to a few
/// kilobytes that take microseconds each (deciding incidents).
struct MapOptions {
  unsigned threads = 0;  ///< worker threads; 0: one per core
  /// Lines read at once into a chunk, the unit of reading and of ordered writing.
  std::size_t chunk_lines = 4096;
  std::size_t block_lines = 64;  ///< lines a worker takes at once, and writes to the sink at once
  /// Chunks in memory at once (being read, processed or written). With chunk_lines it bounds
  /// the lines in memory, whatever the input's size: see max_lines_in_memory().
  std::size_t chunks = 4;
  std::size_t read_size = std::size_t{1} << 20;  ///< bytes asked of the source at once
  /// The progress callback is called at most once per interval (and at least once per interval
  /// while lines are slow to come); 0: after every chunk written, and never while idle.
  std::chrono::milliseconds progress_interval{100};

  /// The most input lines held at once: the lines of every chunk, and of one read beyond them
  /// when lines are shorter than `min_line_bytes` bytes (newline included; at least 1).
  [[nodiscard]] std::size_t max_lines_in_memory(std::size_t min_line_bytes) const {
    return chunks * chunk_lines + read_size / (min_line_bytes > 0 ? min_line_bytes : 1) + 1;
  }
};

/// Where a run is, for a progress display: reported on the thread that called map_lines().
struct Progress {
  std::uint64_t lines = 0;   ///< lines processed and written to the sink, in input order
  std::uint64_t failed = 0;  ///< of those, lines whose worker returned false
  std::uint64_t bytes = 0;   ///< input bytes up to the end of the last line written
  double seconds = 0;        ///< since the run started
  bool finished = false;     ///< the last call: the run is over (completely or not)

  /// Lines written per second.
  [[nodiscard]] double lines_per_second() const {
    return seconds > 0 ? static_cast<double>(lines) / seconds : 0.0;
  }
};

/// Called with the run's progress. It may throw to stop the run (a host cancelling):
/// Failure::progress.
using ProgressFn = std::function<void(const Progress&)>;

/// What stopped a run before the end of its input.
enum class Failure {
  none,      ///< the whole input was processed and written
  input,     ///< the source threw: every whole line read before was processed and written
  output,    ///< the sink threw: nothing more was read or written
  worker,    ///< a worker (or WorkerFactory) threw: every line before that one was written
  progress,  ///< the progress callback threw: nothing more was read or written
};

/// What a run did.
struct MapResult {
  std::uint64_t lines = 0;          ///< lines processed and written to the sink, in input order
  std::uint64_t failed = 0;         ///< of those, lines whose worker returned false
  std::uint64_t bytes = 0;          ///< input bytes up to the end of the last line written
  double seconds = 0;               ///< how long the run took
  Failure failure = Failure::none;  ///< what stopped the run early, if anything
  /// The code of the failure, when the exception was a std::system_error (an errno for
  /// Source::fd() and Sink::fd()).
  std::error_code error;
  std::string message;           ///< what went wrong: the exception's what()
  std::exception_ptr exception;  ///< the exception that stopped the run, to rethrow

  /// True when the whole input was processed and written.
  [[nodiscard]] bool ok() const { return failure == Failure::none; }
  /// Lines whose worker returned true.
  [[nodiscard]] std::uint64_t succeeded() const { return lines - failed; }
};

/// Reads lines from `input`, processes them on `options.threads` worker threads and writes
/// their output to `output` in input order. A line ends at "\n" ("\r\n" too); the last line may
/// lack it; every line, empty ones included, is processed once. Lines are processed as they
/// arrive: a source that returns less than it was asked for has its lines processed at once,
/// and their output written, without waiting for more. At most options.chunks chunks of
/// options.chunk_lines lines are in memory, with their output, whatever the input's size.
///
/// One thread reads, the workers process, and the calling thread writes to the sink and calls
/// `progress` (when given: at most once per options.progress_interval, then once with
/// `finished`). Returns when the input is done or the run failed; never throws for what the
/// source, sink, workers or callback throw (see MapResult), but std::invalid_argument when an
/// option is 0 other than threads and progress_interval, and what std::thread throws.
MapResult map_lines(Source input, Sink output, const WorkerFactory& make_worker,
                    const MapOptions& options = {}, const ProgressFn& progress = {});

/// map_lines() for text already in memory, on the calling thread with `worker`: the same lines,
/// output and counts, appended to `out`, without starting threads. For inputs too small to be
/// worth them (a server's request body, decided on the thread that serves it). A worker's
/// exception stops the run (Failure::worker) after the lines before it.
MapResult map_text_lines(std::string_view text, LineWorker& worker, std::string& out);

/// Appends one JSON document to `out` as a line of JSON lines, with its newline. JSON breaks
/// lines only between tokens (a string holds none unescaped), so each "\n" or "\r" becomes a
/// space and the document means the same.
void append_json_line(std::string& out, std::string_view json);

}  // namespace redress::batch
