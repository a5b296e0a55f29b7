#include "io/yaml/yaml_reader.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "diag/suggest.hpp"
#include "io/yaml/scalar_text.hpp"

namespace redress::io::yaml {
namespace {

/// The hint for a key that is not allowed: the closest known key, or all of them.
std::string unknown_key_hint(std::string_view key, const std::vector<std::string_view>& known) {
  auto hint = redress::detail::did_you_mean(key, known);
  if (hint.empty()) hint = fmt::format("known keys: {}", fmt::join(known, ", "));
  return hint;
}

bool is_yaml_bool(const YAML::Node& node) {
  // Only the YAML 1.2 core spellings: 'yes', 'on' and friends are too easily meant as text.
  static const std::vector<std::string_view> spellings = {"true",  "false", "True",
                                                          "False", "TRUE",  "FALSE"};
  return node.IsScalar() && node.Tag() == "?" &&
         std::find(spellings.begin(), spellings.end(), node.Scalar()) != spellings.end();
}

}  // namespace

Context::Context(std::string_view source, std::string_view file, Diagnostics& diagnostics)
    : source_(source), file_(file), diagnostics_(diagnostics) {
  if (source_.substr(0, 3) == "\xEF\xBB\xBF") bom_ = 3;
}

SourceLocation Context::location(const YAML::Mark& mark) const {
  return SourceLocation{file_, mark.line, mark.column};
}

policy::Text Context::text(const YAML::Node& scalar) const {
  policy::Text text;
  text.value = scalar.Scalar();
  text.location = location(scalar.Mark());
  if (scalar.Mark().pos >= 0) {
    locate_scalar(source_, static_cast<std::size_t>(scalar.Mark().pos) + bom_, text);
  } else {
    text.first_char = text.location;
  }
  return text;
}

void Context::error(std::string code, const YAML::Mark& mark, std::string message,
                    std::string hint) {
  diagnostics_.error(std::move(code), location(mark), std::move(message), std::move(hint));
}

std::string_view kind_name(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "a scalar";
    default:
      return "nothing";
  }
}

std::string quoted_list(std::span<const std::string_view> candidates) {
  std::string out;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (i > 0) out += i + 1 == candidates.size() ? " or " : ", ";
    out += fmt::format("'{}'", candidates[i]);
  }
  return out;
}

namespace {

bool expect_kind(Context& ctx, const YAML::Node& node, YAML::NodeType::value kind,
                 std::string_view kind_words, std::string_view subject, const YAML::Mark& where,
                 std::string_view hint) {
  if (node.Type() == kind) return true;
  ctx.error("policy.wrong_type", where,
            fmt::format("{} must be {}, found {}", subject, kind_words, kind_name(node)),
            std::string(hint));
  return false;
}

}  // namespace

bool expect_map(Context& ctx, const YAML::Node& node, std::string_view subject,
                const YAML::Mark& where) {
  return expect_kind(ctx, node, YAML::NodeType::Map, "a map", subject, where,
                     "write 'key: value' pairs, indented under it, or '{key: value, ...}'");
}

bool expect_list(Context& ctx, const YAML::Node& node, std::string_view subject,
                 const YAML::Mark& where) {
  return expect_kind(ctx, node, YAML::NodeType::Sequence, "a list", subject, where,
                     "write one '- item' per line, indented under it, or '[a, b, ...]'");
}

bool expect_scalar(Context& ctx, const YAML::Node& node, std::string_view subject,
                   const YAML::Mark& where) {
  return expect_kind(ctx, node, YAML::NodeType::Scalar, "a scalar", subject, where,
                     "write a single value; quote it if it contains ': ' or starts with "
                     "'[', '{' or '-'");
}

std::vector<Entry> map_entries(Context& ctx, const YAML::Node& map, std::string_view what) {
  std::vector<Entry> entries;
  for (const auto& pair : map) {
    const YAML::Node& key = pair.first;
    const YAML::Node& value = pair.second;
    if (!key.IsScalar()) {
      ctx.error("policy.wrong_type", key.Mark(),
                fmt::format("a key in {} must be a scalar, found {}", what, kind_name(key)));
      continue;
    }
    const auto first = std::find_if(entries.begin(), entries.end(),
                                    [&](const Entry& e) { return e.name == key.Scalar(); });
    if (first != entries.end()) {
      // yaml-cpp 0.7 keeps both entries, and node[key] would silently pick one.
      ctx.error("policy.duplicate_key", key.Mark(),
                fmt::format("duplicate key '{}' in {}", key.Scalar(), what),
                fmt::format("'{}' is already given on line {}; keep only one", key.Scalar(),
                            first->key.Mark().line + 1));
      continue;
    }
    entries.push_back({key, value, key.Scalar(), value.IsNull() ? key.Mark() : value.Mark()});
  }
  return entries;
}

void for_each_map(Context& ctx, const YAML::Node& list, std::string_view subject,
                  const std::function<void(const YAML::Node&)>& each) {
  for (const auto& item : list) {
    const auto item_subject = fmt::format("each item of {}", subject);
    if (expect_map(ctx, item, item_subject, item.Mark())) each(item);
  }
}

MapReader::MapReader(Context& ctx, const YAML::Node& map, std::string what,
                     std::vector<std::string_view> known_keys)
    : ctx_(ctx), map_(map), what_(std::move(what)), entries_(map_entries(ctx, map, what_)) {
  for (const auto& entry : entries_) {
    if (std::find(known_keys.begin(), known_keys.end(), entry.name) != known_keys.end()) continue;
    ctx_.error("policy.unknown_key", entry.key.Mark(),
               fmt::format("unknown key '{}' in {}", entry.name, what_),
               unknown_key_hint(entry.name, known_keys));
  }
}

const Entry* MapReader::find(std::string_view key) const {
  const auto it =
      std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.name == key; });
  return it == entries_.end() ? nullptr : &*it;
}

const Entry* MapReader::present(std::string_view key, bool required, std::string_view hint) {
  const Entry* entry = find(key);
  if (entry && !entry->value.IsNull()) return entry;
  if (!required) return nullptr;
  const auto fix = hint.empty() ? fmt::format("add '{}: ...'", key) : std::string(hint);
  if (entry) {
    ctx_.error("policy.missing_key", entry->key.Mark(),
               fmt::format("required key '{}' in {} has no value", key, what_), fix);
  } else {
    ctx_.error("policy.missing_key", map_.Mark(),
               fmt::format("{} is missing required key '{}'", what_, key), fix);
  }
  return nullptr;
}

const Entry* MapReader::require(std::string_view key, std::string_view hint) {
  return present(key, true, hint);
}

policy::Text MapReader::text(std::string_view key, bool required) {
  const Entry* entry = present(key, required, {});
  if (!entry) return {};
  if (!expect_scalar(ctx_, entry->value, fmt::format("'{}'", key), entry->value_mark)) return {};
  return ctx_.text(entry->value);
}

std::optional<policy::Text> MapReader::optional_text(std::string_view key) {
  const Entry* entry = present(key, false, {});
  if (!entry) return std::nullopt;
  if (!expect_scalar(ctx_, entry->value, fmt::format("'{}'", key), entry->value_mark)) {
    return std::nullopt;
  }
  return ctx_.text(entry->value);
}

std::vector<policy::Text> MapReader::texts(std::string_view key) {
  std::vector<policy::Text> out;
  const Entry* entry = list(key);
  if (!entry) return out;
  const auto subject = fmt::format("each item of '{}'", key);
  for (const auto& item : entry->value) {
    if (expect_scalar(ctx_, item, subject, item.Mark())) out.push_back(ctx_.text(item));
  }
  return out;
}

bool MapReader::boolean(std::string_view key) {
  const Entry* entry = present(key, false, {});
  if (!entry) return false;
  if (is_yaml_bool(entry->value)) {
    const auto& v = entry->value.Scalar();
    return v == "true" || v == "True" || v == "TRUE";
  }
  std::string found(kind_name(entry->value));
  if (entry->value.IsScalar()) {
    found = entry->value.Tag() == "!"
                ? fmt::format("\"{}\" (quoted, so a string)", entry->value.Scalar())
                : fmt::format("'{}'", entry->value.Scalar());
  }
  ctx_.error("policy.wrong_type", entry->value_mark,
             fmt::format("'{}' must be true or false, found {}", key, found),
             fmt::format("write '{0}: true' or '{0}: false', without quotes", key));
  return false;
}

const Entry* MapReader::list(std::string_view key, bool required, std::string_view hint) {
  const Entry* entry = present(key, required, hint);
  if (!entry) return nullptr;
  return expect_list(ctx_, entry->value, fmt::format("'{}'", key), entry->value_mark) ? entry
                                                                                      : nullptr;
}

const Entry* MapReader::map(std::string_view key, bool required, std::string_view hint) {
  const Entry* entry = present(key, required, hint);
  if (!entry) return nullptr;
  return expect_map(ctx_, entry->value, fmt::format("'{}'", key), entry->value_mark) ? entry
                                                                                     : nullptr;
}

policy::LocalizedText MapReader::localized(std::string_view key) {
  const Entry* entry = map(key);
  if (!entry) return {};
  return read_localized(ctx_, entry->value, fmt::format("'{}'", key));
}

policy::LocalizedText read_localized(Context& ctx, const YAML::Node& map, std::string_view what) {
  policy::LocalizedText out;
  for (const auto& locale : map_entries(ctx, map, what)) {
    const auto subject = fmt::format("the '{}' text", locale.name);
    if (expect_scalar(ctx, locale.value, subject, locale.value_mark)) {
      out.emplace(locale.name, ctx.text(locale.value));
    }
  }
  return out;
}

}  // namespace redress::io::yaml
