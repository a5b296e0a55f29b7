#include <cerrno>
#include <cstring>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "redress/io/read_file.hpp"

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

int finish_output(int exit_code) {
  errno = 0;
  std::cout.flush();
  if (std::cout) return exit_code;
  const int reason = errno;
  std::cerr << fmt::format("error: cannot write the standard output{}{}\n", reason ? ": " : "",
                           reason ? std::strerror(reason) : "");
  return kUnreadable;
}

}  // namespace redress::cli
