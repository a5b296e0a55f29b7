#include "io/json/incident_json.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>

namespace redress::io::detail {
namespace {

namespace od = simdjson::ondemand;

// Thrown where simdjson finds the text is not JSON; `at` is where it stopped, if it knows.
struct JsonSyntax {
  simdjson::error_code code;
  const char* at;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A scalar's token without the whitespace simdjson keeps after it.
std::string_view trimmed(std::string_view token) {
  while (!token.empty() && is_space(token.back())) token.remove_suffix(1);
  return token;
}

class JsonSource;

// A key of an object, read as written while that is enough.
class JsonKey {
 public:
  JsonKey(JsonSource& source, od::field& field, Position at)
      : source_(source), field_(field), raw_(field.key().raw()), at_(at) {}

  // The key as written (after its opening quote) is `name` and ends there. Stage 1 has found
  // where each string ends, and a name holds no quote: the loop stops at the key's end.
  [[nodiscard]] bool matches(std::string_view name) const {
    for (std::size_t i = 0; i < name.size(); ++i) {
      if (raw_[i] != name[i]) return false;
    }
    return raw_[name.size()] == '"';
  }

  // The key with its escapes undone (a syntax error if they are wrong).
  std::string_view text();
  [[nodiscard]] Position at() const { return at_; }

 private:
  JsonSource& source_;
  od::field& field_;
  const char* raw_;
  Position at_;
  std::optional<std::string_view> text_;
};

// The document's values, as IncidentParser reads them.
class JsonSource {
 public:
  using Value = od::value;

  JsonSource(const char* base, od::document& doc) : base_(base), doc_(doc) {}

  // The value's kind from its first byte, as simdjson's type() finds it; each scalar is then
  // read in full, so that a malformed one ("tru", "01") is a syntax error.
  Scalar scalar(Value& v) {
    const std::string_view token = trimmed(v.raw_json_token());
    Scalar s;
    s.at = at(token.data());
    switch (token.empty() ? '\0' : token.front()) {
      case '{':
        s.kind = ValueKind::map;
        break;
      case '[':
        s.kind = ValueKind::list;
        break;
      case '"':
        s.kind = ValueKind::string;
        // Without a backslash the string is its bytes (stage 1 checked their UTF-8 and that no
        // control character is left unescaped); else simdjson undoes the escapes.
        if (token.size() >= 2 && token.back() == '"' &&
            std::memchr(token.data(), '\\', token.size()) == nullptr) {
          s.text = token.substr(1, token.size() - 2);
        } else {
          check(v.get_string().get(s.text));
        }
        break;
      case 't':
      case 'f':
        s.kind = ValueKind::boolean;
        check(v.get_bool().get(s.flag));
        s.text = token;
        break;
      case 'n': {
        bool null = false;
        check(v.is_null().get(null));
        if (!null) fail(simdjson::N_ATOM_ERROR);
        s.kind = ValueKind::null;
        break;
      }
      default:
        number(v, token, s);
        break;
    }
    return s;
  }

  // Visits the fields of the object `map` (a value or the document).
  template <typename Map, typename Visit>
  void entries(Map& map, int /*depth*/, Visit&& visit) {
    od::object object;
    check(map.get_object().get(object));
    for (auto item : object) {
      check(item.error());
      od::field& field = item.value_unsafe();
      JsonKey key(*this, field, at(field.key().raw() - 1));  // at its opening quote
      visit(key, field.value());
    }
  }

  template <typename Visit>
  void items(Value& list, int /*depth*/, Visit&& visit) {
    od::array array;
    check(list.get_array().get(array));
    for (auto item : array) {
      check(item.error());
      visit(item.value_unsafe());
    }
  }

  // Walks a value nobody reads, so that its syntax is checked like the rest of the document
  // (simdjson checks a value only when it is read) and its depth bounded. It builds nothing.
  // IncidentParser reads at most three levels itself; only this walk can meet the limit.
  void skip(Value& v, int depth) {
    od::json_type type{};
    check(v.type().get(type));
    switch (type) {
      case od::json_type::object: {
        if (depth > kMaxIncidentDepth) throw TooDeep{at(v.raw_json_token().data())};
        od::object object;
        check(v.get_object().get(object));
        for (auto item : object) {
          check(item.error());
          std::string_view key;  // unescaped, to check its escapes
          check(item.value_unsafe().unescaped_key().get(key));
          skip(item.value_unsafe().value(), depth + 1);
        }
        break;
      }
      case od::json_type::array: {
        if (depth > kMaxIncidentDepth) throw TooDeep{at(v.raw_json_token().data())};
        od::array array;
        check(v.get_array().get(array));
        for (auto item : array) {
          check(item.error());
          skip(item.value_unsafe(), depth + 1);
        }
        break;
      }
      case od::json_type::string: {
        std::string_view text;
        check(v.get_string().get(text));
        break;
      }
      case od::json_type::number: {
        double number = 0;  // checks the syntax of integers too
        check(v.get_double().get(number));
        break;
      }
      case od::json_type::boolean: {
        bool flag = false;
        check(v.get_bool().get(flag));
        break;
      }
      case od::json_type::null: {
        bool null = false;
        check(v.is_null().get(null));
        if (!null) fail(simdjson::N_ATOM_ERROR);
        break;
      }
    }
  }

  [[nodiscard]] Position at(const char* p) const {
    return {static_cast<std::size_t>(p - base_), -1, -1};
  }

  void check(simdjson::error_code code) {
    if (code != simdjson::SUCCESS) fail(code);
  }

  [[noreturn]] void fail(simdjson::error_code code) {
    const char* where = nullptr;
    if (doc_.current_location().get(where) != simdjson::SUCCESS) where = nullptr;
    throw JsonSyntax{code, where};
  }

 private:
  // An integer (nullopt beyond 64 bits) or a number, as written.
  void number(Value& v, std::string_view text, Scalar& s) {
    s.text = text;
    std::int64_t integer = 0;
    if (v.get_int64().get(integer) == simdjson::SUCCESS) {
      s.kind = ValueKind::integer;
      s.integer = integer;
      return;
    }
    double number = 0;
    check(v.get_double().get(number));  // checks the syntax of what get_int64 refused
    s.kind = text.find_first_of(".eE") == std::string_view::npos ? ValueKind::integer
                                                                 : ValueKind::number;
  }

  const char* base_;
  od::document& doc_;
};

std::string_view JsonKey::text() {
  if (!text_) {
    std::string_view text;
    source_.check(field_.unescaped_key().get(text));
    text_ = text;
  }
  return *text_;
}

// Finds the first syntax error of `text` with nlohmann's SAX parser, which says where and what
// (simdjson only says that something is wrong). Nothing is built.
class SyntaxFinder : public nlohmann::json_sax<nlohmann::json> {
 public:
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& error) override {
    position_ = position;
    message_ = error.what();
    return false;
  }

  // nlohmann's message without its prefixes: "unexpected '}'; expected ']'".
  [[nodiscard]] std::string reason() const {
    std::string_view m = message_;
    if (const auto end = m.find("] "); m.starts_with("[json.exception") && end != m.npos) {
      m.remove_prefix(end + 2);
    }
    if (const auto colon = m.find(": "); m.starts_with("parse error") && colon != m.npos) {
      m.remove_prefix(colon + 2);
    }
    if (const auto dash = m.find(" - "); m.starts_with("syntax error while") && dash != m.npos) {
      m.remove_prefix(dash + 3);
    }
    // "; last read: '...'" quotes what the parser read since its last token: the caret says it.
    if (const auto last = m.find("; last read: "); last != m.npos) {
      const auto rest = m.find("'; ", last + 14);
      return std::string(m.substr(0, last)) +
             std::string(rest == m.npos ? std::string_view{} : m.substr(rest + 1));
    }
    return std::string(m);
  }
  // The byte the parser stopped at.
  [[nodiscard]] std::size_t offset() const { return position_ > 0 ? position_ - 1 : 0; }
  [[nodiscard]] bool found() const { return !message_.empty(); }

 private:
  std::size_t position_ = 0;
  std::string message_;
};

void report_syntax(std::string_view text, const JsonSyntax& error, const char* base,
                   ValueChecks& checks) {
  SyntaxFinder finder;
  nlohmann::json::sax_parse(text.begin(), text.end(), &finder);
  std::size_t offset = 0;
  std::string reason;
  if (finder.found()) {
    offset = finder.offset();
    reason = shown(finder.reason(), 120);
  } else {  // simdjson is stricter here (it should not happen): say what it says
    offset = error.at ? static_cast<std::size_t>(error.at - base) : 0;
    reason = simdjson::error_message(error.code);
  }
  checks.fatal("incident.syntax", {std::min(offset, text.size()), -1, -1},
               fmt::format("the incident is not valid JSON: {}", reason),
               "a document whose first character is '{' is read as JSON (quoted keys and "
               "strings); write YAML in block style");
}

}  // namespace

struct JsonIncidentReader::Impl {
  od::parser parser;
  std::unique_ptr<char[]> buffer;  // the document and simdjson's padding after it
  std::size_t capacity = 0;
  ParserScratch scratch;
};

JsonIncidentReader::JsonIncidentReader() : impl_(std::make_unique<Impl>()) {}
JsonIncidentReader::~JsonIncidentReader() = default;

bool JsonIncidentReader::read(std::string_view text, ValueChecks& checks, const SchemaIndex& index,
                              Incident& out) {
  Impl& m = *impl_;
  if (m.capacity < text.size() + simdjson::SIMDJSON_PADDING) {
    m.capacity = std::max(text.size() + simdjson::SIMDJSON_PADDING, 2 * m.capacity);
    m.buffer = std::make_unique_for_overwrite<char[]>(m.capacity);
  }
  char* buffer = m.buffer.get();
  std::memcpy(buffer, text.data(), text.size());
  std::memset(buffer + text.size(), 0, simdjson::SIMDJSON_PADDING);
  od::document doc;
  JsonSource source(buffer, doc);
  try {
    if (const auto error = m.parser.iterate(buffer, text.size(), m.capacity).get(doc)) {
      throw JsonSyntax{error, nullptr};
    }
    reset_incident(out);
    const auto start = std::find_if_not(text.begin(), text.end(), is_space) - text.begin();
    IncidentParser<JsonSource>(source, checks, index, m.scratch)
        .read(doc, {static_cast<std::size_t>(start), -1, -1}, out);
    const char* rest = nullptr;
    if (doc.current_location().get(rest) == simdjson::SUCCESS) {
      throw JsonSyntax{simdjson::TRAILING_CONTENT, rest};
    }
  } catch (const JsonSyntax& error) {
    report_syntax(text, error, buffer, checks);
  } catch (const TooDeep& error) {
    checks.too_deep(error.at);
  } catch (const StopReading&) {
  }
  return !checks.failed();
}

}  // namespace redress::io::detail
