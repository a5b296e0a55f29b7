// Every diagnostic code redress reports: the one table of them. Codes are stable across
// releases; the reference tables of rules/README.md are checked against this one by a test, and
// so is every code the sources report. (A decision's own warnings, such as coverage.uncovered,
// are part of the decision, not diagnostics: redress/model/decision_warnings.hpp.)
#pragma once

#include <algorithm>
#include <string_view>

#include "redress/diag/diagnostic.hpp"

namespace redress {

/// A diagnostic code, the severity it is reported with and what it means.
struct DiagnosticCode {
  std::string_view code;     ///< "<area>.<name>", e.g. "expr.syntax"
  Severity severity;         ///< the severity every report of this code has
  std::string_view meaning;  ///< what is wrong, for people
};

/// Every code, sorted by code.
inline constexpr DiagnosticCode kDiagnosticCodes[] = {
    {"decide.deadline_out_of_range", Severity::error,
     "a due time falls outside the years 0001 to 9999 in the calendar's offset"},
    {"decide.internal", Severity::error,
     "deciding one incident failed unexpectedly; the other lines of a batch go on"},
    {"decide.missing_decision_time", Severity::error,
     "a policy deciding under what is in force when decided got no decision time"},
    {"decide.overflow", Severity::error,
     "an amount or total overflowed 64 bits while deciding (never wraps)"},
    {"decide.unknown_locale", Severity::error,
     "the host asked for texts in a locale the policy does not have"},
    {"explain.unknown_outcome", Severity::error,
     "an outcome to explain that is not a kind redress knows, or an id the policy lacks"},
    {"expr.currency", Severity::error, "an amount in a currency other than the policy's"},
    {"expr.syntax", Severity::error, "an expression that does not parse"},
    {"expr.too_deep", Severity::error, "an expression nested past the limit"},
    {"expr.type", Severity::error, "an expression that does not type-check"},
    {"expr.unknown_name", Severity::error, "a name (fact, value or category) not declared"},
    {"graph.escalation_off_path", Severity::error,
     "`escalate` names a role not on the entry role's reporting line"},
    {"graph.role_cycle", Severity::error, "a role's reporting line loops"},
    {"graph.role_no_top", Severity::error, "a role's reporting line does not reach a top role"},
    {"graph.rule_cycle", Severity::error, "rules depend on each other in a cycle"},
    {"incident.bad_money", Severity::error, "a malformed amount of money"},
    {"incident.bad_timestamp", Severity::error, "a malformed timestamp"},
    {"incident.currency_mismatch", Severity::error, "an amount not in the policy's currency"},
    {"incident.duplicate_field", Severity::error, "a field given twice"},
    {"incident.duplicate_value", Severity::error,
     "a value listed twice where each must differ (the causes, the failure types)"},
    {"incident.invalid", Severity::error, "an incident refused without a more precise code"},
    {"incident.io", Severity::error, "the incident file cannot be read"},
    {"incident.missing_field", Severity::error, "a required field is absent"},
    {"incident.out_of_range", Severity::error, "a value outside its range"},
    {"incident.syntax", Severity::error, "the incident is not valid JSON or YAML"},
    {"incident.too_deep", Severity::error, "maps and lists nested past the limit"},
    {"incident.too_large", Severity::error, "an incident over its size limit"},
    {"incident.too_many_values", Severity::error,
     "a list longer than its field allows (at most 3 causes, 2 failure types)"},
    {"incident.unknown_field", Severity::error, "a field redress does not know"},
    {"incident.unknown_value", Severity::error,
     "a value outside its vocabulary (a category the policy does not know included)"},
    {"incident.wrong_type", Severity::error, "a value of the wrong kind"},
    {"lint.authority_gap", Severity::error,
     "the largest goodwill total the rules can produce is above the top role's authority"},
    {"lint.fallback_never_applies", Severity::warning,
     "a fallback whose remedy is available whenever its rule fires"},
    {"lint.group_reads_customer", Severity::warning,
     "a rule for incident groups that reads a customer fact, so members may differ"},
    {"lint.never_fires", Severity::warning, "a rule whose condition no incident satisfies"},
    {"lint.plan_not_before_fix", Severity::warning,
     "a rule commits to a plan that is not due before the fix it commits to"},
    {"lint.priority_without_sla", Severity::error,
     "a computed priority can land on a value with no SLA target"},
    {"lint.recusal_without_alternative", Severity::warning,
     "recusal is required but the escalation path has a single role"},
    {"lint.shadowed", Severity::warning,
     "a rule of a first group whose every match is taken by earlier rules"},
    {"lint.single_option", Severity::warning,
     "a choice that can offer fewer than two options: no choice at all"},
    {"lint.sla_after_clock", Severity::warning,
     "an SLA resolution target can end after a clock the rule attaches"},
    {"lint.uncoverable_deficit", Severity::warning,
     "a justice dimension no remedy a rule can recommend covers"},
    {"lint.unhandled_category", Severity::info, "a family or category no condition names"},
    {"lint.unreachable_role", Severity::warning, "a role not on the escalation path"},
    {"lint.unused_clock", Severity::info, "a clock of the policy's own file that no rule attaches"},
    {"lint.unused_commitment", Severity::info, "a commitment no rule commits to"},
    {"lint.unused_department", Severity::info, "a department no rule involves"},
    {"lint.unused_remedy", Severity::warning, "a remedy no rule recommends"},
    {"lint.unused_step", Severity::info, "a communication step no rule says"},
    {"policy.amount_not_allowed", Severity::error, "an amount on a non-monetary remedy"},
    {"policy.amount_required", Severity::error, "a monetary remedy without an amount"},
    {"policy.authority_decreases", Severity::warning,
     "a role has less authority than the role below it"},
    {"policy.bad_date", Severity::error, "a malformed date"},
    {"policy.bad_duration", Severity::error, "a malformed duration"},
    {"policy.bad_money", Severity::error, "a malformed amount of money"},
    {"policy.bad_time", Severity::error, "a malformed time of day"},
    {"policy.bad_value", Severity::error, "a value outside its vocabulary"},
    {"policy.commitment_recurrence", Severity::error,
     "a commitment with `every` but no `until`, or `until` but no `every`"},
    {"policy.conflicting_terms", Severity::error,
     "a remedy both contingent and with an `if:` or a fallback"},
    {"policy.duplicate_id", Severity::error, "two elements of one kind share an id"},
    {"policy.duplicate_key", Severity::error, "one map has the same key twice"},
    {"policy.empty_period", Severity::error, "`effective:` whose `until` is not after its `from`"},
    {"policy.extension_not_longer", Severity::error,
     "a clock extension not longer than the period before it"},
    {"policy.include_cycle", Severity::error,
     "an included file that includes, directly or not, a file including it"},
    {"policy.include_missing", Severity::error, "an included file that cannot be read"},
    {"policy.io", Severity::error, "the policy file cannot be read"},
    {"policy.makeup_on_working_day", Severity::error,
     "a calendar's make-up day that is already a working day"},
    {"policy.missing_key", Severity::error, "a required key is absent"},
    {"policy.missing_text", Severity::warning,
     "a remedy or step has texts but none in one of the policy's locales"},
    {"policy.negative_authority", Severity::error, "a role's authority is below zero"},
    {"policy.not_derived", Severity::error, "a rule sets a fact the host supplies"},
    {"policy.option_overlap", Severity::error,
     "a remedy listed twice in a choice, or an option of two option groups"},
    {"policy.options_mismatch", Severity::error,
     "an option group offered with other remedies than where it is first offered"},
    {"policy.unknown_assignee", Severity::error,
     "a commitment assigned to neither a role nor a department of the policy"},
    {"policy.unknown_calendar", Severity::error, "a reference to a calendar not declared"},
    {"policy.unknown_clock", Severity::error, "a reference to a clock not declared"},
    {"policy.unknown_commitment", Severity::error, "a reference to a commitment not declared"},
    {"policy.unknown_department", Severity::error, "a reference to a department not declared"},
    {"policy.unknown_fact", Severity::error, "a reference to a fact not declared"},
    {"policy.unknown_key", Severity::error, "a key redress does not know"},
    {"policy.unknown_remedy", Severity::error, "a reference to a remedy not declared"},
    {"policy.unknown_role", Severity::error, "a reference to a role not declared"},
    {"policy.unknown_rule", Severity::error, "a reference to a rule not declared"},
    {"policy.unknown_step", Severity::error, "a reference to a communication step not declared"},
    {"policy.wrong_type", Severity::error, "a value of the wrong YAML kind"},
    {"request.bad_http", Severity::error,
     "a request to `redress serve` that is not valid HTTP/1.1"},
    {"request.forbidden", Severity::error,
     "a policy sent to a server that takes none over HTTP (no admin token)"},
    {"request.media_type", Severity::error,
     "a request body of a media type the endpoint does not take"},
    {"request.method_not_allowed", Severity::error, "a method the endpoint does not answer"},
    {"request.not_found", Severity::error, "a request for a path the server has no endpoint at"},
    {"request.timeout", Severity::error, "a request that did not arrive in time"},
    {"request.too_large", Severity::error, "a request body over the server's limit"},
    {"request.unauthorized", Severity::error, "a policy sent without the admin token"},
    {"request.unavailable", Severity::error,
     "the server is answering as many requests as it may, or is shutting down"},
    {"sla.missing_priority", Severity::error,
     "a priority a rule can set (or the default) has no SLA target"},
    {"suite.bad_value", Severity::error, "a test suite value outside its vocabulary"},
    {"suite.io", Severity::error, "the test suite file cannot be read"},
    {"suite.missing_key", Severity::error, "a test suite lacks a required key"},
    {"suite.syntax", Severity::error, "the test suite is not valid YAML"},
    {"suite.unknown_key", Severity::error, "a test suite key redress does not know"},
    {"taxonomy.missing_parent", Severity::error, "a category whose parent is not declared"},
    {"yaml.syntax", Severity::error, "the file is not valid YAML"},
    {"yaml.too_deep", Severity::error, "maps and lists nest past the limit"},
};

static_assert(std::is_sorted(std::begin(kDiagnosticCodes), std::end(kDiagnosticCodes),
                             [](const DiagnosticCode& a, const DiagnosticCode& b) {
                               return a.code < b.code;
                             }),
              "kDiagnosticCodes is searched by binary search: keep it sorted by code");

/// The entry of `code`, or nullptr when redress has no such code.
constexpr const DiagnosticCode* find_diagnostic_code(std::string_view code) {
  const auto* it = std::lower_bound(
      std::begin(kDiagnosticCodes), std::end(kDiagnosticCodes), code,
      [](const DiagnosticCode& entry, std::string_view c) { return entry.code < c; });
  return it != std::end(kDiagnosticCodes) && it->code == code ? it : nullptr;
}

}  // namespace redress
