#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"

namespace redress::cli {

bool read_input(const std::string& path, std::string& text) {
  std::ostringstream buffer;
  if (path == "-") {
    buffer << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    buffer << in.rdbuf();
  }
  text = buffer.str();
  return true;
}

}  // namespace redress::cli
