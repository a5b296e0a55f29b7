// See json_out.hpp. The string escaping follows nlohmann::detail::serializer::dump_escaped
// (3.11) with ensure_ascii = false and error_handler_t::replace, including its UTF-8 decoder
// (Bjoern Hoehrmann's DFA), so that a sequence it rejects becomes one U+FFFD exactly where
// dump() puts one, and the rejecting byte is read again when it could start a new sequence.
#include "io/json/json_out.hpp"

#include <algorithm>
#include <array>
#include <charconv>

namespace redress::io::json_out {
namespace {

constexpr std::uint8_t utf8_accept = 0;
constexpr std::uint8_t utf8_reject = 1;

// nlohmann's utf8d: the byte classes (first 256), then the transitions.
// clang-format off
constexpr std::array<std::uint8_t, 400> utf8d = {{
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,    // 00..0F
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,    // 10..1F
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,    // 20..2F
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,    // 30..3F
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,    // 40..4F
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,    // 50..5F
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,    // 60..6F
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,    // 70..7F
    1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,    // 80..8F
    9,   9,   9,   9,   9,   9,   9,   9,   9,   9,   9,   9,   9,   9,   9,   9,    // 90..9F
    7,   7,   7,   7,   7,   7,   7,   7,   7,   7,   7,   7,   7,   7,   7,   7,    // A0..AF
    7,   7,   7,   7,   7,   7,   7,   7,   7,   7,   7,   7,   7,   7,   7,   7,    // B0..BF
    8,   8,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,    // C0..CF
    2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,    // D0..DF
    0xA, 3,   3,   3,   3,   3,   3,   3,   3,   3,   3,   3,   3,   4,   3,   3,    // E0..EF
    0xB, 6,   6,   6,   5,   8,   8,   8,   8,   8,   8,   8,   8,   8,   8,   8,    // F0..FF
    0x0, 0x1, 0x2, 0x3, 0x5, 0x8, 0x7, 0x1, 0x1, 0x1, 0x4, 0x6, 0x1, 0x1, 0x1, 0x1,  // s0..s0
    1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,    // s1..s2
    1,   0,   1,   1,   1,   1,   1,   0,   1,   0,   1,   1,   1,   1,   1,   1,    // s1..s2
    1,   2,   1,   1,   1,   1,   1,   2,   1,   2,   1,   1,   1,   1,   1,   1,    // s3..s4
    1,   1,   1,   1,   1,   1,   1,   2,   1,   1,   1,   1,   1,   1,   1,   1,    // s3..s4
    1,   2,   1,   1,   1,   1,   1,   1,   1,   2,   1,   1,   1,   1,   1,   1,    // s5..s6
    1,   1,   1,   1,   1,   1,   1,   3,   1,   3,   1,   1,   1,   1,   1,   1,    // s5..s6
    1,   3,   1,   1,   1,   1,   1,   3,   1,   3,   1,   1,   1,   1,   1,   1,    // s7..s8
    1,   3,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1     // s7..s8
}};
// clang-format on

// Which ASCII bytes need more than a copy: control characters, '"' and '\\'.
constexpr std::array<bool, 128> ascii_special = [] {
  std::array<bool, 128> table{};
  for (int c = 0; c < 0x20; ++c) table[static_cast<std::size_t>(c)] = true;
  table['"'] = true;
  table['\\'] = true;
  return table;
}();

void append_ascii_escaped(std::string& out, unsigned char c) {
  switch (c) {
    case '\b':
      out.append("\\b", 2);
      return;
    case '\t':
      out.append("\\t", 2);
      return;
    case '\n':
      out.append("\\n", 2);
      return;
    case '\f':
      out.append("\\f", 2);
      return;
    case '\r':
      out.append("\\r", 2);
      return;
    case '"':
      out.append("\\\"", 2);
      return;
    case '\\':
      out.append("\\\\", 2);
      return;
    default: {
      static constexpr char hex[] = "0123456789abcdef";
      const char escaped[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
      out.append(escaped, 6);
      return;
    }
  }
}

constexpr std::string_view replacement = "\xEF\xBF\xBD";

}  // namespace

void append_string(std::string& out, std::string_view text) {
  out.push_back('"');
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::uint8_t state = utf8_accept;
  std::size_t after_last_accept = out.size();  // out's size after the last whole code point
  std::size_t undumped = 0;                    // bytes of the code point being decoded
  std::size_t i = 0;
  while (i < n) {
    if (state == utf8_accept) {
      // Plain ASCII, the usual case: copy the run in one go.
      std::size_t j = i;
      while (j < n && s[j] < 0x80 && !ascii_special[s[j]]) ++j;
      if (j > i) {
        out.append(text.data() + i, j - i);
        i = j;
        after_last_accept = out.size();
        continue;
      }
      if (s[i] < 0x80) {
        append_ascii_escaped(out, s[i]);
        ++i;
        after_last_accept = out.size();
        continue;
      }
    }
    const std::uint8_t byte = s[i];
    state = utf8d[256u + state * 16u + utf8d[byte]];
    if (state == utf8_accept) {
      // A multi-byte code point is complete (a single byte here is never below 0x80).
      out.push_back(static_cast<char>(byte));
      after_last_accept = out.size();
      undumped = 0;
    } else if (state == utf8_reject) {
      // Read the byte again in a fresh state unless it was the first of the sequence.
      if (undumped == 0) ++i;
      out.resize(after_last_accept);
      out.append(replacement);
      after_last_accept = out.size();
      undumped = 0;
      state = utf8_accept;
      continue;
    } else {
      out.push_back(static_cast<char>(byte));
      ++undumped;
    }
    ++i;
  }
  if (state != utf8_accept) {
    // The string ended inside a sequence.
    out.resize(after_last_accept);
    out.append(replacement);
  }
  out.push_back('"');
}

void append_int(std::string& out, std::int64_t value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

void Appender::grow(std::size_t n) {
  const std::size_t used = this->used();
  // Ahead by a whole one-line decision (about 1.8 kB) at least; resize() doubles the capacity.
  out_.resize(used + std::max<std::size_t>(n, 2048));
  cur_ = out_.data() + used;
  end_ = out_.data() + out_.size();
}

void Appender::escaped(std::string_view text) {
  std::string scratch;  // seldom needed: not worth keeping
  append_string(scratch, text);
  raw(scratch);
}

}  // namespace redress::io::json_out
