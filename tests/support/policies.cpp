#include "support/policies.hpp"

#include <catch2/catch.hpp>

#include "redress/io/load_policy.hpp"
#include "redress/io/policy_loader.hpp"
#include "redress/lint/lint.hpp"

namespace redress::test {

std::shared_ptr<const CompiledPolicy> compiled_policy(const std::string& text,
                                                      const std::string& file) {
  auto result = load_policy(text, file);
  std::string problems;
  for (const auto& d : result.diagnostics.items()) problems += render(d, text);
  INFO(problems);
  REQUIRE(result.policy != nullptr);
  return result.policy;
}

policy::PolicySpec policy_spec(const std::string& text, const std::string& file) {
  auto loaded = io::load_policy_spec(text, file);
  REQUIRE(loaded.spec);
  return std::move(*loaded.spec);
}

std::vector<Diagnostic> lint_findings(const std::string& text, const std::string& file,
                                      const std::string& code) {
  const auto compiled = compiled_policy(text, file);
  std::vector<Diagnostic> out;
  const auto linted = lint(*compiled);  // items() is a view into it
  for (const auto& d : linted.items()) {
    if (d.code == code) out.push_back(d);
  }
  return out;
}

std::vector<std::string> warning_codes(const Decision& decision) {
  std::vector<std::string> codes;
  for (const auto& w : decision.warnings) codes.emplace_back(w.code);
  return codes;
}

}  // namespace redress::test
