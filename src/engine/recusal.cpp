// Recusal: when the policy or a rule requires it, the case's owner is a role not involved in
// the matter (Incident::involved), and the escalation path leaves the involved roles out.
#include <fmt/format.h>

#include <algorithm>

#include "engine/evaluation.hpp"

namespace redress::detail {
namespace {

constexpr std::string_view kInvolved = "involved in the matter";

bool involved(const Incident& incident, std::string_view role) {
  return std::find(incident.involved.begin(), incident.involved.end(), role) !=
         incident.involved.end();
}

/// Who required recusal, and which involved ids are not roles (staff ids).
void describe_requirement(const Evaluation& eval, Recusal& recusal) {
  const auto& p = eval.policy;
  if (p.recusal_required) recusal.required_by.emplace_back("policy");
  for (const auto rule : eval.s.recusal_rules) recusal.required_by.emplace_back(p.rules[rule].id);
  for (const auto& id : eval.incident.involved) {
    if (std::find(recusal.involved.begin(), recusal.involved.end(), id) != recusal.involved.end())
      continue;
    recusal.involved.push_back(id);
    const bool is_role = std::any_of(p.roles.begin(), p.roles.end(),
                                     [&](const RoleInfo& role) { return role.id == id; });
    if (!is_role) recusal.staff.push_back(id);
  }
}

std::string authority_text(const CompiledPolicy& p, const RoleInfo& role) {
  return role.authority ? Money(*role.authority, p.currency).to_string() : "unlimited";
}

}  // namespace

void add_uninvolved_owner(Evaluation& eval, Decision& d) {
  const auto& p = eval.policy;
  const auto& chain = p.escalation_chain;
  const bool trace = eval.options.trace;
  const auto goodwill = d.goodwill_total.minor();
  auto& recusal = d.recusal.emplace();
  describe_requirement(eval, recusal);
  d.escalation_path.clear();
  std::optional<std::size_t> owner;
  std::optional<std::size_t> top_uninvolved;  // at or above the escalation floor
  for (std::size_t i = 0; i < chain.size() && !owner; ++i) {
    const auto& role = p.roles[chain[i]];
    if (involved(eval.incident, role.id)) {
      recusal.skipped.push_back({role.id, kInvolved});
      if (trace) d.owner_trace.push_back(fmt::format("skip {}: {}", role.id, kInvolved));
      continue;
    }
    d.escalation_path.push_back(role.id);
    if (i < eval.s.escalation_floor) {
      if (trace) {
        d.owner_trace.push_back(fmt::format("pass {}: below the escalation floor '{}'", role.id,
                                            p.roles[chain[eval.s.escalation_floor]].id));
      }
      continue;
    }
    top_uninvolved = i;
    if (!role.authority || *role.authority >= goodwill) {
      owner = i;
      if (trace) {
        d.owner_trace.push_back(
            fmt::format("owner {}: not involved, authority {} covers the "
                        "goodwill total {}",
                        role.id, authority_text(p, role), d.goodwill_total.to_string()));
      }
    } else if (trace) {
      d.owner_trace.push_back(fmt::format("pass {}: authority {} is below the goodwill total {}",
                                          role.id, authority_text(p, role),
                                          d.goodwill_total.to_string()));
    }
  }
  std::string message;
  if (!owner && top_uninvolved) {
    owner = top_uninvolved;
    message = fmt::format(
        "no uninvolved role has the authority for the goodwill total {}; '{}', the highest role "
        "not involved, owns the case and needs approval for the rest",
        d.goodwill_total.to_string(), p.roles[chain[*owner]].id);
  } else if (!owner) {
    // Every role that could own the case is involved: the top role owns it, and the host must
    // find someone outside the matter.
    owner = chain.size() - 1;
    d.escalation_path.push_back(p.roles[chain[*owner]].id);
    message = fmt::format(
        "every role from '{}' up is involved in the matter; '{}' owns the case, and the host "
        "must assign it to someone outside the matter",
        p.roles[chain[std::min(eval.s.escalation_floor, chain.size() - 1)]].id,
        p.roles[chain[*owner]].id);
  }
  const auto& role = p.roles[chain[*owner]];
  d.owner = role.id;
  d.owner_authority.reset();
  if (role.authority) d.owner_authority = Money(*role.authority, p.currency);
  if (!message.empty()) {
    if (trace) d.owner_trace.push_back(fmt::format("owner {}: {}", role.id, message));
    add_warning(eval, d, DecisionWarning::recusal_no_owner, message);
  }
}

}  // namespace redress::detail
