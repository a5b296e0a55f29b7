// The sources and sinks a host gives map_lines(): file descriptors, streams, strings. Each one
// passes the bytes on unchanged and turns its own failures into a stopped run that says why.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>

#include "redress/batch/map_lines.hpp"

using redress::batch::Failure;
using redress::batch::LineOutput;
using redress::batch::LineWorker;
using redress::batch::map_lines;
using redress::batch::MapOptions;
using redress::batch::Sink;
using redress::batch::Source;
using redress::batch::WorkerFactory;

namespace {

// Writes each line in upper case.
class Upper : public LineWorker {
 public:
  bool process(std::string_view line, std::uint64_t, LineOutput& out) override {
    for (char c : line) out.append(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    out.append('\n');
    return true;
  }
};

WorkerFactory upper() {
  return [] { return std::make_unique<Upper>(); };
}

MapOptions two_threads() {
  MapOptions options;
  options.threads = 2;
  return options;
}

struct Pipe {
  int read = -1;
  int write = -1;
  Pipe() {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    read = fds[0];
    write = fds[1];
  }
  ~Pipe() {
    if (read >= 0) ::close(read);
    if (write >= 0) ::close(write);
  }
};

}  // namespace

TEST_CASE("Source::fd reads a pipe written bit by bit, to its end", "[batch]") {
  Pipe pipe;
  bool written = true;
  std::thread writer([fd = pipe.write, &written] {
    for (const char* piece : {"al", "pha\nbe", "ta\n", "gamma"}) {
      const std::string_view text(piece);
      written =
          written && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ::close(fd);
  });
  pipe.write = -1;
  std::string out;
  const auto result = map_lines(Source::fd(pipe.read), Sink::string(out), upper(), two_threads());
  writer.join();
  REQUIRE(written);
  REQUIRE(result.ok());
  CHECK(out == "ALPHA\nBETA\nGAMMA\n");
  CHECK(result.bytes == 16);
}

TEST_CASE("Source::fd reports a read error with its errno", "[batch]") {
  std::string out;
  const auto result = map_lines(Source::fd(-1), Sink::string(out), upper(), two_threads());
  CHECK(result.failure == Failure::input);
  CHECK(result.error == std::errc::bad_file_descriptor);
  CHECK(result.message == std::generic_category().message(EBADF));
  CHECK(result.lines == 0);
}

TEST_CASE("Sink::fd writes everything, and reports a write error with its errno", "[batch]") {
  Pipe pipe;
  std::string read_back;
  std::thread reader([fd = pipe.read, &read_back] {
    char buffer[4096];
    ssize_t n;
    while ((n = ::read(fd, buffer, sizeof buffer)) > 0) read_back.append(buffer, n);
  });
  std::string input;
  for (int i = 0; i < 20000; ++i) input += "line " + std::to_string(i) + "\n";
  auto result = map_lines(Source::buffer(input), Sink::fd(pipe.write), upper(), two_threads());
  ::close(pipe.write);
  pipe.write = -1;
  reader.join();
  REQUIRE(result.ok());
  std::string expected;
  for (int i = 0; i < 20000; ++i) expected += "LINE " + std::to_string(i) + "\n";
  CHECK(read_back == expected);

  const int full = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
  REQUIRE(full >= 0);
  result = map_lines(Source::buffer(input), Sink::fd(full), upper(), two_threads());
  ::close(full);
  CHECK(result.failure == Failure::output);
  CHECK(result.error == std::errc::no_space_on_device);
  CHECK(result.lines == 0);
}

TEST_CASE("Source::stream and Sink::stream pass the bytes on", "[batch]") {
  std::istringstream in("one\r\ntwo\n\nthree");
  std::ostringstream out;
  const auto result = map_lines(Source::stream(in), Sink::stream(out), upper(), two_threads());
  REQUIRE(result.ok());
  CHECK(out.str() == "ONE\nTWO\n\nTHREE\n");
  CHECK(result.lines == 4);
  CHECK(in.eof());
}

TEST_CASE("Source::stream and Sink::stream report streams that cannot be used", "[batch]") {
  std::istringstream failed_in("a\n");
  failed_in.setstate(std::ios_base::failbit);
  std::string text;
  auto result = map_lines(Source::stream(failed_in), Sink::string(text), upper(), two_threads());
  CHECK(result.failure == Failure::input);
  CHECK(result.error == std::io_errc::stream);

  std::istringstream in("a\nb\n");
  std::ostringstream bad_out;
  bad_out.setstate(std::ios_base::badbit);
  result = map_lines(Source::stream(in), Sink::stream(bad_out), upper(), two_threads());
  CHECK(result.failure == Failure::output);
  CHECK(result.error == std::io_errc::stream);
  CHECK(result.lines == 0);
}

TEST_CASE("Source::buffer hands out its text in reads of the size asked", "[batch]") {
  auto source = Source::buffer("abcdefg");
  char data[3];
  CHECK(source.read(data, 3) == 3);
  CHECK(std::string(data, 3) == "abc");
  CHECK(source.read(data, 3) == 3);
  CHECK(std::string(data, 3) == "def");
  CHECK(source.read(data, 3) == 1);
  CHECK(data[0] == 'g');
  CHECK(source.read(data, 3) == 0);
}
