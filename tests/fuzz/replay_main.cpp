// Replays fuzz inputs through a target's LLVMFuzzerTestOneInput without libFuzzer, so that any
// compiler (gcc included) runs the committed corpus and crash reproducers as a regression test.
//   redress_fuzz_<target> PATH...   each PATH a file, or a directory read recursively
// Exits 0 when every input ran (a broken invariant or a sanitizer report aborts), 2 on a path
// that cannot be read or when no input was found.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

bool collect(const fs::path& path, std::vector<fs::path>& inputs) {
  std::error_code error;
  if (fs::is_regular_file(path, error)) {
    inputs.push_back(path);
    return true;
  }
  if (!fs::is_directory(path, error)) {
    std::fprintf(stderr, "%s: not a file or directory\n", path.c_str());
    return false;
  }
  std::vector<fs::path> found;
  for (fs::recursive_directory_iterator it(path, error), end; !error && it != end;
       it.increment(error)) {
    if (it->is_regular_file(error)) found.push_back(it->path());
  }
  if (error) {
    std::fprintf(stderr, "%s: %s\n", path.c_str(), error.message().c_str());
    return false;
  }
  std::sort(found.begin(), found.end());  // a stable order, for reproducible runs
  inputs.insert(inputs.end(), found.begin(), found.end());
  return true;
}

bool replay(const fs::path& input) {
  std::ifstream in(input, std::ios::binary);
  std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) {
    std::fprintf(stderr, "%s: cannot read\n", input.c_str());
    return false;
  }
  // A copy of exactly `size` bytes, as libFuzzer passes it: reading past it is caught by ASan.
  std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
  LLVMFuzzerTestOneInput(data.data(), data.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<fs::path> inputs;
  for (int i = 1; i < argc; ++i) {
    if (!collect(argv[i], inputs)) return 2;
  }
  if (inputs.empty()) {
    std::fprintf(stderr, "usage: %s FILE|DIRECTORY... (no input found)\n", argv[0]);
    return 2;
  }
  for (const auto& input : inputs) {
    if (!replay(input)) return 2;
  }
  std::printf("%zu inputs replayed\n", inputs.size());
  return 0;
}
