// Private to src/batch: splits the bytes of a Source into chunks of whole lines.
#pragma once

#include <cstdint>
#include <exception>
#include <string>

#include "batch/chunk.hpp"
#include "redress/batch/source.hpp"

namespace redress::batch::detail {

/// Reads a source in large reads and hands out whole lines, keeping the tail of a partial line
/// for the next chunk.
class LineSplitter {
 public:
  LineSplitter(Source& source, std::size_t chunk_lines, std::size_t read_size)
      : source_(source), chunk_lines_(chunk_lines), read_size_(read_size) {}

  /// Fills `chunk` with up to chunk_lines whole lines (the last line of the input may lack its
  /// newline): as many as there are, or fewer when the source has no more ready at once. No line
  /// means the end of the input, or a read error (error()). The lines read before an error are
  /// handed out; a partial line at the error is dropped.
  void fill(Chunk& chunk);

  /// What the source threw, if it did.
  [[nodiscard]] const std::exception_ptr& error() const { return error_; }

 private:
  bool read_more(std::string& text);

  Source& source_;
  std::size_t chunk_lines_;
  std::size_t read_size_;
  std::string carry_;
  std::uint64_t consumed_ = 0;  // input bytes handed out in lines
  bool eof_ = false;
  bool more_available_ = true;  // the last read was full: more is probably waiting
  std::exception_ptr error_;
};

}  // namespace redress::batch::detail
