// One reader per section of a policy document. Each reads its section from the top-level map
// into the spec and reports every problem it finds; none stops at the first.
#pragma once

#include <string_view>
#include <vector>

#include "io/yaml/yaml_reader.hpp"
#include "redress/policy/spec.hpp"

namespace redress::io::yaml {

/// `policy:` (required): id, version, currency, locales, description.
void read_metadata(MapReader& top, policy::Metadata& out);
/// `taxonomy:`: base (default "standard") and the categories to add.
void read_taxonomy(MapReader& top, policy::TaxonomySpec& out);
/// A list of {id, type, description}: taxonomy `add:` and taxonomy documents.
/// `subject` names the list in messages ("'add'").
std::vector<policy::CategorySpec> read_categories(Context& ctx, const YAML::Node& list,
                                                  std::string_view subject);
/// `facts:`
void read_facts(MapReader& top, std::vector<policy::FactSpec>& out);
/// `remedies:`
void read_remedies(MapReader& top, std::vector<policy::RemedySpec>& out);
/// `communication:`
void read_communication(MapReader& top, std::vector<policy::StepSpec>& out);
/// `departments:`
void read_departments(MapReader& top, std::vector<policy::DepartmentSpec>& out);
/// `roles:` (required)
void read_roles(MapReader& top, std::vector<policy::RoleSpec>& out);
/// `calendars:`
void read_calendars(MapReader& top, std::vector<policy::CalendarSpec>& out);
/// `clocks:`
void read_clocks(MapReader& top, std::vector<policy::ClockSpec>& out);
/// `commitments:`: tasks rules commit to.
void read_commitments(MapReader& top, std::vector<policy::CommitmentSpec>& out);
/// `include:`: the clock libraries to include, as written.
void read_include(MapReader& top, std::vector<policy::IncludeSpec>& out);
/// `effective: {from, until}` of the map `reader` reads, if it has one.
policy::EffectiveSpec read_effective(MapReader& reader);
/// `sla:` (required)
void read_sla(MapReader& top, policy::SlaSpec& out);
/// `caps:`: goodwill caps per incident and per customer (policy_caps.cpp).
void read_caps(MapReader& top, policy::CapsSpec& out);
/// `rules:` (required): rules and groups, in written order (policy_rules.cpp).
void read_rules(MapReader& top, std::vector<policy::RuleEntry>& out);

}  // namespace redress::io::yaml
