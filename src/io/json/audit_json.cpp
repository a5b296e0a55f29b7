// Audit records. Only identifiers, amounts and roles are written: never a fact value, which is
// what keeps sensitive facts (names, account numbers) out of audit logs that live for years.
#include <nlohmann/json.hpp>

#include "model/digest.hpp"
#include "redress/io/audit.hpp"

namespace redress::io {
namespace {

using Json = nlohmann::ordered_json;

Json money_json(const Money& money) {
  return Json{{"minor", money.minor()}, {"currency", std::string(money.currency().code())}};
}

Json outcome_json(const Decision& d) {
  Json remedies = Json::array();
  for (const auto& r : d.remedies) {
    remedies.push_back(Json{{"id", r.id}, {"amount", r.amount ? money_json(*r.amount) : Json()}});
  }
  return Json{{"priority", d.priority},
              {"remedies", std::move(remedies)},
              {"compensation_total", money_json(d.compensation_total)},
              {"owner", d.owner},
              {"escalation_path", d.escalation_path}};
}

}  // namespace

std::string input_digest(std::string_view incident_text) {
  return redress::detail::content_hash(incident_text);
}

std::string decision_id(const PolicyIdentity& policy, std::string_view input_digest) {
  std::string material = policy.hash;
  material += '\n';
  material += input_digest;
  const auto hash = redress::detail::content_hash(material);
  constexpr std::string_view kPrefix = "sha256:";
  return "dec-" + hash.substr(kPrefix.size(), 32);
}

std::string audit_record(const Decision& decision, std::string_view incident_text,
                         Timestamp decided_at) {
  const auto digest = input_digest(incident_text);
  const auto& p = decision.policy;
  Json record{{"decision_id", decision_id(p, digest)},
              {"decided_at", decided_at.to_string()},
              {"incident", decision.incident_id},
              {"policy", Json{{"id", p.id}, {"version", p.version}, {"hash", p.hash}}},
              {"input_digest", digest},
              {"rules_fired", decision.rules_fired},
              {"outcome", outcome_json(decision)}};
  // Replace rather than throw on invalid UTF-8 (an incident id from a careless host): an audit
  // record must always be writable.
  return record.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace redress::io
