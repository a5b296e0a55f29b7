#include "io/yaml/policy_sections.hpp"

#include <fmt/format.h>

namespace redress::io::yaml {
namespace {

/// Calls `each` with a reader for every map item of the list under `key`; `what` names one item.
void read_list(MapReader& top, std::string_view key, std::string_view what,
               std::vector<std::string_view> known_keys,
               const std::function<void(MapReader&, const YAML::Node&)>& each,
               bool required = false, std::string_view hint = {}) {
  const Entry* entry = top.list(key, required, hint);
  if (!entry) return;
  Context& ctx = top.context();
  for_each_map(ctx, entry->value, fmt::format("'{}'", key), [&](const YAML::Node& item) {
    MapReader reader(ctx, item, std::string(what), known_keys);
    each(reader, item);
  });
}

}  // namespace

void read_metadata(MapReader& top, policy::Metadata& out) {
  const Entry* entry =
      top.map("policy", true, "add 'policy: {id: ..., version: ..., currency: ...}'");
  if (!entry) return;
  MapReader reader(top.context(), entry->value, "'policy' section",
                   {"id", "version", "currency", "locales", "description", "in_force", "recusal"});
  out.id = reader.text("id", true);
  out.version = reader.text("version", true);
  out.currency = reader.text("currency", true);
  out.locales = reader.texts("locales");
  out.description = reader.text("description");
  out.in_force = reader.text("in_force");
  out.recusal = reader.text("recusal");
}

std::vector<policy::CategorySpec> read_categories(Context& ctx, const YAML::Node& list,
                                                  std::string_view subject) {
  std::vector<policy::CategorySpec> out;
  for_each_map(ctx, list, subject, [&](const YAML::Node& item) {
    MapReader reader(ctx, item, "taxonomy category", {"id", "type", "description"});
    policy::CategorySpec category;
    category.id = reader.text("id", true);
    category.failure_type = reader.text("type");
    category.description = reader.text("description");
    out.push_back(std::move(category));
  });
  return out;
}

void read_taxonomy(MapReader& top, policy::TaxonomySpec& out) {
  // Without a taxonomy section a policy builds on the standard taxonomy (rules/README.md).
  out.base.value = "standard";
  const Entry* entry = top.map("taxonomy");
  if (!entry) return;
  Context& ctx = top.context();
  out.location = ctx.location(entry->value_mark);
  MapReader reader(ctx, entry->value, "'taxonomy' section", {"base", "add"});
  if (auto base = reader.optional_text("base")) out.base = std::move(*base);
  if (const Entry* add = reader.list("add")) out.add = read_categories(ctx, add->value, "'add'");
}

void read_facts(MapReader& top, std::vector<policy::FactSpec>& out) {
  read_list(top, "facts", "fact",
            {"id", "type", "values", "default", "derived", "sensitive", "description"},
            [&](MapReader& reader, const YAML::Node&) {
              policy::FactSpec fact;
              fact.id = reader.text("id", true);
              fact.type = reader.text("type");
              fact.values = reader.texts("values");
              fact.default_value = reader.optional_text("default");
              fact.derived = reader.boolean("derived");
              fact.sensitive = reader.boolean("sensitive");
              fact.description = reader.text("description");
              out.push_back(std::move(fact));
            });
}

void read_remedies(MapReader& top, std::vector<policy::RemedySpec>& out) {
  read_list(top, "remedies", "remedy", {"id", "covers", "monetary", "goodwill", "text"},
            [&](MapReader& reader, const YAML::Node& item) {
              policy::RemedySpec remedy;
              remedy.id = reader.text("id", true);
              remedy.covers = reader.texts("covers");
              remedy.monetary = reader.boolean("monetary");
              remedy.goodwill = reader.boolean("goodwill");
              remedy.text = reader.localized("text");
              remedy.location = reader.context().location(item.Mark());
              out.push_back(std::move(remedy));
            });
}

void read_communication(MapReader& top, std::vector<policy::StepSpec>& out) {
  read_list(top, "communication", "communication step", {"id", "text"},
            [&](MapReader& reader, const YAML::Node&) {
              policy::StepSpec step;
              step.id = reader.text("id", true);
              step.text = reader.localized("text");
              out.push_back(std::move(step));
            });
}

void read_departments(MapReader& top, std::vector<policy::DepartmentSpec>& out) {
  read_list(top, "departments", "department", {"id", "name"},
            [&](MapReader& reader, const YAML::Node&) {
              policy::DepartmentSpec department;
              department.id = reader.text("id", true);
              department.name = reader.text("name");
              out.push_back(std::move(department));
            });
}

void read_roles(MapReader& top, std::vector<policy::RoleSpec>& out) {
  read_list(
      top, "roles", "role", {"id", "title", "authority", "reports_to", "entry"},
      [&](MapReader& reader, const YAML::Node& item) {
        policy::RoleSpec role;
        role.id = reader.text("id", true);
        role.title = reader.text("title");
        role.authority = reader.text("authority", true);
        role.reports_to = reader.text("reports_to");
        role.entry = reader.boolean("entry");
        role.location = reader.context().location(item.Mark());
        out.push_back(std::move(role));
      },
      true, "add 'roles:' with a list of roles, e.g. '- {id: agent, authority: unlimited}'");
}

void read_calendars(MapReader& top, std::vector<policy::CalendarSpec>& out) {
  read_list(top, "calendars", "calendar",
            {"id", "utc_offset", "working_days", "hours", "holidays", "makeup_days"},
            [&](MapReader& reader, const YAML::Node&) {
              policy::CalendarSpec calendar;
              calendar.id = reader.text("id", true);
              calendar.utc_offset = reader.text("utc_offset");
              calendar.working_days = reader.texts("working_days");
              if (const Entry* days = reader.find("working_days"); days && !days->value.IsNull()) {
                calendar.working_days_location = reader.context().location(days->value_mark);
              }
              calendar.hours = reader.text("hours");
              calendar.holidays = reader.texts("holidays");
              calendar.makeup_days = reader.texts("makeup_days");
              out.push_back(std::move(calendar));
            });
}

policy::EffectiveSpec read_effective(MapReader& reader) {
  policy::EffectiveSpec out;
  const Entry* entry = reader.map("effective");
  if (!entry) return out;
  Context& ctx = reader.context();
  out.location = ctx.location(entry->value_mark);
  MapReader dates(ctx, entry->value, "'effective'", {"from", "until"});
  out.from = dates.text("from");
  out.until = dates.text("until");
  return out;
}

void read_include(MapReader& top, std::vector<policy::IncludeSpec>& out) {
  const Entry* entry = top.list("include");
  if (!entry) return;
  Context& ctx = top.context();
  for (const auto& item : entry->value) {
    policy::IncludeSpec include;
    if (item.IsScalar()) {
      include.file = ctx.text(item);
    } else if (expect_map(ctx, item, "each item of 'include'", item.Mark())) {
      MapReader reader(ctx, item, "'include' entry", {"file", "calendars"});
      include.file = reader.text("file", true);
      if (const Entry* calendars = reader.map("calendars")) {
        for (const auto& rename : map_entries(ctx, calendars->value, "'calendars'")) {
          if (expect_scalar(ctx, rename.value, fmt::format("the calendar for '{}'", rename.name),
                            rename.value_mark)) {
            include.calendars.emplace(rename.name, ctx.text(rename.value));
          }
        }
      }
    } else {
      continue;
    }
    out.push_back(std::move(include));
  }
}

namespace {

std::vector<policy::ClockExtensionSpec> read_extensions(MapReader& clock) {
  std::vector<policy::ClockExtensionSpec> out;
  read_list(clock, "extensions", "clock extension", {"due", "when", "holding_reply"},
            [&](MapReader& reader, const YAML::Node& item) {
              policy::ClockExtensionSpec extension;
              extension.due = reader.text("due", true);
              extension.when = reader.localized("when");
              extension.holding_reply = reader.localized("holding_reply");
              extension.location = reader.context().location(item.Mark());
              out.push_back(std::move(extension));
            });
  return out;
}

std::vector<policy::LocalizedText> read_final_reply(MapReader& clock) {
  std::vector<policy::LocalizedText> out;
  const Entry* entry = clock.list("final_reply");
  if (!entry) return out;
  Context& ctx = clock.context();
  for_each_map(ctx, entry->value, "'final_reply'", [&](const YAML::Node& item) {
    out.push_back(read_localized(ctx, item, "an item of 'final_reply'"));
  });
  return out;
}

std::optional<policy::ReferralSpec> read_referral(MapReader& clock) {
  const Entry* entry = clock.map("referral");
  if (!entry) return std::nullopt;
  Context& ctx = clock.context();
  MapReader reader(ctx, entry->value, "'referral'", {"body", "within"});
  policy::ReferralSpec referral;
  referral.location = ctx.location(entry->value_mark);
  referral.body = reader.localized("body");
  referral.within = reader.text("within");
  if (referral.body.empty()) {
    reader.require("body", "add 'body: {en: ...}' naming who the customer may refer to");
  }
  return referral;
}

}  // namespace

void read_clocks(MapReader& top, std::vector<policy::ClockSpec>& out) {
  read_list(top, "clocks", "clock",
            {"id", "title", "basis", "start", "due", "calendar", "due_at", "roll_to_working_day",
             "extensions", "final_reply", "referral", "effective"},
            [&](MapReader& reader, const YAML::Node& item) {
              policy::ClockSpec clock;
              clock.location = reader.context().location(item.Mark());
              clock.id = reader.text("id", true);
              clock.title = reader.localized("title");
              clock.basis = reader.localized("basis");
              clock.start = reader.text("start");
              clock.due = reader.text("due", true);
              clock.calendar = reader.text("calendar");
              clock.due_at = reader.text("due_at");
              clock.roll_to_working_day = reader.boolean("roll_to_working_day");
              clock.extensions = read_extensions(reader);
              clock.final_reply = read_final_reply(reader);
              clock.referral = read_referral(reader);
              clock.effective = read_effective(reader);
              out.push_back(std::move(clock));
            });
}

void read_commitments(MapReader& top, std::vector<policy::CommitmentSpec>& out) {
  read_list(top, "commitments", "commitment",
            {"id", "kind", "assignee", "due", "at", "start", "calendar", "every", "until", "text"},
            [&](MapReader& reader, const YAML::Node& item) {
              policy::CommitmentSpec commitment;
              commitment.location = reader.context().location(item.Mark());
              commitment.id = reader.text("id", true);
              commitment.kind = reader.text("kind", true);
              commitment.assignee = reader.text("assignee", true);
              commitment.due = reader.text("due");
              commitment.at = reader.text("at");
              commitment.start = reader.text("start");
              commitment.calendar = reader.text("calendar");
              commitment.every = reader.text("every");
              commitment.until = reader.localized("until");
              commitment.text = reader.localized("text");
              out.push_back(std::move(commitment));
            });
}

void read_sla(MapReader& top, policy::SlaSpec& out) {
  const Entry* entry =
      top.map("sla", true, "add 'sla:' with 'targets:', one per priority a rule can set");
  if (!entry) return;
  Context& ctx = top.context();
  out.location = ctx.location(entry->value_mark);
  MapReader sla(ctx, entry->value, "'sla' section", {"calendar", "default_priority", "targets"});
  out.calendar = sla.text("calendar");
  out.default_priority = sla.text("default_priority");
  read_list(
      sla, "targets", "SLA target", {"priority", "first_response", "resolution"},
      [&](MapReader& reader, const YAML::Node& item) {
        // A target without any of the three cannot be used, so all are required.
        policy::SlaTargetSpec target;
        target.priority = reader.text("priority", true);
        target.first_response = reader.text("first_response", true);
        target.resolution = reader.text("resolution", true);
        target.location = ctx.location(item.Mark());
        out.targets.push_back(std::move(target));
      },
      true,
      "add 'targets:' with one '{priority: N, first_response: D, resolution: D}' per priority");
}

}  // namespace redress::io::yaml
