// The host-facing Catch2 matchers: what they accept, and what a failure shows.
#include <redress/redress.hpp>
#include <redress/testing.hpp>

namespace {

redress::Decision sample() {
  const auto policy = redress::load_default_policy().policy;
  REQUIRE(policy);
  redress::Incident incident;
  incident.id = "M-1";
  std::string error;
  REQUIRE(redress::Timestamp::parse("2026-11-25T09:30:00+08:00", incident.reported_at, error));
  incident.category = "process.billing";
  redress::Currency cny;
  redress::Currency::parse("CNY", cny);
  incident.loss = redress::Money(12000, cny);
  incident.deficits = {redress::Justice::outcome};
  return redress::decide(*policy, incident, {true, ""});
}

}  // namespace

TEST_CASE("matchers accept what the decision holds and reject the rest", "[testing]") {
  using namespace redress::testing;
  const auto d = sample();
  redress::Currency cny;
  redress::Currency::parse("CNY", cny);
  CHECK(Recommends("reversal").match(d));
  CHECK(Recommends("reversal", redress::Money(12000, cny)).match(d));
  CHECK_FALSE(Recommends("reversal", redress::Money(1, cny)).match(d));
  CHECK_FALSE(Recommends("voucher").match(d));
  CHECK(OwnedBy("frontline").match(d));
  CHECK_FALSE(OwnedBy("team_lead").match(d));
  CHECK(EscalatesTo("frontline").match(d));
  CHECK_FALSE(EscalatesTo("executive").match(d));
  CHECK(Covers(redress::Justice::outcome).match(d));
  CHECK(HasPriority(4).match(d));  // a small billing error: the default policy's P4
  CHECK_FALSE(HasPriority(3).match(d));
  CHECK_FALSE(HasPriority(1).match(d));
  CHECK(Recommends("reversal", redress::Money(1, cny)).describe() ==
        "recommends reversal with 0.01 CNY");
}

TEST_CASE("a failed match shows the decision and the rules that fired", "[testing]") {
  const auto text = Catch::StringMaker<redress::Decision>::convert(sample());
  CHECK_THAT(text, Catch::StartsWith("decision for M-1 (policy default 1.0.0): priority "));
  CHECK_THAT(text, Catch::Contains("reversal=120.00 CNY"));
  CHECK_THAT(text, Catch::Contains("outcome=covered"));
  CHECK_THAT(text, Catch::Contains("rules fired: ") && Catch::Contains("billing"));
}
