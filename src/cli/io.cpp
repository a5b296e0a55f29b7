#include <algorithm>
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

Input read_input(const std::string& path, std::string& text, std::size_t max_bytes) {
  text.clear();
  if (path == "-") {
    read_limited(std::cin, text, max_bytes);
    if (std::cin.bad()) return Input::unreadable;
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Input::unreadable;
    read_limited(in, text, max_bytes);
    if (in.bad()) return Input::unreadable;
  }
  return text.size() > max_bytes ? Input::too_large : Input::read;
}

}  // namespace redress::cli
