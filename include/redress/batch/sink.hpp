// Where the output of a batch goes: a file descriptor, a string, a stream or a callback.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>

namespace redress::batch {

/// The bytes of a batch's output, in order, written by one thread (the one running the batch).
class Sink {
 public:
  /// Writes all of `bytes`. Throws to report a write error (a std::system_error carries its code
  /// to MapResult::error); the run then stops.
  using Write = std::function<void(std::string_view bytes)>;

  /// A sink that calls `write`.
  explicit Sink(Write write) : write_(std::move(write)) {}

  /// write(2) to `fd`, interrupted and partial writes continued; an error throws
  /// std::system_error with the errno. The descriptor stays open: it is the caller's.
  static Sink fd(int fd);
  /// Appends to `out`, which must outlive the run.
  static Sink string(std::string& out);
  /// Writes to `out`; a stream that goes bad is a write error. It is not flushed.
  static Sink stream(std::ostream& out);

  /// Calls the write function (see Write).
  void write(std::string_view bytes) { write_(bytes); }

 private:
  Write write_;
};

}  // namespace redress::batch
