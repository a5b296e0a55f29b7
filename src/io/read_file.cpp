#include "redress/io/read_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>

namespace redress::io {

bool read_file(const std::filesystem::path& path, std::string& text, std::string& error) {
  return read_file(path, text, error, std::numeric_limits<std::size_t>::max()) == ReadStatus::read;
}

ReadStatus read_file(const std::filesystem::path& path, std::string& text, std::string& error,
                     std::size_t max_bytes) {
  errno = 0;
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                             &std::fclose);
  // A directory opens for reading on POSIX systems; reading it then fails with EISDIR.
  if (!file) {
    error = std::strerror(errno != 0 ? errno : EIO);
    return ReadStatus::unreadable;
  }
  std::string content;
  char buffer[1 << 16];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    content.append(buffer, got);
    if (content.size() > max_bytes) return ReadStatus::too_large;
  }
  if (std::ferror(file.get())) {
    error = std::strerror(errno != 0 ? errno : EIO);
    return ReadStatus::unreadable;
  }
  text = std::move(content);
  return ReadStatus::read;
}

}  // namespace redress::io
