// Where the lines of a batch come from: a file descriptor, a stream, a buffer or a callback.
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string_view>
#include <utility>

/// Many incidents at once: an ordered parallel map over the lines of an input (map_lines()),
/// and deciding JSON lines with it (decide_lines()).
namespace redress::batch {

/// The bytes of a batch's input, pulled by one thread at a time. The lines are split from them
/// by the caller (map_lines()), so a source knows nothing of lines.
class Source {
 public:
  /// Reads up to `capacity` bytes into `data` and returns how many; 0 means the end of the
  /// input. Returning fewer than `capacity` says that nothing more is ready without waiting: the
  /// lines read so far are then processed at once (a slow pipe is processed as it arrives).
  /// Throws to report a read error (a std::system_error carries its code to MapResult::error).
  using Read = std::function<std::size_t(char* data, std::size_t capacity)>;

  /// A source that calls `read`.
  explicit Source(Read read) : read_(std::move(read)) {}

  /// read(2) from `fd`, interrupted reads retried; an error throws std::system_error with the
  /// errno. The descriptor stays open: it is the caller's.
  static Source fd(int fd);
  /// The bytes of `in`'s stream buffer, taken as they become available; a stream buffer that
  /// throws or a stream left bad() is a read error. For standard input, fd(0) is faster than
  /// std::cin, which has no buffer of its own while synchronised with stdio.
  static Source stream(std::istream& in);
  /// The bytes of `text`, which must outlive the run (an HTTP body, a host's joined lines).
  static Source buffer(std::string_view text);

  /// Calls the read function (see Read).
  std::size_t read(char* data, std::size_t capacity) { return read_(data, capacity); }

 private:
  Read read_;
};

}  // namespace redress::batch
