// Catch2 (v2) matchers for host developers' own tests of their policies:
//
//   auto d = redress::decide(*policy, incident);
//   CHECK_THAT(d, redress::testing::Recommends("voucher", redress::Money(5000, currency)));
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
  /// Priority, owner, escalation path, remedies, coverage and the fired rules (from the trace).
  static std::string convert(const redress::Decision& d) {
    std::ostringstream out;
    out << "decision for " << d.incident_id << " (policy " << d.policy.id << " " << d.policy.version
        << "): priority " << d.priority << ", owner " << d.owner << ", path";
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
    for (const auto& rule : d.rules_fired) out << " " << rule;
    if (d.rules_fired.empty()) out << " none";
    out << "\n";  // Catch appends the matcher's description after this
    return out.str();
  }
};
}  // namespace Catch

namespace redress::testing {

/// The decision offers remedy `id`, with exactly `amount` when one is given.
class Recommends : public Catch::MatcherBase<Decision> {
 public:
  /// Matches an offer of remedy `id`; with `amount`, only at exactly that amount and currency.
  explicit Recommends(std::string id, std::optional<Money> amount = std::nullopt)
      : id_(std::move(id)), amount_(amount) {}
  /// True when `d` offers the remedy (at the amount, if one was given).
  bool match(const Decision& d) const override {
    const auto offer = std::find_if(d.remedies.begin(), d.remedies.end(),
                                    [&](const RemedyOffer& r) { return r.id == id_; });
    if (offer == d.remedies.end()) return false;
    return !amount_ || (offer->amount && *offer->amount == *amount_);
  }
  /// "recommends <id>" or "recommends <id> with <amount>".
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
  /// Matches a decision whose escalation path contains role id `role`.
  explicit EscalatesTo(std::string role) : role_(std::move(role)) {}
  /// True when `role` is in Decision::escalation_path.
  bool match(const Decision& d) const override {
    return std::find(d.escalation_path.begin(), d.escalation_path.end(), role_) !=
           d.escalation_path.end();
  }
  /// "escalates to <role>".
  std::string describe() const override { return "escalates to " + role_; }

 private:
  std::string role_;
};

/// The owner is exactly `role`.
class OwnedBy : public Catch::MatcherBase<Decision> {
 public:
  /// Matches a decision owned by role id `role`.
  explicit OwnedBy(std::string role) : role_(std::move(role)) {}
  /// True when Decision::owner is `role`.
  bool match(const Decision& d) const override { return d.owner == role_; }
  /// "is owned by <role>".
  std::string describe() const override { return "is owned by " + role_; }

 private:
  std::string role_;
};

/// A remedy in the decision addresses justice dimension `dimension`.
class Covers : public Catch::MatcherBase<Decision> {
 public:
  /// Matches a decision with a remedy that covers `dimension`.
  explicit Covers(Justice dimension) : dimension_(dimension) {}
  /// True when any offered remedy lists `dimension` in RemedyOffer::covers.
  bool match(const Decision& d) const override {
    return std::any_of(d.remedies.begin(), d.remedies.end(), [&](const RemedyOffer& r) {
      return std::find(r.covers.begin(), r.covers.end(), dimension_) != r.covers.end();
    });
  }
  /// "covers <dimension> justice".
  std::string describe() const override {
    return "covers " + std::string(to_string(dimension_)) + " justice";
  }

 private:
  Justice dimension_;
};

/// The decision's priority is `priority` (1 is the most urgent).
class HasPriority : public Catch::MatcherBase<Decision> {
 public:
  /// Matches a decision of priority `priority`.
  explicit HasPriority(std::int64_t priority) : priority_(priority) {}
  /// True when Decision::priority equals `priority`.
  bool match(const Decision& d) const override { return d.priority == priority_; }
  /// "has priority <n>".
  std::string describe() const override { return "has priority " + std::to_string(priority_); }

 private:
  std::int64_t priority_;
};

}  // namespace redress::testing
