#include "redress/io/load_policy.hpp"

#include <fmt/format.h>

#include "io/embedded.hpp"
#include "redress/io/policy_loader.hpp"
#include "redress/io/read_file.hpp"

namespace redress {
namespace {

constexpr std::string_view kTaxonomyFile = "<built-in>/taxonomy.yaml";

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

CompileResult load_policy(std::string_view text, std::string_view file) {
  auto loaded = io::load_policy_spec(text, file);
  if (!loaded.spec || !add_base_taxonomy(*loaded.spec, loaded.diagnostics)) {
    CompileResult failed;
    failed.diagnostics = std::move(loaded.diagnostics);
    failed.diagnostics.sort();
    failed.source = std::string(text);
    return failed;
  }
  auto result = compile_policy(*loaded.spec);
  // Warnings from loading (if any) come before the compiler's.
  Diagnostics all = std::move(loaded.diagnostics);
  all.append(result.diagnostics);
  all.sort();
  result.diagnostics = std::move(all);
  return result;
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

CompileResult load_default_policy() {
  return load_policy(embedded::default_policy(), "<built-in>/default.yaml");
}

}  // namespace redress
