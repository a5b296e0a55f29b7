// See json_out.hpp. The string escaping follows nlohmann::detail::serializer::dump_escaped
// (3.11) with ensure_ascii = false and error_handler_t::replace, including its UTF-8 decoder
// (Bjoern Hoehrmann's DFA), so that a sequence it rejects becomes one U+FFFD exactly where
// dump() puts one, and the rejecting byte is read again when it could start a new sequence.
#include "io/json/json_out.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "redress/model/decision.hpp"
#include "redress/model/time.hpp"

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

namespace {

// Two decimal digits, "00" to "99".
constexpr std::array<char, 200> kPairs = [] {
  std::array<char, 200> pairs{};
  for (int i = 0; i < 100; ++i) {
    pairs[static_cast<std::size_t>(2 * i)] = static_cast<char>('0' + i / 10);
    pairs[static_cast<std::size_t>(2 * i + 1)] = static_cast<char>('0' + i % 10);
  }
  return pairs;
}();

char* two_digits(char* p, std::int64_t value) {
  std::memcpy(p, &kPairs[static_cast<std::size_t>(2 * value)], 2);
  return p + 2;
}

}  // namespace

// Without Timestamp::to_string()'s fmt::format for the years 0000 to 9999
// (the proleptic Gregorian date of a day count, as std::chrono::year_month_day gives it:
// H. Hinnant's civil_from_days).
void append_timestamp(Appender& a, const Timestamp& t) {
  constexpr std::int64_t kDay = 86400;
  const std::int64_t local = t.utc_seconds + std::int64_t{t.offset_minutes} * 60;
  std::int64_t days = local / kDay;
  if (local % kDay < 0) --days;
  const std::int64_t secs = local - days * kDay;
  const std::int32_t abs_offset = t.offset_minutes < 0 ? -t.offset_minutes : t.offset_minutes;
  if (days < -719468 || days > 2932896 || abs_offset >= 100 * 60) {  // outside 0000-03..9999
    a.string(t.to_string());
    return;
  }
  const std::int64_t z = days + 719468;  // days since 0000-03-01, >= 0 here
  const std::int64_t era = z / 146097;
  const std::int64_t doe = z - era * 146097;                                       // [0, 146096]
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const std::int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
  const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;                           // [1, 31]
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;                            // [1, 12]
  const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  char text[27];  // "YYYY-MM-DDThh:mm:ss+hh:mm" in quotes
  char* p = text;
  *p++ = '"';
  p = two_digits(p, year / 100);
  p = two_digits(p, year % 100);
  *p++ = '-';
  p = two_digits(p, month);
  *p++ = '-';
  p = two_digits(p, day);
  *p++ = 'T';
  p = two_digits(p, secs / 3600);
  *p++ = ':';
  p = two_digits(p, secs / 60 % 60);
  *p++ = ':';
  p = two_digits(p, secs % 60);
  *p++ = t.offset_minutes < 0 ? '-' : '+';
  p = two_digits(p, abs_offset / 60);
  *p++ = ':';
  p = two_digits(p, abs_offset % 60);
  *p++ = '"';
  a.raw(std::string_view(text, sizeof text));
}

void Writer::offer_terms(const RemedyOffer& offer) {
  if (!offer.option.empty()) {
    key("option");
    string(offer.option);
  }
  if (!offer.instead_of.empty()) {
    key("instead_of");
    string(offer.instead_of);
  }
  if (!offer.contingent.empty()) {
    key("contingent");
    string(offer.contingent);
  }
}

void append_duration(Appender& a, const Duration& d) {
  a.raw('"');
  a.integer(d.amount);
  switch (d.unit) {
    case DurationUnit::hours:
      a.raw("h\"");
      return;
    case DurationUnit::days:
      a.raw("d\"");
      return;
    case DurationUnit::business_hours:
      a.raw(" business_hours\"");
      return;
    case DurationUnit::business_days:
      a.raw(" business_days\"");
      return;
    case DurationUnit::minutes:
      break;
  }
  a.raw("m\"");
}

}  // namespace redress::io::json_out
