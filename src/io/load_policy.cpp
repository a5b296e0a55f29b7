#include "redress/io/load_policy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <set>

#include "io/embedded.hpp"
#include "redress/io/policy_loader.hpp"
#include "redress/io/read_file.hpp"

namespace redress {
namespace {

constexpr std::string_view kTaxonomyFile = "<built-in>/taxonomy.yaml";
constexpr std::string_view kBuiltIn = "<built-in>/";

/// The text of an included file by its resolved name: names under "<built-in>/" are the files
/// compiled into the library (the built-in policy's includes), others are read from disk.
constexpr std::string_view kReferenceClocks = "clocks/reference-clocks.yaml";

/// A file that cannot be read (missing, a directory, unreadable) gives nullopt.
std::optional<std::string> read_included(const std::string& name) {
  if (name.starts_with(kBuiltIn)) {
    if (name.substr(kBuiltIn.size()) == kReferenceClocks) {
      return std::string(embedded::reference_clocks());
    }
    return std::nullopt;
  }
  std::string text;
  std::string error;
  if (!io::read_file(name, text, error)) return std::nullopt;
  return text;
}

/// Resolves `include:` lists, depth first: every library's clocks join the policy's, located
/// in the library's own file. A file included twice (by two libraries) is read once; a file
/// that includes itself, directly or not, is an error.
class Includer {
 public:
  /// `dir`: what the policy's includes are relative to.
  Includer(policy::PolicySpec& spec, std::filesystem::path dir, Diagnostics& diagnostics)
      : spec_(spec), dir_(std::move(dir)), diagnostics_(diagnostics) {}

  void run() {
    stack_.push_back(spec_.file);
    auto clocks = include_all(spec_.include, dir_);
    spec_.clocks.insert(spec_.clocks.end(), std::make_move_iterator(clocks.begin()),
                        std::make_move_iterator(clocks.end()));
  }

 private:
  static std::string resolve(const policy::Text& include, const std::filesystem::path& dir) {
    return (dir / include.value).lexically_normal().generic_string();
  }

  /// The clocks of every include, in order, their calendars renamed as each include asks.
  std::vector<policy::ClockSpec> include_all(const std::vector<policy::IncludeSpec>& includes,
                                             const std::filesystem::path& dir) {
    std::vector<policy::ClockSpec> clocks;
    for (const auto& include : includes) {
      auto more = include_one(include.file, resolve(include.file, dir));
      for (auto& clock : more) {
        const auto rename = include.calendars.find(clock.calendar.value);
        if (rename != include.calendars.end()) clock.calendar = rename->second;
        clocks.push_back(std::move(clock));
      }
    }
    return clocks;
  }

  std::vector<policy::ClockSpec> include_one(const policy::Text& include, std::string name) {
    // The reference clock library is built in: a policy copied away from rules/ (or loaded
    // from text) still finds it, and a file of that name beside the policy is read instead.
    if (include.value == kReferenceClocks && !std::filesystem::is_regular_file(name)) {
      name = std::string(kBuiltIn) + std::string(kReferenceClocks);
    }
    if (const auto open = std::find(stack_.begin(), stack_.end(), name); open != stack_.end()) {
      std::string chain;
      for (auto it = open; it != stack_.end(); ++it) chain += *it + " -> ";
      diagnostics_.error(
          "policy.include_cycle", include.location,
          fmt::format("including '{}' here makes a cycle: {}{}", include.value, chain, name),
          "a library cannot include, directly or through others, a file that "
          "includes it; remove one of the includes");
      return {};
    }
    if (!done_.insert(name).second) return {};
    const auto text = read_included(name);
    if (!text) {
      diagnostics_.error(
          "policy.include_missing", include.location,
          fmt::format("cannot read included file '{}' (looked for '{}')", include.value, name),
          "includes are resolved relative to the including file; check the path "
          "and the file's permissions");
      return {};
    }
    spec_.included.push_back({name, *text});
    auto loaded = io::load_clock_library(spec_.included.back().text, name);
    diagnostics_.append(loaded.diagnostics);
    if (!loaded.library) return {};
    stack_.push_back(name);
    auto clocks = std::move(loaded.library->clocks);
    auto nested = include_all(loaded.library->include, std::filesystem::path(name).parent_path());
    stack_.pop_back();
    clocks.insert(clocks.end(), std::make_move_iterator(nested.begin()),
                  std::make_move_iterator(nested.end()));
    return clocks;
  }

  policy::PolicySpec& spec_;
  std::filesystem::path dir_;
  Diagnostics& diagnostics_;
  std::vector<std::string> stack_;  ///< the files being read, the policy first
  std::set<std::string> done_;      ///< the files already included
};

/// Puts the standard taxonomy before the policy's own additions when the base asks for it.
bool add_base_taxonomy(policy::PolicySpec& spec, Diagnostics& diagnostics) {
  const auto& base = spec.taxonomy.base;
  if (base.value == "none") return true;
  if (!base.value.empty() && base.value != "standard") {
    diagnostics.error("policy.bad_value", base.location,
                      fmt::format("'{}' is not a taxonomy base", base.value),
                      "use standard or none");
    return false;
  }
  auto categories = io::load_taxonomy(embedded::standard_taxonomy(), kTaxonomyFile, diagnostics);
  if (!categories) return false;
  categories->insert(categories->end(), spec.taxonomy.add.begin(), spec.taxonomy.add.end());
  spec.taxonomy.add = std::move(*categories);
  return true;
}

}  // namespace

LoadedPolicy load_policy_and_spec(std::string_view text, std::string_view file,
                                  const std::optional<std::filesystem::path>& include_dir) {
  auto loaded = io::load_policy_spec(text, file);
  if (loaded.spec) {
    auto dir = include_dir ? *include_dir : std::filesystem::path(file).parent_path();
    Includer(*loaded.spec, std::move(dir), loaded.diagnostics).run();
  }
  if (!loaded.spec || loaded.diagnostics.has_errors() ||
      !add_base_taxonomy(*loaded.spec, loaded.diagnostics)) {
    CompileResult failed;
    failed.diagnostics = std::move(loaded.diagnostics);
    failed.diagnostics.sort();
    failed.file = std::string(file);
    failed.source = std::string(text);
    if (loaded.spec) failed.included = std::move(loaded.spec->included);
    return {std::move(failed), nullptr};
  }
  auto result = compile_policy(*loaded.spec);
  // Warnings from loading (if any) come before the compiler's.
  Diagnostics all = std::move(loaded.diagnostics);
  all.append(result.diagnostics);
  all.sort();
  result.diagnostics = std::move(all);
  return {std::move(result), std::make_shared<const policy::PolicySpec>(std::move(*loaded.spec))};
}

CompileResult load_policy(std::string_view text, std::string_view file,
                          const std::optional<std::filesystem::path>& include_dir) {
  return load_policy_and_spec(text, file, include_dir).compiled;
}

CompileResult load_policy_file(const std::filesystem::path& path) {
  std::string text;
  std::string error;
  if (!io::read_file(path, text, error)) {
    CompileResult failed;
    failed.diagnostics.error("policy.io", {path.string(), -1, -1},
                             fmt::format("cannot read policy file '{}': {}", path.string(), error),
                             "check the path and the file's permissions");
    return failed;
  }
  return load_policy(text, path.string());
}

LoadedPolicy load_default_policy_and_spec() {
  return load_policy_and_spec(embedded::default_policy(), "<built-in>/default.yaml");
}

CompileResult load_default_policy() { return load_default_policy_and_spec().compiled; }

}  // namespace redress
