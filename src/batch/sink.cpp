#include "redress/batch/sink.hpp"

#include <unistd.h>

#include <cerrno>
#include <ostream>
#include <system_error>

namespace redress::batch {

Sink Sink::fd(int fd) {
  return Sink([fd](std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::write(fd, bytes.data(), bytes.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        throw std::system_error(errno, std::generic_category());
      }
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
  });
}

Sink Sink::string(std::string& out) {
  return Sink([&out](std::string_view bytes) { out.append(bytes); });
}

Sink Sink::stream(std::ostream& out) {
  return Sink([&out](std::string_view bytes) {
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
      throw std::system_error(std::make_error_code(std::io_errc::stream),
                              "cannot write the output stream");
    }
  });
}

}  // namespace redress::batch
