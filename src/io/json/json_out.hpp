// A JSON writer that appends to a std::string, byte for byte as nlohmann::json's dump() writes
// the same tree: one line for indent < 0, else nlohmann's pretty form (`": "` after keys, one
// item a line, `[]` and `{}` when empty). Strings are escaped as dump() escapes them with
// error_handler_t::replace and ensure_ascii off: `\"`, `\\`, `\b \f \n \r \t`, other control
// characters as `\u00xx`, `/` and non-ASCII as they are, and invalid UTF-8 as U+FFFD.
// Private to src/io; the caller writes keys and values in order, nothing is checked.
#pragma once

#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/variant2/variant.hpp>
#include "redress/model/fact_value.hpp"
#include "redress/model/money.hpp"

namespace redress {
struct Decision;
struct Duration;
struct RemedyOffer;
struct Timestamp;
}  // namespace redress
namespace redress::io {
struct WriteOptions;
}

namespace redress::io::json_out {

/// Appends `text` as a JSON string, quotes included.
void append_string(std::string& out, std::string_view text);

/// Appends to a std::string through a cursor, without a call into std::string per piece: the
/// string is grown ahead (its new bytes are garbage until written). Either finish() cuts it to
/// what was written, or the owner keeps the string at its full size and remembers used(): then
/// the space ahead is reused the next time without being cleared again.
/// For one-line JSON, where every piece is a literal, a number or an escaped string.
class Appender {
 public:
  /// Appends after the end of `out`.
  explicit Appender(std::string& out) : Appender(out, out.size()) {}
  /// Writes from `out[used]` on; what `out` holds beyond is scratch space (used <= out.size()).
  Appender(std::string& out, std::size_t used)
      : out_(out), cur_(out.data() + used), end_(out.data() + out.size()) {}

  /// Bytes needing no escaping, written as they are: `"key":` fragments, punctuation.
  void raw(std::string_view text) {
    reserve(text.size());
    cur_ = copy(cur_, text);
  }
  void raw(char c) {
    reserve(1);
    *cur_++ = c;
  }
  /// `"name":` (with a space after the colon when `spaced`), for a key needing no escaping.
  void key(std::string_view name, bool spaced) {
    reserve(name.size() + 4);
    char* p = cur_;
    *p++ = '"';
    p = copy(p, name);
    *p++ = '"';
    *p++ = ':';
    if (spaced) *p++ = ' ';
    cur_ = p;
  }

  /// `text` as a JSON string, quotes included, exactly as append_string() writes it.
  void string(std::string_view text) {
    // Plain printable ASCII (the usual case) is copied; anything else is append_string's.
    if (is_plain(text)) {
      const std::size_t n = text.size();
      reserve(n + 2);
      char* p = cur_;  // a local cursor: stores through char* would make cur_ be read again
      *p++ = '"';
      p = copy(p, text);
      *p++ = '"';
      cur_ = p;
    } else {
      escaped(text);
    }
  }

  void integer(std::int64_t value) {
    reserve(24);
    cur_ = std::to_chars(cur_, cur_ + 24, value).ptr;
  }

  /// True when every byte of `text` is printable ASCII other than '"' and '\\': the bytes
  /// append_string() copies as they are. Eight bytes at a time (the last eight, or four, may
  /// overlap bytes already checked).
  static bool is_plain(std::string_view text) {
    const char* p = text.data();
    const std::size_t n = text.size();
    if (n >= 8) {
      for (std::size_t i = 0; i + 8 <= n; i += 8) {
        if (!plain_word<std::uint64_t>(p + i)) return false;
      }
      return n % 8 == 0 || plain_word<std::uint64_t>(p + n - 8);
    }
    if (n >= 4) return plain_word<std::uint32_t>(p) && plain_word<std::uint32_t>(p + n - 4);
    for (std::size_t i = 0; i < n; ++i) {
      const auto c = static_cast<unsigned char>(p[i]);
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') return false;
    }
    return true;
  }

  /// Bytes written so far, from the start of the string.
  [[nodiscard]] std::size_t used() const { return static_cast<std::size_t>(cur_ - out_.data()); }

  /// Drops what was written after used() returned `mark`.
  void rewind(std::size_t mark) { cur_ = out_.data() + mark; }

  /// Cuts the string to what was written.
  void finish() { out_.resize(used()); }

 private:
  // is_plain() for the sizeof(Word) bytes at `p`. Any byte below 0x20, equal to '"' or '\\', or
  // from 0x80 up sets its high bit (the "has less" and "has zero" tricks: a borrow only ever
  // marks bytes above one that is found anyway).
  template <typename Word>
  static bool plain_word(const char* p) {
    constexpr Word ones = static_cast<Word>(0x0101010101010101ULL);
    constexpr Word highs = static_cast<Word>(0x8080808080808080ULL);
    Word x;
    std::memcpy(&x, p, sizeof x);
    const Word quote = x ^ static_cast<Word>(ones * '"');
    const Word backslash = x ^ static_cast<Word>(ones * '\\');
    const Word below = static_cast<Word>(x - ones * 0x20) & static_cast<Word>(~x);
    const Word equal = (static_cast<Word>(quote - ones) & static_cast<Word>(~quote)) |
                       (static_cast<Word>(backslash - ones) & static_cast<Word>(~backslash));
    return ((below | equal | x) & highs) == 0;
  }

  // Copies `text` to `to` (space reserved) and returns the end. Short pieces, most of them,
  // without a call.
  static char* copy(char* to, std::string_view text) {
    const char* from = text.data();
    const std::size_t n = text.size();
    if (n >= 16) {
      std::memcpy(to, from, n);
    } else if (n >= 8) {  // two eight-byte moves that may overlap
      std::uint64_t head, tail;
      std::memcpy(&head, from, 8);
      std::memcpy(&tail, from + n - 8, 8);
      std::memcpy(to, &head, 8);
      std::memcpy(to + n - 8, &tail, 8);
    } else if (n >= 4) {
      std::uint32_t head, tail;
      std::memcpy(&head, from, 4);
      std::memcpy(&tail, from + n - 4, 4);
      std::memcpy(to, &head, 4);
      std::memcpy(to + n - 4, &tail, 4);
    } else {
      for (std::size_t i = 0; i < n; ++i) to[i] = from[i];
    }
    return to + n;
  }

  void reserve(std::size_t n) {
    if (static_cast<std::size_t>(end_ - cur_) < n) grow(n);
  }
  void grow(std::size_t n);
  void escaped(std::string_view text);

  std::string& out_;
  char* cur_;
  char* end_;
};

/// Appends `t` as a JSON string, as Timestamp::to_string() writes it (without fmt for the
/// years 0000 to 9999).
void append_timestamp(Appender& out, const Timestamp& t);
/// Appends `d` as a JSON string, as Duration::to_string() writes it.
void append_duration(Appender& out, const Duration& d);

/// Structured JSON through an Appender: keys and values in order, separators and (for
/// indent >= 0) nlohmann's pretty layout added. One writer serves the indented and the one-line
/// forms, so that a document's layout is written once.
class Writer {
 public:
  /// Appends to `out` (cut to what was written when the Writer goes); `indent` as nlohmann's
  /// dump() takes it.
  Writer(std::string& out, int indent) : own_(out), a_(*own_), indent_(indent) {}
  /// Appends through `out`, which the caller finishes.
  Writer(Appender& out, int indent) : a_(out), indent_(indent) {}
  ~Writer() {
    if (own_) own_->finish();
  }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  /// A key written in the code: checked at compile time to need no escaping, so that writing
  /// it is a copy.
  class Key {
   public:
    consteval Key(const char* name) : name_(name) {  // NOLINT: implicit from literals
      for (const char* p = name; *p != 0; ++p) {
        if (*p < 0x20 || *p == '"' || *p == '\\' || static_cast<unsigned char>(*p) >= 0x80) {
          throw "a JSON key literal must be plain ASCII";  // not a constant: compile error
        }
      }
    }
    [[nodiscard]] std::string_view name() const { return name_; }

   private:
    std::string_view name_;
  };

  /// The next member's key; its value follows.
  void key(Key name) {
    item();
    a_.key(name.name(), indent_ >= 0);
    after_key_ = true;
  }

  /// The same for a key known only at run time (a fact's name), escaped as needed.
  void dynamic_key(std::string_view name) {
    item();
    a_.string(name);
    a_.raw(indent_ >= 0 ? std::string_view(": ") : std::string_view(":"));
    after_key_ = true;
  }

  void string(std::string_view text) {
    item();
    a_.string(text);
  }
  void integer(std::int64_t value) {
    item();
    a_.integer(value);
  }
  void boolean(bool value) {
    item();
    a_.raw(value ? std::string_view("true") : std::string_view("false"));
  }
  void null() {
    item();
    a_.raw("null");
  }
  void timestamp(const Timestamp& t) {
    item();
    append_timestamp(a_, t);
  }
  void duration(const Duration& d) {
    item();
    append_duration(a_, d);
  }

  /// Money as {"minor": ..., "currency": ...}.
  void money(const Money& m) {
    begin_object();
    key("minor");
    integer(m.minor());
    key("currency");
    string(m.currency().code());
    end_object();
  }
  /// As money(), or null.
  void optional_money(const std::optional<Money>& m) {
    if (m) {
      money(*m);
    } else {
      null();
    }
  }
  /// The terms a remedy is offered on, as keys of the offer's object: `option`, `instead_of`
  /// and `contingent`, each only when the offer has it (an outright offer writes none). The
  /// decision and the replay's changed offers write them alike.
  void offer_terms(const RemedyOffer& offer);
  /// A fact's value as the decision writes it: money as above, a symbol as its name, a set as
  /// an array of names, a bool, an integer.
  void value(const FactValue& v) {
    boost::variant2::visit(
        [this](const auto& x) {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, Money>) {
            money(x);
          } else if constexpr (std::is_same_v<T, Symbol>) {
            string(x.name);
          } else if constexpr (std::is_same_v<T, SymbolSet>) {
            strings(x.names);
          } else if constexpr (std::is_same_v<T, bool>) {
            boolean(x);
          } else {
            integer(x);
          }
        },
        v);
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
    if (state != 0) a_.raw(',');
    state = 1;
    if (indent_ >= 0) newline(depth_);
  }

  void open(char bracket) {
    item();
    a_.raw(bracket);
    if (open_.size() <= depth_) open_.resize(depth_ + 1);
    open_[depth_++] = 0;
  }

  void close(char bracket) {
    const bool had_items = open_[--depth_] != 0;
    if (had_items && indent_ >= 0) newline(depth_);
    a_.raw(bracket);
  }

  void newline(std::size_t level) {
    a_.raw('\n');
    for (std::size_t i = 0; i < level * static_cast<std::size_t>(indent_); ++i) a_.raw(' ');
  }

  std::optional<Appender> own_;
  Appender& a_;
  int indent_;
  std::size_t depth_ = 0;
  std::vector<char> open_ = std::vector<char>(8);  // per open level: 1 once it has an item
  bool after_key_ = false;
};

/// Appends `decision` as to_json(decision, options) writes it (io/decision_writer.hpp).
void append_decision(std::string& out, const Decision& decision, const WriteOptions& options);
/// The same for one-line JSON (indent -1), through an Appender the caller finishes.
void append_decision(Appender& out, const Decision& decision, bool trace);

}  // namespace redress::io::json_out
