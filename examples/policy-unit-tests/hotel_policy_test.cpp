// Unit tests of a policy, written the way a host team tests its own code: build an incident,
// decide, assert with redress's Catch2 matchers. Here: the shipped hotel policy.
#define CATCH_CONFIG_MAIN
#include <redress/redress.hpp>
#include <redress/testing.hpp>

namespace {

using namespace redress::testing;

std::shared_ptr<const redress::CompiledPolicy> hotel() {
  static const auto policy = redress::load_policy_file(HOTEL_POLICY).policy;
  REQUIRE(policy);
  return policy;
}

redress::Money cny(std::int64_t minor) {
  redress::Currency currency;
  redress::Currency::parse("CNY", currency);
  return {minor, currency};
}

redress::Incident guest_incident(std::string category) {
  redress::Incident incident;
  incident.id = "HOTEL-1";
  std::string error;
  redress::Timestamp::parse("2026-11-25T22:40:00+08:00", incident.reported_at, error);
  incident.category = std::move(category);
  incident.facts["room_rate"] = cny(120000);
  incident.facts["nights"] = std::int64_t{2};
  return incident;
}

}  // namespace

TEST_CASE("an overbooked guest is walked with care and a complimentary night") {
  auto incident = guest_incident("core.unavailable.overbooked");
  incident.magnitude = redress::Magnitude::major;
  incident.emotion = redress::Emotion::angry;
  incident.deficits = {redress::Justice::outcome};
  const auto decision = redress::decide(*hotel(), incident, {true, ""});
  CHECK_THAT(decision, HasPriority(1));
  CHECK_THAT(decision, Covers(redress::Justice::outcome));
  CHECK_THAT(decision, Recommends("apology"));
  CHECK_THAT(decision, EscalatesTo("duty_manager"));
}

TEST_CASE("a guest's own misconduct gets no money") {
  auto incident = guest_incident("customer.misconduct");
  incident.locus = redress::Locus::customer;
  const auto decision = redress::decide(*hotel(), incident, {true, ""});
  CHECK_THAT(decision, !Recommends("dining_credit"));
  CHECK_THAT(decision, OwnedBy("duty_manager"));  // a manager handles misconduct
  CHECK(decision.compensation_total == cny(0));
}
