// map_lines(): the ordered parallel map under every batch command. Lines keep their order and
// each gives exactly one output, whatever the threads; memory stays bounded; a slow source is
// processed as it arrives; failures of the source, the sink, a worker or the progress callback
// stop the run and say which.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "redress/batch/map_lines.hpp"

using redress::batch::Failure;
using redress::batch::LineOutput;
using redress::batch::LineWorker;
using redress::batch::map_lines;
using redress::batch::MapOptions;
using redress::batch::MapResult;
using redress::batch::Progress;
using redress::batch::Sink;
using redress::batch::Source;
using redress::batch::WorkerFactory;

namespace {

std::string echo_of(std::uint64_t number, std::string_view line) {
  return std::to_string(number) + ":" + std::string(line) + "\n";
}

// Writes "number:line\n" for every line; a line starting with '!' fails.
class EchoWorker : public LineWorker {
 public:
  bool process(std::string_view line, std::uint64_t number, LineOutput& out) override {
    out.append(std::to_string(number));
    out.append(':');
    out.append(line);
    out.append('\n');
    return line.empty() || line.front() != '!';
  }
};

WorkerFactory echo() {
  return [] { return std::make_unique<EchoWorker>(); };
}

// "1\n2\n...count\n": lines that say their own number.
std::string numbered_lines(std::size_t count) {
  std::string text;
  for (std::size_t i = 1; i <= count; ++i) text += std::to_string(i) + "\n";
  return text;
}

std::string echoed_numbers(std::size_t count) {
  std::string text;
  for (std::size_t i = 1; i <= count; ++i) text += echo_of(i, std::to_string(i));
  return text;
}

// Small chunks and blocks, so that a few thousand lines cross many of them.
MapOptions small(unsigned threads) {
  MapOptions options;
  options.threads = threads;
  options.chunk_lines = 64;
  options.block_lines = 4;
  options.chunks = 3;
  options.read_size = 512;
  return options;
}

// The lines a worker was given, with their numbers, in input order.
std::vector<std::pair<std::uint64_t, std::string>> lines_seen(const std::string& input) {
  std::mutex mutex;
  std::vector<std::pair<std::uint64_t, std::string>> seen;
  class Recorder : public LineWorker {
   public:
    Recorder(std::mutex& m, std::vector<std::pair<std::uint64_t, std::string>>& s)
        : mutex_(m), seen_(s) {}
    bool process(std::string_view line, std::uint64_t number, LineOutput& out) override {
      out.append('.');
      std::lock_guard lock(mutex_);
      seen_.emplace_back(number, std::string(line));
      return true;
    }

   private:
    std::mutex& mutex_;
    std::vector<std::pair<std::uint64_t, std::string>>& seen_;
  };
  std::string out;
  const auto result = map_lines(
      Source::buffer(input), Sink::string(out),
      [&] { return std::make_unique<Recorder>(mutex, seen); }, small(3));
  REQUIRE(result.ok());
  REQUIRE(out == std::string(seen.size(), '.'));  // one output per line
  REQUIRE(result.lines == seen.size());
  REQUIRE(result.bytes == input.size());
  std::sort(seen.begin(), seen.end());
  return seen;
}

using Seen = std::vector<std::pair<std::uint64_t, std::string>>;

}  // namespace

TEST_CASE("map_lines keeps the input order with many threads and uneven work", "[batch]") {
  // Every 7th line is slow, every 13th very slow: blocks finish far out of order.
  class Uneven : public LineWorker {
   public:
    bool process(std::string_view line, std::uint64_t number, LineOutput& out) override {
      if (number % 13 == 0) {
        std::this_thread::sleep_for(std::chrono::microseconds(300));
      } else if (number % 7 == 0) {
        std::this_thread::sleep_for(std::chrono::microseconds(50));
      }
      out.append(echo_of(number, line));
      return true;
    }
  };
  const std::size_t count = 5000;
  const std::string input = numbered_lines(count);
  for (unsigned threads : {1U, 2U, 8U}) {
    INFO("threads " << threads);
    std::string out;
    const auto result = map_lines(
        Source::buffer(input), Sink::string(out), [] { return std::make_unique<Uneven>(); },
        small(threads));
    REQUIRE(result.ok());
    CHECK(result.lines == count);
    CHECK(result.failed == 0);
    CHECK(result.bytes == input.size());
    CHECK(out == echoed_numbers(count));
  }
}

TEST_CASE("map_lines gives every line once: empty lines, CRLF, a last line without newline",
          "[batch]") {
  CHECK(lines_seen("a\n\nb\r\n\r\nc") == Seen{{1, "a"}, {2, ""}, {3, "b"}, {4, ""}, {5, "c"}});
  CHECK(lines_seen("") == Seen{});
  CHECK(lines_seen("\n") == Seen{{1, ""}});
  CHECK(lines_seen("\n\n\n") == Seen{{1, ""}, {2, ""}, {3, ""}});
  CHECK(lines_seen("only") == Seen{{1, "only"}});
  CHECK(lines_seen("last\r") == Seen{{1, "last"}});
  // A '\r' inside a line is the line's; one before "\n" is its ending.
  CHECK(lines_seen("a\rb\nc\r\r\n") == Seen{{1, "a\rb"}, {2, "c\r"}});
  // Malformed bytes are passed on as they are.
  CHECK(lines_seen(std::string("{\"x\":\n\xff\xfe\n", 9)) == Seen{{1, "{\"x\":"}, {2, "\xff\xfe"}});
  // Lines longer than a read, and than a chunk's reads put together.
  const std::string longer(5000, 'x');
  CHECK(lines_seen(longer + "\n" + longer) == Seen{{1, longer}, {2, longer}});
}

TEST_CASE("map_lines counts failed lines and writes their output in place", "[batch]") {
  std::string out;
  const auto result =
      map_lines(Source::buffer("ok\n!bad\n\n!worse\nfine\n"), Sink::string(out), echo(), small(2));
  REQUIRE(result.ok());
  CHECK(result.lines == 5);
  CHECK(result.failed == 2);
  CHECK(result.succeeded() == 3);
  CHECK(out == "1:ok\n2:!bad\n3:\n4:!worse\n5:fine\n");
}

TEST_CASE("map_lines holds a bounded number of lines, whatever the input's size", "[batch]") {
  // The source makes lines on demand and counts them; the sink counts what comes out. Lines in
  // memory are the difference; a slow sink lets an unbounded reader run far ahead.
  const std::size_t total = 20000;
  std::atomic<std::uint64_t> written{0};
  std::uint64_t newlines_handed = 0;
  std::uint64_t most_in_memory = 0;
  std::string pending;  // bytes of lines made but not yet handed out
  std::size_t next = 1;
  const auto source = [&](char* data, std::size_t capacity) -> std::size_t {
    while (pending.size() < capacity && next <= total) pending += std::to_string(next++) + "\n";
    const std::size_t n = std::min(capacity, pending.size());
    std::copy_n(pending.data(), n, data);
    pending.erase(0, n);
    newlines_handed += static_cast<std::uint64_t>(std::count(data, data + n, '\n'));
    const bool partial = n > 0 && data[n - 1] != '\n';  // a line begun, not ended
    const std::uint64_t begun = newlines_handed + (partial ? 1 : 0);
    most_in_memory = std::max(most_in_memory, begun - written.load());
    return n;
  };
  const auto sink = [&](std::string_view bytes) {
    std::this_thread::sleep_for(std::chrono::microseconds(200));
    written += static_cast<std::uint64_t>(std::count(bytes.begin(), bytes.end(), '\n'));
  };
  MapOptions options = small(2);
  options.block_lines = 8;
  options.chunk_lines = 32;
  options.read_size = 64;
  std::string out;
  const auto result = map_lines(Source(source), Sink(sink), echo(), options);
  REQUIRE(result.ok());
  CHECK(result.lines == total);
  CHECK(written == total);
  const std::size_t shortest_line = 2;  // "1\n"
  INFO("most lines in memory: " << most_in_memory);
  CHECK(most_in_memory <= options.max_lines_in_memory(shortest_line));
  CHECK(options.max_lines_in_memory(shortest_line) == 3 * 32 + 64 / 2 + 1);
  // The reader did run ahead of the sink, as far as it may.
  CHECK(most_in_memory > options.chunk_lines);
}

TEST_CASE("map_lines processes the lines of a slow source as they arrive", "[batch]") {
  // The source hands out one line a call and gives line k + 1 only once the output of line k
  // was written: a pipeline that waited for a full chunk or the end would never get there.
  const std::size_t count = 6;
  std::mutex mutex;
  std::condition_variable written_cv;
  std::size_t written = 0;
  std::size_t timeouts = 0;
  std::size_t handed = 0;
  const auto source = [&](char* data, std::size_t capacity) -> std::size_t {
    if (handed == count) return 0;
    if (handed > 0) {
      std::unique_lock lock(mutex);
      if (!written_cv.wait_for(lock, std::chrono::seconds(5), [&] { return written == handed; })) {
        ++timeouts;
        return 0;  // give up: the test fails below
      }
    }
    const std::string line = std::to_string(++handed) + "\n";
    if (line.size() > capacity) return 0;
    std::copy(line.begin(), line.end(), data);
    return line.size();
  };
  std::string out;
  const auto sink = [&](std::string_view bytes) {
    std::lock_guard lock(mutex);
    out.append(bytes);
    written += static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n'));
    written_cv.notify_all();
  };
  MapOptions options;  // the default chunk of 4096 lines and reads of 1 MiB
  options.threads = 2;
  const auto result = map_lines(Source(source), Sink(sink), echo(), options);
  REQUIRE(result.ok());
  CHECK(timeouts == 0);
  CHECK(result.lines == count);
  CHECK(out == echoed_numbers(count));
}

TEST_CASE("map_lines reports its progress: lines, failures, bytes and rate", "[batch]") {
  // 1000 lines, every 7th failing; chunks of 100 lines, all read at once.
  std::string input;
  std::vector<std::uint64_t> end_of;     // input offset after each line
  std::vector<std::uint64_t> failed_by;  // failed lines up to each line
  end_of.push_back(0);
  failed_by.push_back(0);
  for (int i = 1; i <= 1000; ++i) {
    const bool fails = i % 7 == 0;
    input += (fails ? "!" : "") + std::to_string(i) + "\n";
    end_of.push_back(input.size());
    failed_by.push_back(failed_by.back() + (fails ? 1 : 0));
  }
  MapOptions options = small(4);
  options.chunk_lines = 100;
  options.block_lines = 10;
  options.read_size = 1 << 16;
  options.progress_interval = std::chrono::milliseconds(0);  // after every chunk
  std::vector<Progress> calls;
  std::string out;
  const auto result = map_lines(Source::buffer(input), Sink::string(out), echo(), options,
                                [&](const Progress& p) { calls.push_back(p); });
  REQUIRE(result.ok());
  CHECK(result.lines == 1000);
  CHECK(result.failed == 142);
  CHECK(result.bytes == input.size());
  REQUIRE(calls.size() == 11);  // ten chunks, then the end
  for (std::size_t i = 0; i < 10; ++i) {
    INFO("call " << i);
    CHECK_FALSE(calls[i].finished);
    CHECK(calls[i].lines == 100 * (i + 1));
    CHECK(calls[i].failed == failed_by[calls[i].lines]);
    CHECK(calls[i].bytes == end_of[calls[i].lines]);
    if (i > 0) CHECK(calls[i].seconds >= calls[i - 1].seconds);
  }
  const Progress& last = calls.back();
  CHECK(last.finished);
  CHECK(last.lines == 1000);
  CHECK(last.failed == 142);
  CHECK(last.bytes == input.size());
  CHECK(last.seconds > 0);
  CHECK(last.lines_per_second() == Approx(1000 / last.seconds));
}

TEST_CASE("map_lines calls the progress callback while lines are slow to come", "[batch]") {
  // No line for 300 ms: with an interval of 20 ms the callback still ticks, with 0 lines.
  bool slept = false;
  const auto source = [&](char* data, std::size_t) -> std::size_t {
    if (slept) return 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    slept = true;
    data[0] = 'x';
    return 1;
  };
  MapOptions options;
  options.threads = 1;
  options.progress_interval = std::chrono::milliseconds(20);
  std::vector<Progress> calls;
  std::string out;
  const auto result = map_lines(Source(source), Sink::string(out), echo(), options,
                                [&](const Progress& p) { calls.push_back(p); });
  REQUIRE(result.ok());
  CHECK(out == "1:x\n");
  REQUIRE(calls.size() >= 3);
  CHECK(calls.front().lines == 0);
  CHECK_FALSE(calls.front().finished);
  CHECK(calls.back().finished);
  CHECK(calls.back().lines == 1);
}

TEST_CASE("map_lines stops when the sink fails, and says why", "[batch]") {
  // A large input: the run must stop reading it, not go on to the end.
  std::size_t reads = 0;
  std::size_t at = 0;
  const std::string line = "0123456789\n";
  const auto source = [&](char* data, std::size_t capacity) -> std::size_t {
    ++reads;
    for (std::size_t i = 0; i < capacity; ++i) data[i] = line[at++ % line.size()];
    return capacity;  // endless
  };
  std::string out;
  int writes = 0;
  const auto sink = [&](std::string_view bytes) {
    if (++writes == 3) throw std::system_error(ENOSPC, std::generic_category());
    out.append(bytes);
  };
  MapOptions options = small(2);
  options.read_size = 64;
  const auto result = map_lines(Source(source), Sink(sink), echo(), options);
  CHECK(result.failure == Failure::output);
  CHECK_FALSE(result.ok());
  CHECK(result.error == std::errc::no_space_on_device);
  CHECK(result.message == std::generic_category().message(ENOSPC));
  CHECK(result.exception != nullptr);
  // Two blocks of four lines were written, and counted; nothing after.
  CHECK(result.lines == 8);
  CHECK(result.bytes == 8 * line.size());
  std::string expected;
  for (int i = 1; i <= 8; ++i) expected += echo_of(i, "0123456789");
  CHECK(out == expected);
  CHECK(reads < 1000);
}

TEST_CASE("map_lines stops at a read error, after writing every line read before it", "[batch]") {
  int calls = 0;
  const auto source = [&](char* data, std::size_t) -> std::size_t {
    if (++calls == 1) {
      const std::string text = "1\n2\n3\npart";
      std::copy(text.begin(), text.end(), data);
      return text.size();
    }
    throw std::system_error(EIO, std::generic_category());
  };
  std::string out;
  const auto result = map_lines(Source(source), Sink::string(out), echo(), small(2));
  CHECK(result.failure == Failure::input);
  CHECK(result.error == std::errc::io_error);
  CHECK(result.message == std::generic_category().message(EIO));
  CHECK(result.lines == 3);
  CHECK(result.bytes == 6);
  CHECK(out == "1:1\n2:2\n3:3\n");  // the partial line is not taken for a whole one
}

TEST_CASE("map_lines stops at a worker's exception, after every line before it", "[batch]") {
  class Thrower : public LineWorker {
   public:
    bool process(std::string_view line, std::uint64_t number, LineOutput& out) override {
      out.append(echo_of(number, line));
      if (number == 500) throw std::out_of_range("line 500 is out of range");
      return true;
    }
  };
  std::string out;
  const auto result = map_lines(
      Source::buffer(numbered_lines(2000)), Sink::string(out),
      [] { return std::make_unique<Thrower>(); }, small(4));
  CHECK(result.failure == Failure::worker);
  CHECK(result.message == "line 500 is out of range");
  CHECK(!result.error);
  CHECK(result.lines == 499);
  CHECK(out == echoed_numbers(499));  // line 500's own output is dropped
  CHECK_THROWS_AS(std::rethrow_exception(result.exception), std::out_of_range);
}

TEST_CASE("map_lines stops when a worker cannot be made", "[batch]") {
  std::atomic<int> made{0};
  std::string out;
  auto result = map_lines(
      Source::buffer(numbered_lines(100)), Sink::string(out),
      [&]() -> std::unique_ptr<LineWorker> {
        if (++made == 2) throw std::runtime_error("no parser for this thread");
        return std::make_unique<EchoWorker>();
      },
      small(3));
  CHECK(result.failure == Failure::worker);
  CHECK(result.message == "no parser for this thread");
  CHECK(made == 3);

  result = map_lines(
      Source::buffer(numbered_lines(100)), Sink::string(out),
      [] { return std::unique_ptr<LineWorker>(); }, small(1));
  CHECK(result.failure == Failure::worker);
  CHECK(result.message == "map_lines: the worker factory returned no worker");
  CHECK(result.lines == 0);
}

TEST_CASE("map_lines stops when the progress callback throws (a host cancelling)", "[batch]") {
  MapOptions options = small(2);
  options.progress_interval = std::chrono::milliseconds(0);
  std::string out;
  int calls = 0;
  const auto result = map_lines(Source::buffer(numbered_lines(10000)), Sink::string(out), echo(),
                                options, [&](const Progress& p) {
                                  ++calls;
                                  if (!p.finished && p.lines >= 128)
                                    throw std::runtime_error("cancelled");
                                });
  CHECK(result.failure == Failure::progress);
  CHECK(result.message == "cancelled");
  CHECK(result.lines == 128);  // two chunks of 64, then nothing more
  CHECK(out == echoed_numbers(128));
  CHECK(calls == 3);  // 64, 128 (throws), and the last
}

TEST_CASE("map_lines makes one worker per thread and reuses it for every line", "[batch]") {
  struct Tally {
    std::thread::id thread;
    std::uint64_t lines = 0;
    std::uint64_t foreign_calls = 0;  // calls from another thread than the maker's
  };
  class Counting : public LineWorker {
   public:
    explicit Counting(Tally& tally) : tally_(tally) { tally_.thread = std::this_thread::get_id(); }
    bool process(std::string_view line, std::uint64_t number, LineOutput& out) override {
      if (std::this_thread::get_id() != tally_.thread) ++tally_.foreign_calls;
      ++tally_.lines;
      out.append(echo_of(number, line));
      return true;
    }

   private:
    Tally& tally_;
  };
  std::mutex mutex;
  std::vector<std::unique_ptr<Tally>> tallies;
  const auto make = [&] {
    std::lock_guard lock(mutex);
    tallies.push_back(std::make_unique<Tally>());
    return std::make_unique<Counting>(*tallies.back());
  };
  std::string out;
  const auto result =
      map_lines(Source::buffer(numbered_lines(10000)), Sink::string(out), make, small(4));
  REQUIRE(result.ok());
  CHECK(out == echoed_numbers(10000));
  REQUIRE(tallies.size() == 4);  // one per thread, for 10000 lines
  std::uint64_t lines = 0;
  std::map<std::thread::id, int> threads;
  for (const auto& t : tallies) {
    CHECK(t->foreign_calls == 0);
    lines += t->lines;
    ++threads[t->thread];
  }
  CHECK(lines == 10000);
  CHECK(threads.size() == 4);
}

TEST_CASE("map_lines rejects options it cannot work with", "[batch]") {
  std::string out;
  for (auto zero : {&MapOptions::chunk_lines, &MapOptions::block_lines, &MapOptions::chunks,
                    &MapOptions::read_size}) {
    MapOptions options;
    options.*zero = 0;
    CHECK_THROWS_AS(map_lines(Source::buffer("a\n"), Sink::string(out), echo(), options),
                    std::invalid_argument);
  }
  CHECK(out.empty());
}

TEST_CASE("map_text_lines gives the lines, output and counts of map_lines, on one thread",
          "[batch]") {
  const std::string longer(5000, 'x');
  for (const std::string& text :
       {std::string("a\n\nb\r\n\r\nc"), std::string(), std::string("\n\n\n"), std::string("last\r"),
        std::string("a\rb\nc\r\r\n"), std::string("ok\n!bad\n\n!worse\nfine\n"),
        longer + "\n" + longer}) {
    std::string expected;
    const auto threaded = map_lines(Source::buffer(text), Sink::string(expected), echo(), small(2));
    REQUIRE(threaded.ok());
    std::string out = "kept:";  // what the buffer held before is kept
    EchoWorker worker;
    const auto inline_run = redress::batch::map_text_lines(text, worker, out);
    CHECK(inline_run.ok());
    CHECK(out == "kept:" + expected);
    CHECK(inline_run.lines == threaded.lines);
    CHECK(inline_run.failed == threaded.failed);
    CHECK(inline_run.bytes == text.size());
  }
}

TEST_CASE("map_text_lines stops at a worker's exception, after every line before it", "[batch]") {
  class Thrower : public LineWorker {
   public:
    bool process(std::string_view line, std::uint64_t number, LineOutput& out) override {
      out.append(echo_of(number, line));
      if (number == 3) throw std::out_of_range("line 3 is out of range");
      return true;
    }
  };
  Thrower worker;
  std::string out;
  const auto result = redress::batch::map_text_lines(numbered_lines(5), worker, out);
  CHECK(result.failure == Failure::worker);
  CHECK(result.message == "line 3 is out of range");
  CHECK(result.lines == 2);
  CHECK(result.bytes == 4);         // "1\n2\n"
  CHECK(out == echoed_numbers(2));  // line 3's own output is dropped
}

TEST_CASE("LineOutput appends after its end and reuses the space beyond", "[batch]") {
  std::string buffer = "keepXXXXXX";
  LineOutput out(buffer, 4);
  out.append("ab");
  out.append('c');
  CHECK(out.size() == 7);
  CHECK(buffer.substr(0, 7) == "keepabc");
  CHECK(buffer.size() == 10);  // no growth while there is room
  const std::string more(100, 'm');
  out.append(more);
  CHECK(out.size() == 107);
  CHECK(buffer.size() >= 107);
  CHECK(buffer.substr(0, 107) == "keepabc" + more);
  out.set_size(4);  // drop a partial line
  out.append("z");
  CHECK(buffer.substr(0, out.size()) == "keepz");
}

TEST_CASE("append_json_line puts a pretty-printed document on one line", "[batch]") {
  std::string out = "{}\n";
  redress::batch::append_json_line(out, "{\r\n  \"id\": \"A B\",\n  \"n\": 1\n}");
  CHECK(out == "{}\n{    \"id\": \"A B\",   \"n\": 1 }\n");
  CHECK(nlohmann::json::parse(out.substr(3)) == nlohmann::json{{"id", "A B"}, {"n", 1}});
}
