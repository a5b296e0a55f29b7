// The policy linter: problems a policy can have although it compiles - rules that can never
// fire or are always beaten by an earlier rule, catalogue entries nothing uses, roles no case
// reaches, goodwill the top role may not grant, priorities without an SLA target, categories
// and justice deficits that no rule handles. Findings carry stable `lint.*` codes (see "Lint
// findings" in rules/README.md).
#pragma once

#include "redress/compile/compiled_policy.hpp"
#include "redress/diag/diagnostic.hpp"

namespace redress {

/// Lints a compiled policy. Returns the findings (errors, warnings and infos), sorted by
/// location. The analysis is sound: a finding that says something cannot happen (a rule that
/// never fires, a shadowed rule) is never reported when it can happen; it may miss cases too
/// complex for it.
Diagnostics lint(const CompiledPolicy& policy);

}  // namespace redress
