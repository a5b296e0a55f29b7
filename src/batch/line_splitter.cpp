#include "batch/line_splitter.hpp"

#include <cstring>
#include <stdexcept>

namespace redress::batch::detail {

void LineSplitter::fill(Chunk& chunk) {
  chunk.lines.clear();
  chunk.start_offset = consumed_;
  chunk.text.swap(carry_);
  carry_.clear();
  std::size_t scan = 0;  // where to look for the next newline
  std::size_t start = 0;
  while (!error_) {
    while (chunk.lines.size() < chunk_lines_) {
      const void* nl = std::memchr(chunk.text.data() + scan, '\n', chunk.text.size() - scan);
      if (!nl) break;
      const std::size_t end = static_cast<const char*>(nl) - chunk.text.data();
      chunk.lines.push_back({start, end - start});
      start = scan = end + 1;
    }
    if (chunk.lines.size() == chunk_lines_) break;
    if (!chunk.lines.empty() && !more_available_) break;  // process what we have now
    if (eof_) {
      if (start < chunk.text.size()) {  // a last line without its newline
        chunk.lines.push_back({start, chunk.text.size() - start});
        start = chunk.text.size();
      }
      break;
    }
    scan = chunk.text.size();
    if (!read_more(chunk.text)) break;
  }
  // After an error the partial line is dropped with the rest: nothing more is read.
  if (!error_) carry_.assign(chunk.text, start, std::string::npos);
  consumed_ += start;
  chunk.end_offset = consumed_;
}

bool LineSplitter::read_more(std::string& text) {
  const std::size_t old = text.size();
  text.resize(old + read_size_);
  std::size_t n = 0;
  try {
    n = source_.read(text.data() + old, read_size_);
  } catch (...) {
    error_ = std::current_exception();
    text.resize(old);
    return false;
  }
  if (n > read_size_) {  // a broken source: what it wrote cannot be trusted
    error_ = std::make_exception_ptr(
        std::length_error("the source returned more bytes than it was asked for"));
    text.resize(old);
    return false;
  }
  text.resize(old + n);
  eof_ = n == 0;
  // A full read suggests more is waiting; a short one (a pipe drained) means: process now.
  more_available_ = n == read_size_;
  return true;
}

}  // namespace redress::batch::detail
