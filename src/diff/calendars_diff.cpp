// Business-hours calendars: offset, working days, hours and holidays.
#include "diff/element_table.hpp"

namespace redress::diff {
namespace {

const Property<policy::CalendarSpec> kCalendarProperties[] = {
    {"utc_offset", [](const policy::CalendarSpec& c) { return c.utc_offset.value; }},
    {"working_days", [](const policy::CalendarSpec& c) { return join(c.working_days); }, true},
    {"hours", [](const policy::CalendarSpec& c) { return c.hours.value; }},
    {"holidays", [](const policy::CalendarSpec& c) { return join(c.holidays); }, true},
};

}  // namespace

void diff_calendars(const policy::PolicySpec& before, const policy::PolicySpec& after,
                    std::vector<ElementChange>& out) {
  diff_elements(
      "calendar", before.calendars, after.calendars,
      [](const policy::CalendarSpec& c) { return c.id.value; }, kCalendarProperties, out);
}

}  // namespace redress::diff
