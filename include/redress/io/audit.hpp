// Audit records: one compact JSON line per decision, enough to show years later which policy
// version decided a case and why, without storing the customer's data.
#pragma once

#include <string>
#include <string_view>

#include "redress/model/decision.hpp"
#include "redress/model/time.hpp"

namespace redress::io {

/// "sha256:<hex>" of the incident document exactly as received (its bytes, not a re-encoding),
/// so that a host that archives the document can prove later that it is the one decided.
std::string input_digest(std::string_view incident_text);

/// The decision id an audit record carries: "dec-" and the first 32 hex digits of the SHA-256
/// of the policy hash and the input digest. Deterministic: the same policy and the same input
/// always give the same decision, hence the same id.
std::string decision_id(const PolicyIdentity& policy, std::string_view input_digest);

/// One JSON line, without a trailing newline, with fields in this fixed order:
///   {"decision_id", "decided_at", "incident", "policy": {"id", "version", "hash"},
///    "input_digest", "rules_fired": [ids in evaluation order],
///    "outcome": {"priority", "remedies": [{"id", "amount"}], "compensation_total", "owner",
///                "escalation_path"}}
/// Money is {"minor", "currency"} (minor units, ISO 4217); "amount" is null for non-monetary
/// remedies. `incident_text` is the document the decision was made from (only its digest is
/// written); `decided_at` is when the host decided (RFC 3339 in its own offset).
/// No fact value appears in the record, so facts a policy declares `sensitive` never do.
/// Thread-safe (pure function); throws only std::bad_alloc.
std::string audit_record(const Decision& decision, std::string_view incident_text,
                         Timestamp decided_at);

}  // namespace redress::io
