// redress batch [--policy FILE] [--threads N] [--trace] [IN.jsonl] [-o OUT.jsonl]
//
// JSON lines in, JSON lines out, in input order, one output line per input line. Three kinds of
// threads share bounded, recycled chunks of input:
//   - the reader fills a free chunk with up to kChunkLines whole lines (whatever a read(2)
//     returns, so a slow pipe is decided as it arrives) and queues it;
//   - N workers claim blocks of kBlockLines lines of the oldest queued chunk, parse, decide and
//     format each line into the block's own output buffer;
//   - the main thread writes finished chunks in order, draws the progress bar and recycles the
//     chunk. At most kChunks chunks exist, so memory stays bounded whatever the input size.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "io/json/json_out.hpp"
#include "redress/engine/decide.hpp"
#include "redress/io/decision_writer.hpp"
#include "redress/io/diagnostics_writer.hpp"
#include "redress/io/incident_reader.hpp"
#include "redress/io/incident_schema.hpp"
#include "redress/io/load_policy.hpp"

namespace redress::cli {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kChunkLines = 4096;   // lines per chunk
constexpr std::size_t kBlockLines = 64;     // lines a worker claims at once
constexpr std::size_t kChunks = 4;          // chunks in flight (bounds memory)
constexpr std::size_t kReadSize = 1 << 20;  // bytes asked of each read(2)

struct Line {
  std::size_t offset = 0;
  std::size_t size = 0;
};

struct Block {
  // The block's output lines, newline-terminated: out[0, size). The string keeps its largest
  // size, so that the space is reused from chunk to chunk without being cleared again.
  std::string out;
  std::size_t size = 0;
  std::size_t decided = 0;
  std::size_t failed = 0;
};

struct Chunk {
  std::uint64_t first_line = 1;  // 1-based number of lines[0]
  std::uint64_t end_offset = 0;  // input bytes consumed up to the end of this chunk
  std::string text;              // the lines' bytes (and possibly a partial line after them)
  std::vector<Line> lines;
  std::vector<Block> blocks;
  std::size_t block_count = 0;
  std::size_t next_block = 0;   // guarded by Pipeline::mutex
  std::size_t blocks_done = 0;  // guarded by Pipeline::mutex
};

// Reads lines from a file descriptor in large reads; keeps the tail of a partial line.
class LineSource {
 public:
  explicit LineSource(int fd) : fd_(fd) {}

  // Fills `chunk` with up to kChunkLines whole lines (the last line of the input may lack its
  // newline). Returns false on a read error. An empty chunk.lines means the end of the input.
  bool fill(Chunk& chunk) {
    chunk.lines.clear();
    chunk.text.swap(carry_);
    carry_.clear();
    std::size_t scan = 0;  // where to look for the next newline
    std::size_t start = 0;
    for (;;) {
      while (chunk.lines.size() < kChunkLines) {
        const void* nl = std::memchr(chunk.text.data() + scan, '\n', chunk.text.size() - scan);
        if (!nl) break;
        const std::size_t end = static_cast<const char*>(nl) - chunk.text.data();
        chunk.lines.push_back({start, end - start});
        start = scan = end + 1;
      }
      if (chunk.lines.size() == kChunkLines) break;
      if (!chunk.lines.empty() && !more_available_) break;  // decide what we have now
      if (eof_) {
        if (start < chunk.text.size()) {  // a last line without its newline
          chunk.lines.push_back({start, chunk.text.size() - start});
          start = chunk.text.size();
        }
        break;
      }
      scan = chunk.text.size();
      if (!read_more(chunk.text)) return false;
    }
    carry_.assign(chunk.text, start, std::string::npos);
    consumed_ += start;
    chunk.end_offset = consumed_;
    return true;
  }

 private:
  bool read_more(std::string& text) {
    const std::size_t old = text.size();
    text.resize(old + kReadSize);
    ssize_t n;
    do {
      n = ::read(fd_, text.data() + old, kReadSize);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
      text.resize(old);
      return false;
    }
    text.resize(old + static_cast<std::size_t>(n));
    eof_ = n == 0;
    // A full read suggests more is waiting; a short one (a pipe drained) means: decide now.
    more_available_ = static_cast<std::size_t>(n) == kReadSize;
    return true;
  }

  int fd_;
  std::string carry_;
  std::uint64_t consumed_ = 0;
  bool eof_ = false;
  bool more_available_ = true;
};

// What every worker shares: the policy and how to name the input in diagnostics.
struct Job {
  const CompiledPolicy& policy;
  const io::IncidentSchema& schema;
  DecideOptions decide_options;
  io::WriteOptions write_options;
  std::string file;  // the input's name in diagnostics
};

bool is_blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

void error_record(std::string& out, std::uint64_t line_number, const Diagnostics& found,
                  const std::string& file) {
  // The incident was read as a one-line document: move its locations onto the input's line.
  Diagnostics diagnostics;
  for (auto d : found.items()) {
    if (d.location.file.empty()) d.location.file = file;
    d.location.line = static_cast<std::int32_t>(line_number - 1) + std::max(d.location.line, 0);
    diagnostics.add(std::move(d));
  }
  const Diagnostic* first = nullptr;
  for (const auto& d : diagnostics.items()) {
    if (d.severity == Severity::error) {
      first = &d;
      break;
    }
  }
  if (!first && !diagnostics.empty()) first = &diagnostics.items().front();
  nlohmann::ordered_json error{{"code", first ? first->code : std::string("incident.invalid")},
                               {"message", first ? first->message : std::string()}};
  out += fmt::format(R"({{"line":{},"error":{},"diagnostics":{}}})", line_number,
                     error.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                     io::to_json(diagnostics, -1));
  out += '\n';
}

// One worker's reusable state.
class Worker {
 public:
  explicit Worker(const Job& job) : job_(job), reader_(job.schema) {}

  void run(const Chunk& chunk, std::size_t block_index, Block& block) {
    block.decided = block.failed = 0;
    io::json_out::Appender out(block.out, 0);
    const std::size_t begin = block_index * kBlockLines;
    const std::size_t end = std::min(begin + kBlockLines, chunk.lines.size());
    for (std::size_t i = begin; i < end; ++i) {
      std::string_view line(chunk.text.data() + chunk.lines[i].offset, chunk.lines[i].size);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // CRLF input
      if (one(line, chunk.first_line + i, out)) {
        ++block.decided;
      } else {
        ++block.failed;
      }
    }
    block.size = out.used();
  }

 private:
  // Decides one line into `out`; false when it gave an error record.
  bool one(std::string_view line, std::uint64_t number, io::json_out::Appender& out) {
    if (is_blank(line)) {
      Diagnostics diagnostics;
      diagnostics.error("incident.syntax", {job_.file, 0, 0}, "empty line",
                        "write one incident as a JSON object per line");
      return failed(out, number, diagnostics);
    }
    if (!reader_.read(line, job_.file, incident_, problems_)) return failed(out, number, problems_);
    const std::size_t mark = out.used();  // a decision written in part is dropped
    try {
      decide(job_.policy, incident_, decision_, job_.decide_options);
      io::json_out::append_decision(out, decision_, job_.write_options.trace);
      out.raw('\n');
      return true;
    } catch (const DecideError& e) {
      out.rewind(mark);
      return failed(out, number, e.diagnostics());
    } catch (const std::exception& e) {  // never lose a line, whatever went wrong
      out.rewind(mark);
      Diagnostics diagnostics;
      diagnostics.error("decide.internal", {job_.file, 0, -1},
                        fmt::format("the decision failed: {}", e.what()));
      return failed(out, number, diagnostics);
    }
  }

  // Writes the error record of line `number`; false.
  bool failed(io::json_out::Appender& out, std::uint64_t number, const Diagnostics& diagnostics) {
    std::string record;
    error_record(record, number, diagnostics, job_.file);
    out.raw(record);
    return false;
  }

  const Job& job_;
  io::IncidentReader reader_;
  Diagnostics problems_;  // the reader's, of the last line
  Incident incident_;     // reused line after line, with its memory
  Decision decision_;     // the same
};

class Pipeline {
 public:
  Pipeline(const Job& job, unsigned threads, int in_fd, int out_fd, std::uint64_t input_size)
      : job_(job), threads_(threads), in_fd_(in_fd), out_fd_(out_fd), input_size_(input_size) {
    for (auto& c : storage_) {
      c = std::make_unique<Chunk>();
      c->blocks.resize(kChunkLines / kBlockLines);
      free_.push_back(c.get());
    }
  }

  // Runs to the end of the input (or the first I/O error). Returns kOk or kUnreadable.
  int run() {
    start_ = last_draw_ = Clock::now();
    progress_ = isatty(2) == 1;
    std::thread reader([this] { read_loop(); });
    std::vector<std::thread> workers;
    for (unsigned i = 0; i < threads_; ++i) workers.emplace_back([this] { work_loop(); });
    write_loop();
    reader.join();
    for (auto& t : workers) t.join();
    if (progress_) std::cerr << "\r\033[K" << std::flush;
    if (read_failed_) {
      std::cerr << fmt::format("{}: error[incident.io]: cannot read the input: {}\n", job_.file,
                               std::strerror(read_errno_));
      return kUnreadable;
    }
    if (write_failed_) {
      std::cerr << fmt::format("error: cannot write the output: {}\n", std::strerror(write_errno_));
      return kUnreadable;
    }
    return kOk;
  }

  [[nodiscard]] std::uint64_t decided() const { return decided_; }
  [[nodiscard]] std::uint64_t failed() const { return failed_; }

 private:
  void read_loop() {
    LineSource source(in_fd_);
    std::uint64_t next_line = 1;
    for (;;) {
      Chunk* chunk;
      {
        std::unique_lock lock(mutex_);
        free_cv_.wait(lock, [&] { return !free_.empty() || stop_; });
        if (stop_) break;
        chunk = free_.back();
        free_.pop_back();
      }
      const bool ok = source.fill(*chunk);
      if (!ok) read_errno_ = errno;
      std::lock_guard lock(mutex_);
      if (!ok || chunk->lines.empty()) {
        read_failed_ = !ok;
        free_.push_back(chunk);
        break;
      }
      chunk->first_line = next_line;
      next_line += chunk->lines.size();
      chunk->block_count = (chunk->lines.size() + kBlockLines - 1) / kBlockLines;
      chunk->next_block = chunk->blocks_done = 0;
      work_.push_back(chunk);
      ordered_.push_back(chunk);
      work_cv_.notify_all();
    }
    std::lock_guard lock(mutex_);
    input_done_ = true;
    work_cv_.notify_all();
    done_cv_.notify_all();
  }

  void work_loop() {
    Worker worker(job_);
    std::unique_lock lock(mutex_);
    for (;;) {
      work_cv_.wait(lock, [&] { return !work_.empty() || input_done_; });
      if (work_.empty()) return;
      Chunk* chunk = work_.front();
      const std::size_t index = chunk->next_block++;
      if (chunk->next_block == chunk->block_count) work_.pop_front();
      lock.unlock();
      worker.run(*chunk, index, chunk->blocks[index]);
      lock.lock();
      if (++chunk->blocks_done == chunk->block_count && chunk == ordered_.front()) {
        done_cv_.notify_one();
      }
    }
  }

  void write_loop() {
    std::unique_lock lock(mutex_);
    for (;;) {
      const bool ready = done_cv_.wait_for(lock, std::chrono::milliseconds(100), [&] {
        return (!ordered_.empty() &&
                ordered_.front()->blocks_done == ordered_.front()->block_count) ||
               (ordered_.empty() && input_done_);
      });
      if (!ready) {
        lock.unlock();
        draw_progress(false);
        lock.lock();
        continue;
      }
      if (ordered_.empty()) return;  // the input is done and everything is written
      Chunk* chunk = ordered_.front();
      ordered_.pop_front();
      lock.unlock();
      for (std::size_t b = 0; b < chunk->block_count; ++b) {
        const Block& block = chunk->blocks[b];
        if (!write_failed_ && !write_all(std::string_view(block.out.data(), block.size))) {
          write_failed_ = true;
          write_errno_ = errno;
        }
        decided_ += block.decided;
        failed_ += block.failed;
      }
      bytes_done_ = chunk->end_offset;
      draw_progress(false);
      lock.lock();
      free_.push_back(chunk);
      if (write_failed_) stop_ = true;  // stop reading; what is queued drains unwritten
      free_cv_.notify_one();
    }
  }

  bool write_all(std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::write(out_fd_, data.data(), data.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        return false;
      }
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // "  1234567 lines  412345/s  [#########           ]  45%  ETA 0:03", on one line of stderr.
  void draw_progress(bool force) {
    if (!progress_) return;
    const auto now = Clock::now();
    if (!force && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const std::uint64_t done = decided_ + failed_;
    const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
    std::string text = fmt::format("\r{:>10} lines ({} failed)  {:>8.0f}/s", done, failed_, rate);
    if (input_size_ > 0) {
      const double fraction =
          std::min(1.0, static_cast<double>(bytes_done_) / static_cast<double>(input_size_));
      constexpr int kWidth = 24;
      const int filled = static_cast<int>(fraction * kWidth);
      text +=
          fmt::format("  [{}{}] {:3.0f}%", std::string(static_cast<std::size_t>(filled), '#'),
                      std::string(static_cast<std::size_t>(kWidth - filled), ' '), fraction * 100);
      if (fraction > 0) {
        const auto eta = static_cast<std::int64_t>(elapsed * (1 - fraction) / fraction + 0.5);
        text += fmt::format("  ETA {}:{:02}", eta / 60, eta % 60);
      }
    }
    text += "\033[K";
    std::cerr << text << std::flush;
  }

  const Job& job_;
  unsigned threads_;
  int in_fd_;
  int out_fd_;
  std::uint64_t input_size_;  // 0 when unknown (a pipe)

  std::mutex mutex_;
  std::condition_variable free_cv_, work_cv_, done_cv_;
  std::unique_ptr<Chunk> storage_[kChunks];
  std::vector<Chunk*> free_;    // chunks the reader may fill
  std::deque<Chunk*> work_;     // chunks with blocks not yet claimed
  std::deque<Chunk*> ordered_;  // every queued chunk, in input order, until written
  bool input_done_ = false;
  bool stop_ = false;

  // Written by the reader only, read after it is joined.
  bool read_failed_ = false;
  int read_errno_ = 0;
  // The main thread's.
  bool write_failed_ = false;
  int write_errno_ = 0;
  std::uint64_t decided_ = 0;
  std::uint64_t failed_ = 0;
  std::uint64_t bytes_done_ = 0;
  bool progress_ = false;
  Clock::time_point start_, last_draw_;
};

CompileResult load(const std::string& path) {
  if (path.empty()) return load_default_policy();
  std::string text;
  if (!read_input(path, text)) {
    CompileResult failed;
    failed.diagnostics.error("policy.io", {path, -1, -1},
                             fmt::format("cannot read policy file '{}'", path));
    return failed;
  }
  return load_policy(text, path);
}

}  // namespace

int run_batch(const BatchArgs& args) {
  const auto loaded = load(args.policy);
  if (!loaded.policy) {
    for (const auto& d : loaded.diagnostics.items()) std::cerr << render(d, loaded.source);
    return loaded.diagnostics.size() == 1 && loaded.diagnostics.items()[0].code == "policy.io"
               ? kUnreadable
               : kPolicyInvalid;
  }
  const bool from_stdin = args.input.empty() || args.input == "-";
  int in_fd = 0;
  std::uint64_t input_size = 0;
  if (!from_stdin) {
    in_fd = ::open(args.input.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (in_fd < 0 || ::fstat(in_fd, &st) != 0 || S_ISDIR(st.st_mode)) {
      std::cerr << fmt::format("{}: error[incident.io]: cannot read the file: {}\n", args.input,
                               std::strerror(in_fd < 0 ? errno : EISDIR));
      if (in_fd >= 0) ::close(in_fd);
      return kUnreadable;
    }
    if (S_ISREG(st.st_mode)) input_size = static_cast<std::uint64_t>(st.st_size);
  }
  int out_fd = 1;
  if (!args.output.empty() && args.output != "-") {
    out_fd = ::open(args.output.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (out_fd < 0) {
      std::cerr << fmt::format("{}: error: cannot write the output file: {}\n", args.output,
                               std::strerror(errno));
      if (in_fd > 0) ::close(in_fd);
      return kUnreadable;
    }
  }

  const auto schema = io::incident_schema(*loaded.policy);
  const Job job{*loaded.policy, schema, DecideOptions{args.trace, args.locale},
                io::WriteOptions{args.trace, -1}, from_stdin ? "<stdin>" : args.input};
  unsigned threads = args.threads;
  if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());

  const auto start = Clock::now();
  Pipeline pipeline(job, threads, in_fd, out_fd, input_size);
  int code = pipeline.run();
  if (out_fd != 1 && ::close(out_fd) != 0 && code == kOk) {
    std::cerr << fmt::format("{}: error: cannot write the output file: {}\n", args.output,
                             std::strerror(errno));
    code = kUnreadable;
  }
  if (in_fd > 0) ::close(in_fd);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const auto rate =
      seconds > 0 ? static_cast<std::uint64_t>(static_cast<double>(pipeline.decided()) / seconds)
                  : 0;
  std::cerr << fmt::format("{} decided, {} failed, in {:.3f} s ({} decisions/s)\n",
                           pipeline.decided(), pipeline.failed(), seconds, rate);
  if (code != kOk) return code;
  return pipeline.failed() > 0 ? kInvalidInput : kOk;
}

}  // namespace redress::cli
