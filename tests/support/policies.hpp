// Helpers shared by the tests that load a policy from text and look at what came of it: its
// spec, its linter findings, a decision's warnings.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "redress/compile/compiled_policy.hpp"
#include "redress/diag/diagnostic.hpp"
#include "redress/model/decision.hpp"
#include "redress/policy/spec.hpp"

namespace redress::test {

/// Policy `text` named `file`, compiled; fails the running test, with the compiler's
/// diagnostics rendered, if it does not compile.
std::shared_ptr<const CompiledPolicy> compiled_policy(const std::string& text,
                                                      const std::string& file);
/// The spec of policy `text` named `file`; fails the running test if it does not load.
policy::PolicySpec policy_spec(const std::string& text, const std::string& file);
/// The linter's findings of code `code` for policy `text` named `file`; fails the running test,
/// with the compiler's diagnostics, if the policy does not compile.
std::vector<Diagnostic> lint_findings(const std::string& text, const std::string& file,
                                      const std::string& code);
/// The codes of a decision's warnings, in order.
std::vector<std::string> warning_codes(const Decision& decision);

}  // namespace redress::test
