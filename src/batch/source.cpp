#include "redress/batch/source.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <istream>
#include <streambuf>
#include <system_error>

namespace redress::batch {

Source Source::fd(int fd) {
  return Source([fd](char* data, std::size_t capacity) -> std::size_t {
    for (;;) {
      const ssize_t n = ::read(fd, data, capacity);
      if (n >= 0) return static_cast<std::size_t>(n);
      if (errno != EINTR) throw std::system_error(errno, std::generic_category());
    }
  });
}

Source Source::stream(std::istream& in) {
  return Source([&in](char* data, std::size_t capacity) -> std::size_t {
    using Traits = std::istream::traits_type;
    std::streambuf* buffer = in.rdbuf();
    if (in.fail() || buffer == nullptr) {
      throw std::system_error(std::make_error_code(std::io_errc::stream),
                              "the input stream cannot be read");
    }
    std::size_t got = 0;
    try {
      while (got < capacity) {
        const std::streamsize ready = buffer->in_avail();
        if (ready > 0) {
          const auto want = std::min(static_cast<std::size_t>(ready), capacity - got);
          got += static_cast<std::size_t>(
              buffer->sgetn(data + got, static_cast<std::streamsize>(want)));
          continue;
        }
        // Nothing more at hand: hand over what is here rather than wait for more.
        if (got > 0) break;
        if (ready < 0) {  // the buffer knows there is no more
          in.setstate(std::ios_base::eofbit);
          break;
        }
        // Wait for one byte; the buffer reads what else is there with it.
        const Traits::int_type c = buffer->sbumpc();
        if (Traits::eq_int_type(c, Traits::eof())) {
          in.setstate(std::ios_base::eofbit);
          break;
        }
        data[got++] = Traits::to_char_type(c);
      }
    } catch (...) {
      in.setstate(std::ios_base::badbit);
      throw;
    }
    return got;
  });
}

Source Source::buffer(std::string_view text) {
  return Source([text, at = std::size_t{0}](char* data, std::size_t capacity) mutable {
    const std::size_t n = std::min(capacity, text.size() - at);
    std::copy_n(text.data() + at, n, data);
    at += n;
    return n;
  });
}

}  // namespace redress::batch
