#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "redress/io/read_file.hpp"
#include "redress/model/calendar.hpp"

namespace redress::cli {

bool read_input(const std::string& path, std::string& text, std::string& error) {
  if (path != "-") return io::read_file(path, text, error);
  std::ostringstream buffer;
  buffer << std::cin.rdbuf();
  if (std::cin.bad()) {
    error = "cannot read standard input";
    return false;
  }
  text = buffer.str();
  return true;
}

bool read_input(const std::string& path, std::string& text) {
  std::string error;
  return read_input(path, text, error);
}

bool write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (out) return true;
  std::cerr << fmt::format("{}: error: cannot write the file\n", path);
  return false;
}

int finish_output(int exit_code) {
  errno = 0;
  std::cout.flush();
  if (std::cout) return exit_code;
  const int reason = errno;
  std::cerr << fmt::format("error: cannot write the standard output{}{}\n", reason ? ": " : "",
                           reason ? std::strerror(reason) : "");
  return kUnreadable;
}

namespace {

// Appends up to `max_bytes` + 1 bytes of `in` to `text`.
void read_limited(std::istream& in, std::string& text, std::size_t max_bytes) {
  constexpr std::size_t kChunk = std::size_t{1} << 16;
  while (in && text.size() <= max_bytes) {
    const std::size_t old = text.size();
    text.resize(old + std::min(kChunk, max_bytes + 1 - old));
    in.read(text.data() + old, static_cast<std::streamsize>(text.size() - old));
    text.resize(old + static_cast<std::size_t>(in.gcount()));
  }
}

}  // namespace

Input read_input(const std::string& path, std::string& text, std::size_t max_bytes,
                 std::string& error) {
  text.clear();
  if (path != "-") {
    switch (io::read_file(path, text, error, max_bytes)) {
      case io::ReadStatus::read:
        return Input::read;
      case io::ReadStatus::too_large:
        return Input::too_large;
      case io::ReadStatus::unreadable:
        return Input::unreadable;
    }
  }
  read_limited(std::cin, text, max_bytes);
  if (std::cin.bad()) {
    error = "cannot read standard input";
    return Input::unreadable;
  }
  return text.size() > max_bytes ? Input::too_large : Input::read;
}

std::optional<DecideOptions> decide_options(bool trace, const std::string& locale,
                                            const std::string& as_of) {
  DecideOptions options;
  options.trace = trace;
  options.locale = locale;
  if (as_of.empty()) return options;
  Timestamp decided_at;
  std::string error;
  if (!parse_decision_time(as_of, decided_at, error)) {
    std::cerr << "error: --as-of " << error << "\n";
    return std::nullopt;
  }
  options.decided_at = decided_at;
  return options;
}

}  // namespace redress::cli
