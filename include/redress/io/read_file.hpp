// Reading a whole file for redress: policies, incidents and test suites all come through here,
// so that every entry point refuses the same things the same way.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace redress::io {

/// Reads the whole file at `path` into `text`. Returns false, leaving `text` unchanged and
/// setting `error` to the system's reason ("No such file or directory", "Is a directory",
/// "Permission denied", ...), when it cannot be read. A directory is never read as an empty
/// document.
bool read_file(const std::filesystem::path& path, std::string& text, std::string& error);

/// What read_file() with a limit found.
enum class ReadStatus { read, unreadable, too_large };

/// As above, reading at most `max_bytes` bytes: a longer file is not read past the limit
/// (too_large, `text` unchanged).
ReadStatus read_file(const std::filesystem::path& path, std::string& text, std::string& error,
                     std::size_t max_bytes);

}  // namespace redress::io
