#include "io/yaml/scalar_text.hpp"

#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace redress::io::yaml {
namespace {

enum class Style { plain, single_quoted, double_quoted, literal, folded };

/// A read position in the source that keeps the 0-based line and column in step with the index.
class Cursor {
 public:
  Cursor(std::string_view source, std::size_t index, SourceLocation at)
      : source_(source), index_(index), at_(std::move(at)) {}

  [[nodiscard]] bool done() const { return index_ >= source_.size(); }
  [[nodiscard]] char peek(std::size_t ahead = 0) const {
    return index_ + ahead < source_.size() ? source_[index_ + ahead] : '\0';
  }
  /// "\n" or "\r\n"; yaml-cpp does not count a lone '\r' as a line break.
  [[nodiscard]] bool at_break() const {
    return peek() == '\n' || (peek() == '\r' && peek(1) == '\n');
  }
  [[nodiscard]] bool at_blank() const { return peek() == ' ' || peek() == '\t'; }
  [[nodiscard]] const SourceLocation& where() const { return at_; }

  /// Moves one character on; a line break counts as one.
  void advance() {
    if (done()) return;
    if (at_break()) {
      index_ += peek() == '\r' ? 2 : 1;
      ++at_.line;
      at_.column = 0;
      return;
    }
    ++index_;
    ++at_.column;
  }
  void skip_blanks() {
    while (at_blank()) advance();
  }
  /// True if only blanks are left before the end of the line (or of the text).
  [[nodiscard]] bool blanks_to_break() const {
    std::size_t i = index_;
    while (i < source_.size() && (source_[i] == ' ' || source_[i] == '\t')) ++i;
    return i >= source_.size() || source_[i] == '\n' ||
           (source_[i] == '\r' && i + 1 < source_.size() && source_[i + 1] == '\n');
  }

 private:
  std::string_view source_;
  std::size_t index_;
  SourceLocation at_;
};

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::optional<std::uint32_t> read_hex(Cursor& c, int digits) {
  std::uint32_t cp = 0;
  for (int i = 0; i < digits; ++i) {
    const char h = c.peek();
    int v = -1;
    if (h >= '0' && h <= '9') v = h - '0';
    if (h >= 'a' && h <= 'f') v = h - 'a' + 10;
    if (h >= 'A' && h <= 'F') v = h - 'A' + 10;
    if (v < 0) return std::nullopt;
    cp = cp * 16 + static_cast<std::uint32_t>(v);
    c.advance();
  }
  return cp;
}

/// Decodes the escape after a backslash (the cursor is past the backslash) into UTF-8 bytes.
std::optional<std::string> decode_escape(Cursor& c) {
  const char e = c.peek();
  c.advance();
  switch (e) {
    case '0':
      return std::string(1, '\0');
    case 'a':
      return "\a";
    case 'b':
      return "\b";
    case 't':
    case '\t':
      return "\t";
    case 'n':
      return "\n";
    case 'v':
      return "\v";
    case 'f':
      return "\f";
    case 'r':
      return "\r";
    case 'e':
      return "\x1b";
    case ' ':
    case '"':
    case '\'':
    case '/':
    case '\\':
      return std::string(1, e);
    // yaml-cpp 0.7 writes these two as single Latin-1 bytes rather than UTF-8; match it.
    case 'N':
      return "\x85";
    case '_':
      return "\xA0";
    default:
      break;
  }
  std::optional<std::uint32_t> cp;
  if (e == 'L') cp = 0x2028;
  if (e == 'P') cp = 0x2029;
  if (e == 'x') cp = read_hex(c, 2);
  if (e == 'u') cp = read_hex(c, 4);
  if (e == 'U') cp = read_hex(c, 8);
  if (!cp) return std::nullopt;
  std::string out;
  append_utf8(out, *cp);
  return out;
}

/// Walks the source and the decoded value side by side, recording where each value byte came
/// from. Knowing the value makes this far simpler than re-implementing YAML's scalar grammar:
/// only folding, escapes and indentation need to be recognised.
class Aligner {
 public:
  Aligner(std::string_view value, Cursor cursor, Style style, std::size_t indent)
      : value_(value), cursor_(std::move(cursor)), style_(style), indent_(indent) {}

  std::optional<std::vector<SourceLocation>> run() {
    if (block()) skip_indent();
    while (offsets_.size() < value_.size()) {
      if (cursor_.done() || !step()) return std::nullopt;
    }
    return std::move(offsets_);
  }

 private:
  [[nodiscard]] bool block() const { return style_ == Style::literal || style_ == Style::folded; }
  [[nodiscard]] char want() const { return value_[offsets_.size()]; }

  bool step() {
    if (style_ == Style::double_quoted && cursor_.peek() == '\\') return escape();
    if (style_ == Style::single_quoted && cursor_.peek() == '\'') return quote_pair();
    // Flow scalars drop the blanks before a line break.
    if (!block() && cursor_.at_blank() && cursor_.blanks_to_break()) {
      cursor_.skip_blanks();
      return true;
    }
    if (cursor_.at_break()) return block() ? block_break() : flow_break();
    if (cursor_.peek() != want()) return false;
    offsets_.push_back(cursor_.where());
    cursor_.advance();
    return true;
  }

  bool escape() {
    const SourceLocation at = cursor_.where();
    cursor_.advance();
    if (cursor_.at_break()) {  // an escaped line break joins the lines without a space
      cursor_.advance();
      cursor_.skip_blanks();
      while (cursor_.at_break()) {  // but the empty lines after it are kept
        if (offsets_.size() >= value_.size() || want() != '\n') return false;
        offsets_.push_back(cursor_.where());
        cursor_.advance();
        cursor_.skip_blanks();
      }
      return true;
    }
    const auto bytes = decode_escape(cursor_);
    if (!bytes || value_.substr(offsets_.size(), bytes->size()) != *bytes) return false;
    offsets_.insert(offsets_.end(), bytes->size(), at);
    return true;
  }

  bool quote_pair() {
    if (cursor_.peek(1) != '\'' || want() != '\'') return false;
    offsets_.push_back(cursor_.where());
    cursor_.advance();
    cursor_.advance();
    return true;
  }

  /// A line break inside a plain or quoted scalar: one break folds to a space, n breaks give
  /// n-1 newlines; the next line's leading blanks are dropped.
  bool flow_break() {
    std::vector<SourceLocation> breaks;
    while (cursor_.at_break()) {
      breaks.push_back(cursor_.where());
      cursor_.advance();
      cursor_.skip_blanks();
    }
    if (breaks.size() == 1) {
      if (want() != ' ') return false;
      offsets_.push_back(breaks.front());
      return true;
    }
    for (std::size_t i = 1; i < breaks.size(); ++i) {
      if (offsets_.size() >= value_.size() || want() != '\n') return false;
      offsets_.push_back(breaks[i]);
    }
    return true;
  }

  /// A line break inside a block scalar: kept in literal style; in folded style it becomes a
  /// space or newline, or vanishes before an empty line.
  bool block_break() {
    const char w = want();
    const bool kept = w == '\n' || (style_ == Style::folded && w == ' ');
    if (!kept && style_ == Style::literal) return false;
    if (kept) offsets_.push_back(cursor_.where());
    cursor_.advance();
    skip_indent();
    return true;
  }

  void skip_indent() {
    for (std::size_t i = 0; i < indent_ && cursor_.peek() == ' '; ++i) cursor_.advance();
  }

  std::string_view value_;
  Cursor cursor_;
  Style style_;
  std::size_t indent_;
  std::vector<SourceLocation> offsets_;
};

/// Skips a block scalar's header line (`|-2  # comment`) and returns the indentation of its
/// first non-empty line. Leaves the cursor at the start of the first content line.
std::optional<std::size_t> block_header(Cursor& c) {
  c.advance();  // the '|' or '>'
  while (c.peek() == '+' || c.peek() == '-' || (c.peek() >= '0' && c.peek() <= '9')) c.advance();
  c.skip_blanks();
  if (c.peek() == '#') {
    while (!c.done() && !c.at_break()) c.advance();
  }
  if (!c.at_break()) return std::nullopt;
  c.advance();
  Cursor probe = c;
  while (!probe.done()) {
    std::size_t spaces = 0;
    while (probe.peek() == ' ') {
      probe.advance();
      ++spaces;
    }
    if (!probe.at_break()) return spaces;
    probe.advance();
  }
  return 0;
}

/// The indentation of a block scalar's content: that of its first non-empty line, less the
/// spaces that line keeps in the value (only with an explicit indentation indicator, `|2`).
std::size_t block_indent(std::size_t first_line_indent, std::string_view value) {
  const auto start = value.find_first_not_of('\n');
  if (start == std::string_view::npos) return first_line_indent;
  const auto text = value.find_first_not_of(' ', start);
  const auto kept = (text == std::string_view::npos ? value.size() : text) - start;
  return kept <= first_line_indent ? first_line_indent - kept : 0;
}

bool is_tag_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) != 0 ||
         std::string_view("-#;/?:@&=+$_.~*'()%!").find(c) != std::string_view::npos;
}

/// Skips node properties (`&anchor`, `!tag`) that yaml-cpp includes in the node's mark, and
/// the blanks and line breaks after them.
void skip_properties(Cursor& c) {
  while (c.peek() == '&' || c.peek() == '!') {
    const bool tag = c.peek() == '!';
    c.advance();
    // A tag ends at the first character that cannot be in one, as in yaml-cpp: `!"x"` is the
    // tag `!` and a quoted scalar.
    while (!c.done() && !c.at_blank() && !c.at_break() && (!tag || is_tag_char(c.peek()))) {
      c.advance();
    }
    while (c.at_blank() || c.at_break()) c.advance();
  }
}

bool is_trivial(const std::vector<SourceLocation>& offsets) {
  const auto& first = offsets.front();
  for (std::size_t i = 0; i < offsets.size(); ++i) {
    if (offsets[i].line != first.line ||
        offsets[i].column != first.column + static_cast<std::int32_t>(i)) {
      return false;
    }
  }
  return true;
}

}  // namespace

void locate_scalar(std::string_view source, std::size_t pos, policy::Text& text) {
  text.first_char = text.location;
  text.offsets.clear();
  if (!text.location.known() || pos >= source.size()) return;

  Cursor c(source, pos, text.location);
  skip_properties(c);
  std::optional<std::vector<SourceLocation>> offsets;
  const char opener = c.peek();
  if (opener == '"' || opener == '\'') {
    c.advance();
    text.first_char = c.where();
    const auto style = opener == '"' ? Style::double_quoted : Style::single_quoted;
    offsets = Aligner(text.value, c, style, 0).run();
  } else if (opener == '|' || opener == '>') {
    const auto style = opener == '|' ? Style::literal : Style::folded;
    if (const auto indent = block_header(c)) {
      offsets = Aligner(text.value, c, style, block_indent(*indent, text.value)).run();
    }
  } else {
    text.first_char = c.where();
    offsets = Aligner(text.value, c, Style::plain, 0).run();
  }
  if (!offsets || offsets->empty()) return;
  text.first_char = offsets->front();
  if (!is_trivial(*offsets)) text.offsets = std::move(*offsets);
}

}  // namespace redress::io::yaml
