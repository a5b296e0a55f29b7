// Private to src/batch: the unit map_lines() reads, processes and writes in order.
#pragma once

#include <cstdint>
#include <exception>
#include <string>
#include <vector>

namespace redress::batch::detail {

/// Where a line lies in its chunk's text, line ending included in neither.
struct LineSpan {
  std::size_t offset = 0;
  std::size_t size = 0;  // up to the "\n", a '\r' before it included
};

/// The output of a block of lines, as one worker wrote it.
struct Block {
  // out[0, size): the output of the first `lines` lines of the block. The string keeps its
  // largest size, so that the space is reused from chunk to chunk without being cleared again.
  std::string out;
  std::size_t size = 0;
  std::size_t lines = 0;     // lines processed, up to the one that threw if any
  std::uint64_t failed = 0;  // lines the worker returned false for
  std::exception_ptr error;  // what the worker (or its factory) threw
};

/// Up to MapOptions::chunk_lines lines of input and their output.
struct Chunk {
  std::uint64_t first_line = 1;    // 1-based number of lines[0]
  std::uint64_t start_offset = 0;  // input offset of text[0]
  std::uint64_t end_offset = 0;    // input offset just after the chunk's last line
  std::string text;                // the lines' bytes (and possibly a partial line after them)
  std::vector<LineSpan> lines;
  std::vector<Block> blocks;  // sized for a full chunk; block_count in use
  std::size_t block_count = 0;
  std::size_t next_block = 0;   // guarded by the pipeline's mutex
  std::size_t blocks_done = 0;  // the same

  /// The input offset just after line `index` and its line ending.
  [[nodiscard]] std::uint64_t offset_after(std::size_t index) const {
    return index + 1 < lines.size() ? start_offset + lines[index + 1].offset : end_offset;
  }
};

}  // namespace redress::batch::detail
