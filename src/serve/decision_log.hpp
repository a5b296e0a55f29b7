// The decision log: one audit record (io::audit_record) a line, appended, written through to
// the file at once, and rotated by size.
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string_view>

namespace redress::serve {

/// An append-only JSON-lines file shared by every thread. Each record is one write(2) of a
/// whole line to a file opened with O_APPEND, so a crash never leaves half a record behind an
/// acknowledged decision. Before a record would take the file past `max_bytes`, the file is
/// renamed LOG.1 (LOG.1 to LOG.2, ..., keeping `keep` files) and a new one is started.
/// Thread-safe.
class DecisionLog {
 public:
  /// Opens (creates) `path` for appending; throws std::system_error when it cannot.
  DecisionLog(std::filesystem::path path, std::uint64_t max_bytes, unsigned keep);
  ~DecisionLog();
  DecisionLog(const DecisionLog&) = delete;
  DecisionLog& operator=(const DecisionLog&) = delete;

  /// Appends `record` and a newline. Throws std::system_error when the write fails.
  void append(std::string_view record);
  /// fsync(2)s the file (at shutdown).
  void sync();

 private:
  void rotate();  // with mutex_ held

  std::filesystem::path path_;
  std::uint64_t max_bytes_;
  unsigned keep_;
  std::mutex mutex_;
  int fd_ = -1;             // guarded by mutex_
  std::uint64_t size_ = 0;  // guarded by mutex_
};

}  // namespace redress::serve
