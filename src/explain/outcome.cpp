#include "redress/explain/outcome.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace redress::explain {
namespace {

bool no_id(const CompiledPolicy& /*policy*/, std::string_view id) { return id.empty(); }
std::string no_ids(const CompiledPolicy& /*policy*/) { return {}; }

bool is_remedy(const CompiledPolicy& policy, std::string_view id) {
  return std::any_of(policy.remedies.begin(), policy.remedies.end(),
                     [&](const RemedyInfo& r) { return r.id == id; });
}
std::string remedy_ids(const CompiledPolicy& policy) {
  std::string out;
  for (const auto& r : policy.remedies) out += (out.empty() ? "" : ", ") + r.id;
  return out;
}

bool is_flag(const CompiledPolicy& policy, std::string_view id) {
  return std::any_of(policy.facts.begin(), policy.facts.end(), [&](const FactInfo& f) {
    return f.name == id && f.source == FactSource::derived &&
           f.type.kind == expr::TypeKind::boolean;
  });
}
std::string flag_ids(const CompiledPolicy& policy) {
  std::string out;
  for (const auto& f : policy.facts) {
    if (f.source == FactSource::derived && f.type.kind == expr::TypeKind::boolean) {
      out += (out.empty() ? "" : ", ") + f.name;
    }
  }
  return out;
}

bool is_clock(const CompiledPolicy& policy, std::string_view id) {
  return std::any_of(policy.clocks.begin(), policy.clocks.end(),
                     [&](const ClockInfo& c) { return c.id == id; });
}
std::string clock_ids(const CompiledPolicy& policy) {
  std::string out;
  for (const auto& c : policy.clocks) out += (out.empty() ? "" : ", ") + c.id;
  return out;
}

bool is_commitment(const CompiledPolicy& policy, std::string_view id) {
  return std::any_of(policy.commitments.begin(), policy.commitments.end(),
                     [&](const CommitmentInfo& c) { return c.id == id; });
}
std::string commitment_ids(const CompiledPolicy& policy) {
  std::string out;
  for (const auto& c : policy.commitments) out += (out.empty() ? "" : ", ") + c.id;
  return out;
}

std::string owner_of(const Decision& d, std::string_view /*id*/) { return std::string(d.owner); }
std::string priority_of(const Decision& d, std::string_view /*id*/) {
  return std::to_string(d.priority);
}
std::string remedy_of(const Decision& d, std::string_view id) {
  const bool offered = std::any_of(d.remedies.begin(), d.remedies.end(),
                                   [&](const RemedyOffer& r) { return r.id == id; });
  return offered ? "offered" : "not offered";
}
std::string clock_of(const Decision& d, std::string_view id) {
  const bool attached = std::any_of(d.clocks.begin(), d.clocks.end(),
                                    [&](const StatutoryClock& c) { return c.id == id; });
  return attached ? "attached" : "not attached";
}
std::string commitment_of(const Decision& d, std::string_view id) {
  const bool made = std::any_of(d.commitments.begin(), d.commitments.end(),
                                [&](const Commitment& c) { return c.id == id; });
  return made ? "made" : "not made";
}
std::string flag_of(const Decision& d, std::string_view id) {
  for (const auto& v : d.classification.derived) {
    if (v.name == id) return to_string(v.value);
  }
  return "false";
}

// The kinds of outcome. A new kind (a statutory clock, a department) is one row.
constexpr std::array kKinds = {
    OutcomeKind{"owner", "", no_id, no_ids, owner_of},
    OutcomeKind{"priority", "", no_id, no_ids, priority_of},
    OutcomeKind{"remedy", "remedy", is_remedy, remedy_ids, remedy_of},
    OutcomeKind{"flag", "derived bool fact", is_flag, flag_ids, flag_of},
    OutcomeKind{"clock", "clock", is_clock, clock_ids, clock_of},
    OutcomeKind{"commitment", "commitment", is_commitment, commitment_ids, commitment_of},
};

}  // namespace

std::string Outcome::value(const Decision& decision) const { return kind->value(decision, id); }

std::string Outcome::subject() const { return id.empty() ? std::string(kind->name) : id; }

std::string Outcome::text() const {
  return id.empty() ? std::string(kind->name) : fmt::format("{}:{}", kind->name, id);
}

std::string outcome_kinds() {
  std::string out;
  for (const auto& kind : kKinds) {
    if (!out.empty()) out += '|';
    out += kind.name;
    if (!kind.id_names.empty()) out += ":ID";
  }
  return out;
}

std::optional<Outcome> parse_outcome(const CompiledPolicy& policy, std::string_view text,
                                     Diagnostics& diagnostics) {
  const auto colon = text.find(':');
  const auto name = text.substr(0, colon);
  const auto id = colon == std::string_view::npos ? std::string_view{} : text.substr(colon + 1);
  for (const auto& kind : kKinds) {
    if (kind.name != name) continue;
    if (kind.id_names.empty() && colon != std::string_view::npos) {
      diagnostics.error("explain.unknown_outcome", {},
                        fmt::format("outcome '{}' takes no id, found '{}'", name, text),
                        fmt::format("write --outcome {}", name));
      return std::nullopt;
    }
    if (!kind.id_names.empty() && !kind.valid_id(policy, id)) {
      diagnostics.error("explain.unknown_outcome", {},
                        id.empty() ? fmt::format("outcome '{}' needs a {} id, as {}:ID", name,
                                                 kind.id_names, name)
                                   : fmt::format("'{}' is not a {} of policy '{}'", id,
                                                 kind.id_names, policy.identity.id),
                        fmt::format("one of: {}", kind.ids(policy)));
      return std::nullopt;
    }
    return Outcome{&kind, std::string(id)};
  }
  diagnostics.error("explain.unknown_outcome", {}, fmt::format("unknown outcome '{}'", text),
                    fmt::format("write one of {}", outcome_kinds()));
  return std::nullopt;
}

}  // namespace redress::explain
