// The goodwill caps: per incident, and per customer with its window.
#include "diff/element_table.hpp"

namespace redress::diff {
namespace {

const Property<policy::CapsSpec> kCapsProperties[] = {
    {"goodwill_per_incident",
     [](const policy::CapsSpec& c) { return c.goodwill_per_incident.value; }},
    {"goodwill_per_customer",
     [](const policy::CapsSpec& c) {
       const auto& customer = c.goodwill_per_customer;
       return customer ? customer->amount.value + " over " + customer->window.value : std::string();
     }},
};

}  // namespace

void diff_caps(const policy::PolicySpec& before, const policy::PolicySpec& after,
               std::vector<ElementChange>& out) {
  diff_elements(
      "caps", std::vector{before.caps}, std::vector{after.caps},
      [](const policy::CapsSpec&) { return std::string(); }, kCapsProperties, out);
}

}  // namespace redress::diff
