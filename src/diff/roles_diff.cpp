// Roles: their authority, who they report to, and which one cases start at.
#include "diff/element_table.hpp"

namespace redress::diff {
namespace {

const Property<policy::RoleSpec> kRoleProperties[] = {
    {"title", [](const policy::RoleSpec& r) { return r.title.value; }},
    {"authority", [](const policy::RoleSpec& r) { return r.authority.value; }},
    {"reports_to", [](const policy::RoleSpec& r) { return r.reports_to.value; }},
    {"entry", [](const policy::RoleSpec& r) { return yes_no(r.entry); }},
};

}  // namespace

void diff_roles(const policy::PolicySpec& before, const policy::PolicySpec& after,
                std::vector<ElementChange>& out) {
  diff_elements(
      "role", before.roles, after.roles, [](const policy::RoleSpec& r) { return r.id.value; },
      kRoleProperties, out);
}

}  // namespace redress::diff
