// Reading a whole file for redress: policies, incidents and test suites all come through here,
// so that every entry point refuses the same things the same way.
#pragma once

#include <filesystem>
#include <string>

namespace redress::io {

/// Reads the whole file at `path` into `text`. Returns false, leaving `text` unchanged and
/// setting `error` to the system's reason ("No such file or directory", "Is a directory",
/// "Permission denied", ...), when it cannot be read. A directory is never read as an empty
/// document.
bool read_file(const std::filesystem::path& path, std::string& text, std::string& error);

}  // namespace redress::io
