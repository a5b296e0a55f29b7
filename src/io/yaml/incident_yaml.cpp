#include "io/yaml/incident_yaml.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "io/yaml/bounds.hpp"

namespace redress::io::detail {
namespace {

Position position(const YAML::Mark& mark) {
  return {0, std::max(mark.line, 0), std::max(mark.column, 0)};
}

bool is_integer_text(std::string_view s) {
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) s.remove_prefix(1);
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A YAML 1.2 core-schema float: 1.5, -.5, 2e3, 1.0E-2 (not .inf or .nan: nobody sends those).
bool is_number_text(std::string_view s) {
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) s.remove_prefix(1);
  std::size_t i = 0;
  std::size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    const std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start) return false;
  }
  return i == s.size();
}

// Quoted scalars are strings; plain scalars are resolved as YAML 1.2 core.
ValueKind kind_of(const YAML::Node& node) {
  if (!node || node.IsNull()) return ValueKind::null;
  if (node.IsSequence()) return ValueKind::list;
  if (node.IsMap()) return ValueKind::map;
  // Quoted scalars carry the tag "!" and explicit tags a URI: only plain scalars are resolved.
  const std::string& tag = node.Tag();
  if (tag != "?" && !tag.empty()) {
    return tag.ends_with(":int")     ? ValueKind::integer
           : tag.ends_with(":bool")  ? ValueKind::boolean
           : tag.ends_with(":float") ? ValueKind::number
                                     : ValueKind::string;
  }
  const std::string& s = node.Scalar();
  if (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE") {
    return ValueKind::boolean;
  }
  if (is_integer_text(s)) return ValueKind::integer;
  if (is_number_text(s)) return ValueKind::number;
  return ValueKind::string;
}

// The document's values, as IncidentParser reads them.
class YamlSource {
 public:
  using Value = const YAML::Node;

  Scalar scalar(const YAML::Node& node) {
    Scalar s;
    s.kind = kind_of(node);
    s.at = position(node.Mark());
    if (!node.IsScalar()) return s;
    s.text = node.Scalar();
    if (s.kind == ValueKind::boolean) s.flag = s.text.front() == 't' || s.text.front() == 'T';
    if (s.kind == ValueKind::integer) {
      std::string_view digits = s.text;
      if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
      std::int64_t value = 0;
      const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
      if (ec == std::errc{} && end == digits.data() + digits.size()) s.integer = value;
    }
    return s;
  }

  // A key: its text (empty for a key that is not a scalar) and where it is.
  class Key {
   public:
    explicit Key(const YAML::Node& key)
        : text_(key.IsScalar() ? std::string_view(key.Scalar()) : std::string_view{}),
          at_(position(key.Mark())) {}
    [[nodiscard]] bool matches(std::string_view name) const { return equal(text_, name); }
    [[nodiscard]] std::string_view text() const { return text_; }
    [[nodiscard]] Position at() const { return at_; }

   private:
    std::string_view text_;
    Position at_;
  };

  template <typename Visit>
  void entries(const YAML::Node& map, int /*depth*/, Visit&& visit) {
    for (const auto& entry : map) {
      Key key(entry.first);
      visit(key, entry.second);
    }
  }

  template <typename Visit>
  void items(const YAML::Node& list, int /*depth*/, Visit&& visit) {
    for (const auto& item : list) visit(item);
  }

  // yaml-cpp has built the whole document already; its depth and size were bounded before.
  void skip(const YAML::Node& /*value*/, int /*depth*/) {}
};

}  // namespace

bool read_yaml_incident(std::string_view text, ValueChecks& checks, const SchemaIndex& index,
                        Incident& out) {
  YAML::Node root;
  try {
    // Bounded before yaml-cpp builds its nodes, which would hold any document in memory.
    const yaml::Bounds bounds{kMaxIncidentDepth, kMaxYamlIncidentValues};
    if (const auto past = yaml::first_out_of_bounds(text, bounds)) {
      if (past->kind == yaml::OutOfBounds::Kind::too_deep) {
        checks.too_deep(position(past->mark));
      } else {
        checks.fatal("incident.too_large", position(past->mark),
                     fmt::format("the incident holds more than {} values", kMaxYamlIncidentValues),
                     "an incident holds a few dozen values; keep bulk data out of it");
      }
      return false;
    }
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    checks.fatal("incident.syntax", position(e.mark),
                 fmt::format("the incident is not valid YAML: {}", e.msg));
    return false;
  }
  return read_yaml_incident(root, checks, index, out);
}

bool read_yaml_incident(const YAML::Node& root, ValueChecks& checks, const SchemaIndex& index,
                        Incident& out) {
  if (!root.IsMap()) {
    const bool blank = !root || root.IsNull();
    checks.fatal("incident.wrong_type", position(root.Mark()),
                 blank ? std::string("the incident document is empty")
                       : fmt::format("an incident must be a map of fields, found {}",
                                     describe(kind_of(root))),
                 "write a map with at least id, reported_at and category");
    return false;
  }
  reset_incident(out);
  YamlSource source;
  ParserScratch scratch;
  try {
    IncidentParser<YamlSource>(source, checks, index, scratch)
        .read(root, position(root.Mark()), out);
  } catch (const StopReading&) {
  }
  return !checks.failed();
}

}  // namespace redress::io::detail
