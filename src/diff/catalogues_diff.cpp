// The catalogues rules act on: remedies, facts, departments and communication steps.
#include "diff/element_table.hpp"

namespace redress::diff {
namespace {

const Property<policy::RemedySpec> kRemedyProperties[] = {
    {"covers", [](const policy::RemedySpec& r) { return join(r.covers); }, true},
    {"monetary", [](const policy::RemedySpec& r) { return yes_no(r.monetary); }},
    {"goodwill", [](const policy::RemedySpec& r) { return yes_no(r.goodwill); }},
    {"text", [](const policy::RemedySpec& r) { return join(r.text); }},
};

const Property<policy::FactSpec> kFactProperties[] = {
    {"type", [](const policy::FactSpec& f) { return f.type.value; }},
    {"values", [](const policy::FactSpec& f) { return join(f.values); }, true},
    {"default",
     [](const policy::FactSpec& f) {
       return f.default_value ? f.default_value->value : std::string();
     }},
    {"derived", [](const policy::FactSpec& f) { return yes_no(f.derived); }},
    {"sensitive", [](const policy::FactSpec& f) { return yes_no(f.sensitive); }},
};

const Property<policy::DepartmentSpec> kDepartmentProperties[] = {
    {"name", [](const policy::DepartmentSpec& d) { return d.name.value; }},
};

const Property<policy::StepSpec> kStepProperties[] = {
    {"text", [](const policy::StepSpec& s) { return join(s.text); }},
};

template <typename T>
std::string id_of(const T& element) {
  return element.id.value;
}

}  // namespace

void diff_catalogues(const policy::PolicySpec& before, const policy::PolicySpec& after,
                     std::vector<ElementChange>& out) {
  diff_elements("remedy", before.remedies, after.remedies, id_of<policy::RemedySpec>,
                kRemedyProperties, out);
  diff_elements("fact", before.facts, after.facts, id_of<policy::FactSpec>, kFactProperties, out);
  diff_elements("department", before.departments, after.departments, id_of<policy::DepartmentSpec>,
                kDepartmentProperties, out);
  diff_elements("step", before.communication, after.communication, id_of<policy::StepSpec>,
                kStepProperties, out);
}

}  // namespace redress::diff
