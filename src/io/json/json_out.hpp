// A JSON writer that appends to a std::string, byte for byte as nlohmann::json's dump() writes
// the same tree: one line for indent < 0, else nlohmann's pretty form (`": "` after keys, one
// item a line, `[]` and `{}` when empty). Strings are escaped as dump() escapes them with
// error_handler_t::replace and ensure_ascii off: `\"`, `\\`, `\b \f \n \r \t`, other control
// characters as `\u00xx`, `/` and non-ASCII as they are, and invalid UTF-8 as U+FFFD.
// Private to src/io; the caller writes keys and values in order, nothing is checked.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace redress::io::json_out {

/// Appends `text` as a JSON string, quotes included.
void append_string(std::string& out, std::string_view text);

/// Appends a signed integer as dump() writes it.
void append_int(std::string& out, std::int64_t value);

class Writer {
 public:
  /// Appends to `out`; `indent` as nlohmann's dump() takes it.
  Writer(std::string& out, int indent) : out_(out), indent_(indent) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  /// The next member's key; its value follows.
  void key(std::string_view name) {
    item();
    append_string(out_, name);
    if (indent_ >= 0) {
      out_.append(": ", 2);
    } else {
      out_.push_back(':');
    }
    after_key_ = true;
  }

  void string(std::string_view text) {
    item();
    append_string(out_, text);
  }
  void integer(std::int64_t value) {
    item();
    append_int(out_, value);
  }
  void boolean(bool value) {
    item();
    if (value) {
      out_.append("true", 4);
    } else {
      out_.append("false", 5);
    }
  }
  void null() {
    item();
    out_.append("null", 4);
  }

  /// An array of strings.
  template <typename Range>
  void strings(const Range& values) {
    begin_array();
    for (const auto& v : values) string(v);
    end_array();
  }

 private:
  // Called before every value and key: the separator and, pretty, the new line and indentation.
  // A value right after its key needs none.
  void item() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (depth_ == 0) return;
    char& state = open_[depth_ - 1];
    if (state != 0) out_.push_back(',');
    state = 1;
    if (indent_ >= 0) newline(depth_);
  }

  void open(char bracket) {
    item();
    out_.push_back(bracket);
    if (open_.size() <= depth_) open_.resize(depth_ + 1);
    open_[depth_++] = 0;
  }

  void close(char bracket) {
    const bool had_items = open_[--depth_] != 0;
    if (had_items && indent_ >= 0) newline(depth_);
    out_.push_back(bracket);
  }

  void newline(std::size_t level) {
    out_.push_back('\n');
    out_.append(level * static_cast<std::size_t>(indent_), ' ');
  }

  std::string& out_;
  int indent_;
  std::size_t depth_ = 0;
  std::vector<char> open_ = std::vector<char>(8);  // per open level: 1 once it has an item
  bool after_key_ = false;
};

}  // namespace redress::io::json_out
