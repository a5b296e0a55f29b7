#include <iostream>
#include <redress/redress.hpp>

int main() {
  auto policy = redress::load_default_policy().policy;
  auto read = redress::io::read_incident(
      R"({"id": "P-1", "reported_at": "2026-11-25T09:30:00+08:00", "category": "core.unavailable"})",
      "incident.json", redress::io::incident_schema(*policy));
  std::cout << redress::io::to_json(redress::decide(*policy, *read.incident), {false, -1}) << "\n";
}
