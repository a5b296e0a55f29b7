// A hotel front desk embedding redress through the C++ API: the property-management system
// builds incidents from what the desk agent records, and shows the agent what to offer.
// Usage: hotel-front-desk <path to rules/hotel.yaml>
#include <redress/redress.hpp>

#include <iostream>
#include <string>

namespace {

redress::Timestamp at(const std::string& text) {
  redress::Timestamp t;
  std::string error;
  if (!redress::Timestamp::parse(text, t, error)) throw std::runtime_error(error);
  return t;
}

redress::Money cny(std::int64_t yuan) {
  redress::Currency currency;
  redress::Currency::parse("CNY", currency);
  return redress::Money(yuan * 100, currency);
}

// 23:40, a loyalty member arrives after a delayed flight: his room is still not ready.
redress::Incident late_check_in() {
  redress::Incident incident;
  incident.id = "FD-0001";
  incident.reported_at = at("2026-11-25T23:40:00+08:00");
  incident.category = "core.unavailable.room_not_ready";
  incident.magnitude = redress::Magnitude::moderate;
  incident.touchpoint = "hotel.check_in";
  incident.emotion = redress::Emotion::angry;
  incident.intensity = 4;
  incident.deficits = {redress::Justice::outcome, redress::Justice::procedural};
  incident.tier = redress::Tier::premium;
  incident.channel = redress::Channel::in_person;
  incident.facts["room_rate"] = cny(980);
  incident.facts["nights"] = std::int64_t{2};
  incident.facts["loyalty_member"] = true;
  incident.facts["guest_name"] = redress::Symbol{"Chen Jie"};
  return incident;
}

// At check-out a guest finds a 96 CNY minibar charge for items she never took.
redress::Incident billing_error() {
  redress::Incident incident;
  incident.id = "FD-0002";
  incident.reported_at = at("2026-11-26T11:05:00+08:00");
  incident.category = "process.billing.minibar";
  incident.loss = cny(96);
  incident.touchpoint = "hotel.check_out";
  incident.emotion = redress::Emotion::confused;
  incident.intensity = 2;
  incident.deficits = {redress::Justice::outcome};
  incident.channel = redress::Channel::in_person;
  incident.facts["room_rate"] = cny(650);
  incident.facts["guest_name"] = redress::Symbol{"Wang Fang"};
  return incident;
}

void show(const std::string& title, const redress::Decision& d) {
  std::cout << "== " << title << " (" << d.incident_id << ", policy " << d.policy.id << " "
            << d.policy.version << ")\n"
            << "priority " << d.priority << ", owner " << d.owner << ", respond by "
            << d.deadlines.first_response_due.to_string() << "\n";
  for (const auto& remedy : d.remedies) {
    std::cout << "  offer " << remedy.id;
    if (remedy.amount) std::cout << " " << remedy.amount->to_string();
    std::cout << "\n";
  }
  std::cout << "  compensation total " << d.compensation_total.to_string() << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: hotel-front-desk <rules/hotel.yaml>\n";
    return 2;
  }
  auto loaded = redress::load_policy_file(argv[1]);
  if (!loaded.policy) {
    for (const auto& d : loaded.diagnostics.items()) std::cerr << redress::render(d, loaded.source);
    return 3;
  }
  try {
    show("Late check-in", redress::decide(*loaded.policy, late_check_in()));
    show("Billing error", redress::decide(*loaded.policy, billing_error()));
  } catch (const redress::DecideError& e) {
    std::cerr << "cannot decide: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
