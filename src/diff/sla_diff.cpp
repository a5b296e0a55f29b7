// The SLA: its calendar and default priority, and each priority's targets.
#include "diff/element_table.hpp"

namespace redress::diff {
namespace {

const Property<policy::SlaSpec> kSlaProperties[] = {
    {"calendar", [](const policy::SlaSpec& s) { return s.calendar.value; }},
    {"default_priority", [](const policy::SlaSpec& s) { return s.default_priority.value; }},
};

const Property<policy::SlaTargetSpec> kTargetProperties[] = {
    {"first_response", [](const policy::SlaTargetSpec& t) { return t.first_response.value; }},
    {"resolution", [](const policy::SlaTargetSpec& t) { return t.resolution.value; }},
};

}  // namespace

void diff_sla(const policy::PolicySpec& before, const policy::PolicySpec& after,
              std::vector<ElementChange>& out) {
  diff_elements(
      "sla", std::vector{before.sla}, std::vector{after.sla},
      [](const policy::SlaSpec&) { return std::string(); }, kSlaProperties, out);
  diff_elements(
      "sla_target", before.sla.targets, after.sla.targets,
      [](const policy::SlaTargetSpec& t) { return t.priority.value; }, kTargetProperties, out);
}

}  // namespace redress::diff
