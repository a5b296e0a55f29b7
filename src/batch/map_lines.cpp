// map_lines(): three kinds of threads share bounded, recycled chunks of input.
//   - The reader fills a free chunk with up to chunk_lines whole lines (whatever a read
//     returns, so a slow pipe is processed as it arrives) and queues it.
//   - The workers claim blocks of block_lines lines of the oldest queued chunk and process each
//     line into the block's own output buffer.
//   - The calling thread writes finished chunks in order, reports progress and recycles them.
// At most `chunks` chunks exist, so memory stays bounded whatever the input size.
//
// Why not tbb::parallel_pipeline (serial_in_order read, parallel decide, serial_in_order
// write), which was measured as fast: its filters run on any pool thread, so a read blocked on
// a slow pipe or HTTP body takes a worker's place, the sink is not written from the calling
// thread, and nothing runs on the calling thread to report progress while no line comes.
#include "redress/batch/map_lines.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "batch/chunk.hpp"
#include "batch/line_splitter.hpp"

namespace redress::batch {

void LineOutput::grow(std::size_t n) {
  // Doubling keeps appending linear; the buffer then keeps its size for the next lines.
  buffer_.resize(std::max({size_ + n, buffer_.size() * 2, std::size_t{4096}}));
}

namespace {

using Clock = std::chrono::steady_clock;
using detail::Block;
using detail::Chunk;

void check(const MapOptions& options) {
  if (options.chunk_lines == 0 || options.block_lines == 0 || options.chunks == 0 ||
      options.read_size == 0) {
    throw std::invalid_argument(
        "map_lines: chunk_lines, block_lines, chunks and read_size must be at least 1");
  }
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Records what stopped the run, unless something already did.
void record_failure(MapResult& result, Failure failure, const std::exception_ptr& error) {
  if (!result.ok()) return;
  result.failure = failure;
  result.exception = error;
  try {
    std::rethrow_exception(error);
  } catch (const std::system_error& e) {
    result.error = e.code();
    result.message = e.what();
  } catch (const std::exception& e) {
    result.message = e.what();
  } catch (...) {
    result.message = "an exception that is not a std::exception";
  }
}

class Pipeline {
 public:
  Pipeline(Source& input, Sink& output, const WorkerFactory& make_worker, const MapOptions& options,
           const ProgressFn& progress)
      : input_(input),
        output_(output),
        make_worker_(make_worker),
        options_(options),
        progress_(progress),
        blocks_per_chunk_((options.chunk_lines + options.block_lines - 1) / options.block_lines) {
    storage_.resize(options.chunks);
    free_.reserve(options.chunks);
    for (auto& c : storage_) {
      c = std::make_unique<Chunk>();
      c->blocks.resize(blocks_per_chunk_);
      free_.push_back(c.get());
    }
  }

  MapResult run(unsigned threads) {
    start_ = last_report_ = Clock::now();
    start_threads(threads);
    write_loop();
    reader_.join();
    for (auto& t : workers_) t.join();
    // After what was read before them has been written: the lines before them are out.
    if (setup_error_) record_failure(result_, Failure::worker, setup_error_);
    if (read_error_) record_failure(result_, Failure::input, read_error_);
    result_.seconds = seconds_since(start_);
    report(true);
    return result_;
  }

 private:
  void start_threads(unsigned threads) {
    try {
      reader_ = std::thread([this] { read_loop(); });
      for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { work_loop(); });
    } catch (...) {  // no thread may outlive the run
      {
        std::lock_guard lock(mutex_);
        stop_ = true;
        if (!reader_.joinable()) input_done_ = true;
      }
      free_cv_.notify_all();
      work_cv_.notify_all();
      if (reader_.joinable()) reader_.join();
      for (auto& t : workers_) t.join();
      throw;
    }
  }

  void read_loop() {
    detail::LineSplitter splitter(input_, options_.chunk_lines, options_.read_size);
    std::exception_ptr error;
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
      try {
        splitter.fill(*chunk);
        error = splitter.error();
      } catch (...) {  // no memory for the chunk: it is dropped
        error = std::current_exception();
        chunk->lines.clear();
      }
      std::lock_guard lock(mutex_);
      if (chunk->lines.empty()) {
        free_.push_back(chunk);
        break;
      }
      chunk->first_line = next_line;
      next_line += chunk->lines.size();
      chunk->block_count = (chunk->lines.size() + options_.block_lines - 1) / options_.block_lines;
      chunk->next_block = chunk->blocks_done = 0;
      work_.push_back(chunk);
      ordered_.push_back(chunk);
      work_cv_.notify_all();
      if (error) break;
    }
    std::lock_guard lock(mutex_);
    read_error_ = error;
    input_done_ = true;
    work_cv_.notify_all();
    done_cv_.notify_all();
  }

  void work_loop() {
    std::unique_ptr<LineWorker> worker;
    try {
      worker = make_worker_();
      if (!worker) throw std::logic_error("map_lines: the worker factory returned no worker");
    } catch (...) {
      std::lock_guard lock(mutex_);
      if (!setup_error_) setup_error_ = std::current_exception();
      halt();
    }
    std::unique_lock lock(mutex_);
    for (;;) {
      work_cv_.wait(lock, [&] { return !work_.empty() || input_done_; });
      if (work_.empty()) return;
      Chunk* chunk = work_.front();
      const std::size_t index = chunk->next_block++;
      if (chunk->next_block == chunk->block_count) work_.pop_front();
      const bool skip = stop_ || !worker;  // stopped: the chunk is only recycled
      lock.unlock();
      process_block(*chunk, index, skip ? nullptr : worker.get());
      lock.lock();
      if (++chunk->blocks_done == chunk->block_count && chunk == ordered_.front()) {
        done_cv_.notify_one();
      }
    }
  }

  // Processes block `index` of `chunk` with `worker`; a null worker leaves it empty.
  void process_block(Chunk& chunk, std::size_t index, LineWorker* worker) const {
    Block& block = chunk.blocks[index];
    block.size = block.lines = 0;
    block.failed = 0;
    block.error = nullptr;
    if (!worker) return;
    const std::size_t begin = index * options_.block_lines;
    const std::size_t end = std::min(begin + options_.block_lines, chunk.lines.size());
    LineOutput out(block.out, 0);
    std::size_t i = begin;
    std::size_t complete = 0;  // the output's end after the last line processed
    try {
      for (; i < end; ++i) {
        std::string_view line(chunk.text.data() + chunk.lines[i].offset, chunk.lines[i].size);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // CRLF input
        if (!worker->process(line, chunk.first_line + i, out)) ++block.failed;
        complete = out.size();
      }
    } catch (...) {  // what the line that threw wrote is dropped
      block.error = std::current_exception();
    }
    block.size = complete;
    block.lines = i - begin;
  }

  void write_loop() {
    const bool ticking = progress_ && options_.progress_interval.count() > 0;
    std::unique_lock lock(mutex_);
    for (;;) {
      const auto ready = [&] {
        return (!ordered_.empty() &&
                ordered_.front()->blocks_done == ordered_.front()->block_count) ||
               (ordered_.empty() && input_done_);
      };
      if (!ticking) {
        done_cv_.wait(lock, ready);
      } else if (!done_cv_.wait_for(lock, options_.progress_interval, ready)) {
        lock.unlock();
        report(false);  // lines are slow to come: the elapsed time still moves
        lock.lock();
        if (!result_.ok()) halt();
        continue;
      }
      if (ordered_.empty()) return;  // the input is done and everything is written
      Chunk* chunk = ordered_.front();
      ordered_.pop_front();
      const bool stopped = stop_;
      lock.unlock();
      if (!stopped) {
        write_chunk(*chunk);
        report(false);
      }
      lock.lock();
      free_.push_back(chunk);
      free_cv_.notify_one();
      if (!result_.ok()) halt();  // stop reading; what is queued drains unwritten
    }
  }

  // Writes the chunk's blocks in order, up to the first failure.
  void write_chunk(const Chunk& chunk) {
    for (std::size_t b = 0; b < chunk.block_count; ++b) {
      const Block& block = chunk.blocks[b];
      if (block.size > 0) {
        try {
          output_.write(std::string_view(block.out.data(), block.size));
        } catch (...) {
          record_failure(result_, Failure::output, std::current_exception());
          return;
        }
      }
      result_.lines += block.lines;
      result_.failed += block.failed;
      if (block.lines > 0) {
        result_.bytes = chunk.offset_after(b * options_.block_lines + block.lines - 1);
      }
      if (block.error) {
        record_failure(result_, Failure::worker, block.error);
        return;
      }
    }
  }

  // Calls the progress callback: at most once per interval, and once `finished`.
  void report(bool finished) {
    if (!progress_) return;
    const auto now = Clock::now();
    if (!finished && (!result_.ok() || now - last_report_ < options_.progress_interval)) return;
    last_report_ = now;
    Progress progress;
    progress.lines = result_.lines;
    progress.failed = result_.failed;
    progress.bytes = result_.bytes;
    progress.seconds = std::chrono::duration<double>(now - start_).count();
    progress.finished = finished;
    try {
      progress_(progress);
    } catch (...) {
      record_failure(result_, Failure::progress, std::current_exception());
    }
  }

  // Stops reading and processing; called with the mutex held.
  void halt() {
    if (stop_) return;
    stop_ = true;
    free_cv_.notify_all();
  }

  Source& input_;
  Sink& output_;
  const WorkerFactory& make_worker_;
  const MapOptions& options_;
  const ProgressFn& progress_;
  const std::size_t blocks_per_chunk_;

  std::thread reader_;
  std::vector<std::thread> workers_;

  std::mutex mutex_;
  std::condition_variable free_cv_, work_cv_, done_cv_;
  std::vector<std::unique_ptr<Chunk>> storage_;
  std::vector<Chunk*> free_;    // chunks the reader may fill
  std::deque<Chunk*> work_;     // chunks with blocks not yet claimed
  std::deque<Chunk*> ordered_;  // every queued chunk, in input order, until written
  bool input_done_ = false;
  bool stop_ = false;
  std::exception_ptr read_error_;   // what the source threw
  std::exception_ptr setup_error_;  // what a worker factory threw

  // The calling thread's.
  MapResult result_;
  Clock::time_point start_, last_report_;
};

}  // namespace

MapResult map_lines(Source input, Sink output, const WorkerFactory& make_worker,
                    const MapOptions& options, const ProgressFn& progress) {
  check(options);
  unsigned threads = options.threads;
  if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
  Pipeline pipeline(input, output, make_worker, options, progress);
  return pipeline.run(threads);
}

MapResult map_text_lines(std::string_view text, LineWorker& worker, std::string& out) {
  const auto start = Clock::now();
  MapResult result;
  LineOutput output(out, out.size());
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t newline = std::min(text.find('\n', at), text.size());
    std::string_view line = text.substr(at, newline - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // CRLF input
    const std::size_t mark = output.size();
    try {
      if (!worker.process(line, result.lines + 1, output)) ++result.failed;
    } catch (...) {  // what the line that threw wrote is dropped
      output.set_size(mark);
      record_failure(result, Failure::worker, std::current_exception());
      break;
    }
    ++result.lines;
    at = std::min(newline + 1, text.size());
    result.bytes = at;
  }
  out.resize(output.size());
  result.seconds = seconds_since(start);
  return result;
}

void append_json_line(std::string& out, std::string_view json) {
  const auto from = out.size();
  out.append(json);
  std::replace_if(
      out.begin() + static_cast<std::ptrdiff_t>(from), out.end(),
      [](char c) { return c == '\n' || c == '\r'; }, ' ');
  out.push_back('\n');
}

}  // namespace redress::batch
