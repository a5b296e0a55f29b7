#include "redress/batch/group_consistency.hpp"

#include <algorithm>
#include <cstring>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "redress/engine/fact_values.hpp"
#include "redress/model/incident_fields.hpp"

namespace redress::batch {
namespace group_detail {

/// What the members of a group must share: remedies offered, their amounts, priority, owner.
/// The views point into the policy, which outlives the collection.
struct Outcome {
  std::vector<std::pair<std::string_view, std::optional<Money>>> remedies;
  std::int64_t priority = 0;
  std::string_view owner;
};

struct Member {
  std::uint64_t line = 0;
  std::string incident;
  Outcome outcome;
  std::vector<std::int64_t> customer;  ///< the customer facts the rules read, by State::customer
};

struct Bucket {
  std::string group;
  std::vector<Member> members;
};

}  // namespace group_detail

// The members' types are named by GroupConsistency::State, so they cannot be in the anonymous
// namespace below.
using namespace group_detail;

namespace {

using Json = nlohmann::ordered_json;

Outcome outcome_of(const Decision& decision) {
  Outcome out;
  out.remedies.reserve(decision.remedies.size());
  for (const auto& offer : decision.remedies) out.remedies.emplace_back(offer.id, offer.amount);
  out.priority = decision.priority;
  out.owner = decision.owner;
  return out;
}

std::string dump(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Json amount_json(const std::optional<Money>& amount) {
  return amount ? Json(amount->to_string()) : Json(nullptr);
}

Json ids_json(const Outcome& outcome) {
  Json ids = Json::array();
  for (const auto& [id, amount] : outcome.remedies) ids.push_back(std::string(id));
  return ids;
}

/// The first part of the two outcomes that differs, or nullopt when they are alike.
std::optional<GroupDifference> first_difference(const Outcome& reference, const Outcome& member) {
  const auto same_ids = std::equal(reference.remedies.begin(), reference.remedies.end(),
                                   member.remedies.begin(), member.remedies.end(),
                                   [](const auto& a, const auto& b) { return a.first == b.first; });
  if (!same_ids) {
    return GroupDifference{"remedies", dump(ids_json(reference)), dump(ids_json(member))};
  }
  for (std::size_t i = 0; i < reference.remedies.size(); ++i) {
    const auto& [id, amount] = reference.remedies[i];
    if (amount != member.remedies[i].second) {
      return GroupDifference{"remedies." + std::string(id) + ".amount", dump(amount_json(amount)),
                             dump(amount_json(member.remedies[i].second))};
    }
  }
  if (reference.priority != member.priority) {
    return GroupDifference{"priority", std::to_string(reference.priority),
                           std::to_string(member.priority)};
  }
  if (reference.owner != member.owner) {
    return GroupDifference{"owner", dump(Json(std::string(reference.owner))),
                           dump(Json(std::string(member.owner)))};
  }
  return std::nullopt;
}

void append_bytes(std::string& key, std::int64_t value) {
  char bytes[sizeof value];
  std::memcpy(bytes, &value, sizeof value);
  key.append(bytes, sizeof bytes);
}

}  // namespace

struct GroupConsistency::State {
  explicit State(const CompiledPolicy& p) : policy(p) {}

  const CompiledPolicy& policy;
  std::vector<std::uint32_t> shared;    ///< slots of the shared facts the rules read
  std::vector<std::uint32_t> customer;  ///< slots of the customer facts the rules read
  mutable std::mutex mutex;
  std::unordered_map<std::string, Bucket> buckets;  ///< by group id and shared facts
  std::uint64_t members = 0;
};

GroupConsistency::GroupConsistency(const CompiledPolicy& policy)
    : state_(std::make_unique<State>(policy)) {
  std::set<std::uint32_t> read;
  for (const auto& rule : policy.rules) {
    if (rule.when) read.insert(rule.when->reads.begin(), rule.when->reads.end());
    for (const auto& action : rule.actions) {
      if (action.value) read.insert(action.value->reads.begin(), action.value->reads.end());
    }
  }
  for (const auto slot : read) {
    if (slot >= policy.facts.size() || policy.facts[slot].source == FactSource::derived) continue;
    (is_customer_fact(slot) ? state_->customer : state_->shared).push_back(slot);
  }
}

GroupConsistency::~GroupConsistency() = default;

void GroupConsistency::add(const Incident& incident, const Decision& decision, std::uint64_t line) {
  if (incident.group.empty()) return;
  const auto slots = fact_values(state_->policy, incident);
  std::string key = incident.group;
  key += '\0';
  for (const auto slot : state_->shared) append_bytes(key, slots[slot]);
  if (decision.in_force) append_bytes(key, decision.in_force->date);
  Member member{line, incident.id, outcome_of(decision), {}};
  member.customer.reserve(state_->customer.size());
  for (const auto slot : state_->customer) member.customer.push_back(slots[slot]);

  const std::lock_guard lock(state_->mutex);
  auto& bucket = state_->buckets[std::move(key)];
  if (bucket.group.empty()) bucket.group = incident.group;
  bucket.members.push_back(std::move(member));
  ++state_->members;
}

std::vector<GroupInconsistency> GroupConsistency::inconsistencies() const {
  const std::lock_guard lock(state_->mutex);
  std::vector<GroupInconsistency> out;
  for (const auto& [key, bucket] : state_->buckets) {
    // Lines are unique: the member on the first line is the reference, whatever the order
    // the threads added them in.
    const auto& reference =
        *std::min_element(bucket.members.begin(), bucket.members.end(),
                          [](const Member& a, const Member& b) { return a.line < b.line; });
    for (const auto& member : bucket.members) {
      auto difference = first_difference(reference.outcome, member.outcome);
      if (!difference) continue;
      GroupInconsistency found{
          bucket.group,   member.incident,        member.line, reference.incident,
          reference.line, std::move(*difference), {}};
      for (std::size_t i = 0; i < state_->customer.size(); ++i) {
        if (member.customer[i] != reference.customer[i]) {
          found.customer.push_back(state_->policy.facts[state_->customer[i]].name);
        }
      }
      out.push_back(std::move(found));
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.group, a.line) < std::tie(b.group, b.line);
  });
  return out;
}

std::uint64_t GroupConsistency::groups() const {
  const std::lock_guard lock(state_->mutex);
  std::set<std::string_view> ids;
  for (const auto& [key, bucket] : state_->buckets) ids.insert(bucket.group);
  return ids.size();
}

std::uint64_t GroupConsistency::members() const {
  const std::lock_guard lock(state_->mutex);
  return state_->members;
}

void append_group_report(std::string& out, const std::vector<GroupInconsistency>& found) {
  for (const auto& f : found) {
    Json line{{"group", f.group},
              {"incident", f.incident},
              {"line", f.line},
              {"reference", {{"incident", f.reference_incident}, {"line", f.reference_line}}},
              {"difference",
               {{"field", f.difference.field},
                {"reference", Json::parse(f.difference.reference)},
                {"member", Json::parse(f.difference.member)}}},
              {"customer_facts", f.customer}};
    out += dump(line);
    out += '\n';
  }
}

}  // namespace redress::batch
