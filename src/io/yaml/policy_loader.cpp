// The entry points: YAML text to a PolicySpec or a list of categories, all problems reported.
#include "redress/io/policy_loader.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "io/yaml/bounds.hpp"
#include "io/yaml/policy_sections.hpp"
#include "io/yaml/yaml_reader.hpp"

namespace redress::io {
namespace {

/// Parses the text, reporting a syntax error as yaml.syntax and nesting past the limit as
/// yaml.too_deep; nullopt if it does not parse.
std::optional<YAML::Node> parse(yaml::Context& ctx, std::string_view text) {
  try {
    if (const auto deep = yaml::first_out_of_bounds(text, {})) {
      ctx.error("yaml.too_deep", deep->mark,
                fmt::format("the document nests more than {} levels of maps and lists here",
                            yaml::kMaxNesting),
                "a policy needs only a few levels: look for an unclosed '[' or '{' or for "
                "over-indented lines");
      return std::nullopt;
    }
    return YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    ctx.error("yaml.syntax", e.mark, e.msg, "check indentation and quoting near here");
    return std::nullopt;
  }
}

/// The document's top-level map, or nullopt (reported) when it is something else. An empty
/// document reads as an empty map, so that each missing required key is named.
std::optional<YAML::Node> top_map(yaml::Context& ctx, const YAML::Node& document,
                                  std::string_view subject) {
  if (document.IsNull()) return YAML::Node(YAML::NodeType::Map);
  if (!yaml::expect_map(ctx, document, subject, document.Mark())) return std::nullopt;
  return document;
}

void read_policy(yaml::MapReader& top, policy::PolicySpec& spec) {
  yaml::read_include(top, spec.include);
  yaml::read_metadata(top, spec.metadata);
  yaml::read_taxonomy(top, spec.taxonomy);
  yaml::read_facts(top, spec.facts);
  yaml::read_remedies(top, spec.remedies);
  yaml::read_communication(top, spec.communication);
  yaml::read_departments(top, spec.departments);
  yaml::read_roles(top, spec.roles);
  yaml::read_calendars(top, spec.calendars);
  yaml::read_clocks(top, spec.clocks);
  yaml::read_commitments(top, spec.commitments);
  yaml::read_sla(top, spec.sla);
  yaml::read_caps(top, spec.caps);
  yaml::read_rules(top, spec.rules);
}

}  // namespace

SpecResult load_policy_spec(std::string_view text, std::string_view file) {
  SpecResult result;
  yaml::Context ctx(text, file, result.diagnostics);
  const auto document = parse(ctx, text);
  if (!document) return result;
  const auto map = top_map(ctx, *document, "a policy document");
  if (!map) return result;

  policy::PolicySpec spec;
  spec.file = std::string(file);
  spec.source = std::string(text);
  yaml::MapReader top(
      ctx, *map, "policy document",
      {"include", "policy", "taxonomy", "facts", "remedies", "communication", "departments",
       "roles", "calendars", "clocks", "commitments", "sla", "caps", "rules"});
  read_policy(top, spec);
  if (!result.diagnostics.has_errors()) result.spec = std::move(spec);
  return result;
}

LibraryResult load_clock_library(std::string_view text, std::string_view file) {
  LibraryResult result;
  yaml::Context ctx(text, file, result.diagnostics);
  const auto document = parse(ctx, text);
  if (!document) return result;
  const auto map = top_map(ctx, *document, "a clock library");
  if (!map) return result;
  policy::ClockLibrarySpec library;
  yaml::MapReader top(ctx, *map, "clock library", {"library", "include", "clocks"});
  if (const yaml::Entry* entry =
          top.map("library", true, "add 'library: {id: ..., version: ...}' naming the library")) {
    yaml::MapReader header(ctx, entry->value, "'library' section",
                           {"id", "version", "description"});
    library.id = header.text("id", true);
    library.version = header.text("version", true);
    library.description = header.text("description");
  }
  yaml::read_include(top, library.include);
  yaml::read_clocks(top, library.clocks);
  if (!result.diagnostics.has_errors()) result.library = std::move(library);
  return result;
}

std::optional<std::vector<policy::CategorySpec>> load_taxonomy(std::string_view text,
                                                               std::string_view file,
                                                               Diagnostics& diagnostics) {
  Diagnostics found;
  yaml::Context ctx(text, file, found);
  std::optional<std::vector<policy::CategorySpec>> categories;
  if (const auto document = parse(ctx, text)) {
    if (const auto map = top_map(ctx, *document, "a taxonomy document")) {
      yaml::MapReader top(ctx, *map, "taxonomy document", {"categories"});
      const yaml::Entry* list =
          top.list("categories", true, "add 'categories:' with a list of {id, type, description}");
      if (list) categories = yaml::read_categories(ctx, list->value, "'categories'");
    }
  }
  diagnostics.append(found);
  if (found.has_errors()) return std::nullopt;
  return categories;
}

}  // namespace redress::io
