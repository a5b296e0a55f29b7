// Catch2 (v2) matchers for host developers' own tests of their policies:
//
//   auto d = redress::decide(*policy, incident, {true, ""});   // trace on: failures show why
//   CHECK_THAT(d, redress::testing::Recommends("voucher", cny(5000)));
//   CHECK_THAT(d, redress::testing::EscalatesTo("team_lead"));
//   CHECK_THAT(d, redress::testing::Covers(redress::Justice::outcome));
//
// A failing check prints the decision (priority, owner, remedies with amounts, coverage) and
// the rules that fired, in order. Header-only: include it in test code, which links Catch2.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <sstream>
#include <string>

#include "redress/model/decision.hpp"

namespace Catch {
/// How a Decision appears in a failed assertion.
template <>
struct StringMaker<redress::Decision> {
  static std::string convert(const redress::Decision& d) {
    std::ostringstream out;
    out << "decision for " << d.incident_id << " (policy " << d.policy.id << " "
        << d.policy.version << "): priority " << d.priority << ", owner " << d.owner
        << ", path";
    for (const auto& role : d.escalation_path) out << " " << role;
    out << "\n  remedies:";
    for (const auto& r : d.remedies) {
      out << " " << r.id;
      if (r.amount) out << "=" << r.amount->to_string();
    }
    out << "\n  coverage:";
    for (const auto& c : d.coverage) {
      out << " " << redress::to_string(c.dimension) << (c.covered ? "=covered" : "=NOT covered");
    }
    out << "\n  rules fired:";
    bool any = false;
    for (const auto& t : d.trace) {
      if (t.outcome != redress::TraceEntry::Outcome::fired) continue;
      out << " " << t.rule;
      any = true;
    }
    if (!any) out << (d.trace.empty() ? " (decide with trace on to see them)" : " none");
    out << "\n";  // Catch appends the matcher's description after this
    return out.str();
  }
};
}  // namespace Catch

namespace redress::testing {

/// The decision offers remedy `id`, with exactly `amount` when one is given.
class Recommends : public Catch::MatcherBase<Decision> {
 public:
  explicit Recommends(std::string id, std::optional<Money> amount = std::nullopt)
      : id_(std::move(id)), amount_(amount) {}
  bool match(const Decision& d) const override {
    const auto offer = std::find_if(d.remedies.begin(), d.remedies.end(),
                                    [&](const RemedyOffer& r) { return r.id == id_; });
    if (offer == d.remedies.end()) return false;
    return !amount_ || (offer->amount && *offer->amount == *amount_);
  }
  std::string describe() const override {
    return "recommends " + id_ + (amount_ ? " with " + amount_->to_string() : std::string{});
  }

 private:
  std::string id_;
  std::optional<Money> amount_;
};

/// The escalation path reaches `role` (the owner is that role or above it).
class EscalatesTo : public Catch::MatcherBase<Decision> {
 public:
  explicit EscalatesTo(std::string role) : role_(std::move(role)) {}
  bool match(const Decision& d) const override {
    return std::find(d.escalation_path.begin(), d.escalation_path.end(), role_) !=
           d.escalation_path.end();
  }
  std::string describe() const override { return "escalates to " + role_; }

 private:
  std::string role_;
};

/// The owner is exactly `role`.
class OwnedBy : public Catch::MatcherBase<Decision> {
 public:
  explicit OwnedBy(std::string role) : role_(std::move(role)) {}
  bool match(const Decision& d) const override { return d.owner == role_; }
  std::string describe() const override { return "is owned by " + role_; }

 private:
  std::string role_;
};

/// A remedy in the decision addresses justice dimension `dimension`.
class Covers : public Catch::MatcherBase<Decision> {
 public:
  explicit Covers(Justice dimension) : dimension_(dimension) {}
  bool match(const Decision& d) const override {
    return std::any_of(d.remedies.begin(), d.remedies.end(), [&](const RemedyOffer& r) {
      return std::find(r.covers.begin(), r.covers.end(), dimension_) != r.covers.end();
    });
  }
  std::string describe() const override {
    return "covers " + std::string(to_string(dimension_)) + " justice";
  }

 private:
  Justice dimension_;
};

/// The decision's priority is `priority` (1 is the most urgent).
class HasPriority : public Catch::MatcherBase<Decision> {
 public:
  explicit HasPriority(std::int64_t priority) : priority_(priority) {}
  bool match(const Decision& d) const override { return d.priority == priority_; }
  std::string describe() const override { return "has priority " + std::to_string(priority_); }

 private:
  std::int64_t priority_;
};

}  // namespace redress::testing
