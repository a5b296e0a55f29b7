#include "serve/decision_log.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>

namespace redress::serve {
namespace {

int open_log(const std::filesystem::path& path, std::uint64_t& size) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
  if (fd < 0) {
    throw std::system_error(errno, std::generic_category(),
                            "cannot open the decision log " + path.string());
  }
  struct stat st {};
  size = ::fstat(fd, &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
  return fd;
}

std::filesystem::path numbered(const std::filesystem::path& path, unsigned n) {
  return std::filesystem::path(path.string() + "." + std::to_string(n));
}

}  // namespace

DecisionLog::DecisionLog(std::filesystem::path path, std::uint64_t max_bytes, unsigned keep)
    : path_(std::move(path)), max_bytes_(max_bytes), keep_(keep) {
  fd_ = open_log(path_, size_);
}

DecisionLog::~DecisionLog() {
  if (fd_ >= 0) ::close(fd_);
}

void DecisionLog::append(std::string_view record) {
  const std::lock_guard lock(mutex_);
  const std::uint64_t bytes = record.size() + 1;
  if (size_ > 0 && size_ + bytes > max_bytes_) rotate();
  iovec parts[2] = {{const_cast<char*>(record.data()), record.size()},
                    {const_cast<char*>("\n"), 1}};
  std::size_t done = 0;
  while (done < bytes) {
    // A partial write is continued; O_APPEND keeps the pieces together at the end.
    std::size_t skip = done;
    iovec rest[2];
    int count = 0;
    for (const auto& part : parts) {
      if (skip >= part.iov_len) {
        skip -= part.iov_len;
        continue;
      }
      rest[count++] = {static_cast<char*>(part.iov_base) + skip, part.iov_len - skip};
      skip = 0;
    }
    const auto n = ::writev(fd_, rest, count);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::system_error(errno, std::generic_category(),
                              "cannot write the decision log " + path_.string());
    }
    done += static_cast<std::size_t>(n);
  }
  size_ += bytes;
}

void DecisionLog::sync() {
  const std::lock_guard lock(mutex_);
  ::fsync(fd_);
}

void DecisionLog::rotate() {
  std::error_code ignored;
  if (keep_ == 0) {
    std::filesystem::remove(path_, ignored);
  } else {
    std::filesystem::remove(numbered(path_, keep_), ignored);
    for (unsigned n = keep_; n > 1; --n) {
      std::filesystem::rename(numbered(path_, n - 1), numbered(path_, n), ignored);
    }
    std::filesystem::rename(path_, numbered(path_, 1), ignored);
  }
  ::fsync(fd_);
  ::close(fd_);
  fd_ = -1;
  fd_ = open_log(path_, size_);
}

}  // namespace redress::serve
