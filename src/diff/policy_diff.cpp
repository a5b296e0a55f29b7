// diff_policies(): every concept's changes in a fixed order, and the text and JSON forms.
#include "redress/diff/policy_diff.hpp"

#include <fmt/format.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "diff/element_table.hpp"

namespace redress::diff {

std::string join(const std::vector<policy::Text>& texts) {
  std::string out;
  for (const auto& t : texts) out += (out.empty() ? "" : ", ") + t.value;
  return out;
}

std::string join(const policy::LocalizedText& texts) {
  std::string out;
  for (const auto& [locale, text] : texts) {
    out += (out.empty() ? "" : "; ") + locale + ": " + text.value;
  }
  return out;
}

std::string yes_no(bool value) { return value ? "true" : "false"; }

namespace {

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find(", ", start), text.size());
    items.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return items;
}

std::vector<std::string> missing_from(const std::vector<std::string>& items,
                                      const std::vector<std::string>& other) {
  std::vector<std::string> out;
  for (const auto& item : items) {
    if (std::find(other.begin(), other.end(), item) == other.end()) out.push_back(item);
  }
  return out;
}

}  // namespace

PropertyChange property_change(std::string_view name, std::string before, std::string after,
                               bool list) {
  PropertyChange change{std::string(name), std::move(before), std::move(after), {}, {}};
  if (list) {
    const auto old_items = split_list(change.before), new_items = split_list(change.after);
    change.added = missing_from(new_items, old_items);
    change.removed = missing_from(old_items, new_items);
  }
  return change;
}

PolicyDiff diff_policies(const policy::PolicySpec& before, const policy::PolicySpec& after) {
  PolicyDiff diff{before.metadata.id.value,
                  before.metadata.version.value,
                  after.metadata.id.value,
                  after.metadata.version.value,
                  {}};
  diff_rules(before, after, diff.changes);
  diff_catalogues(before, after, diff.changes);
  diff_roles(before, after, diff.changes);
  diff_sla(before, after, diff.changes);
  diff_caps(before, after, diff.changes);
  diff_calendars(before, after, diff.changes);
  diff_commitments(before, after, diff.changes);
  return diff;
}

namespace {

std::string_view status_name(ElementChange::Status status) {
  switch (status) {
    case ElementChange::Status::added:
      return "added";
    case ElementChange::Status::removed:
      return "removed";
    case ElementChange::Status::changed:
      return "changed";
  }
  return "changed";
}

struct Counts {
  std::size_t added = 0, removed = 0, changed = 0;
};

Counts count(const PolicyDiff& diff) {
  Counts c;
  for (const auto& change : diff.changes) {
    switch (change.status) {
      case ElementChange::Status::added:
        ++c.added;
        break;
      case ElementChange::Status::removed:
        ++c.removed;
        break;
      case ElementChange::Status::changed:
        ++c.changed;
        break;
    }
  }
  return c;
}

std::string or_none(const std::string& text) { return text.empty() ? "(none)" : text; }

}  // namespace

std::string to_text(const PolicyDiff& diff) {
  std::string out = fmt::format("policy {} {} -> {} {}\n", diff.before_id, diff.before_version,
                                diff.after_id, diff.after_version);
  for (const auto& change : diff.changes) {
    out += change.id.empty()
               ? fmt::format("{}: {}\n", change.kind, status_name(change.status))
               : fmt::format("{} {}: {}\n", change.kind, change.id, status_name(change.status));
    for (const auto& p : change.properties) {
      if (p.added.empty() && p.removed.empty()) {
        out +=
            fmt::format("  {}:\n    - {}\n    + {}\n", p.name, or_none(p.before), or_none(p.after));
        continue;
      }
      out += fmt::format("  {}:\n", p.name);
      for (const auto& item : p.removed) out += fmt::format("    - {}\n", item);
      for (const auto& item : p.added) out += fmt::format("    + {}\n", item);
    }
  }
  const Counts c = count(diff);
  out += fmt::format("{} added, {} removed, {} changed\n", c.added, c.removed, c.changed);
  return out;
}

std::string to_json(const PolicyDiff& diff) {
  using Json = nlohmann::ordered_json;
  Json changes = Json::array();
  for (const auto& change : diff.changes) {
    Json properties = Json::array();
    for (const auto& p : change.properties) {
      Json property{{"name", p.name}, {"before", p.before}, {"after", p.after}};
      if (!p.added.empty() || !p.removed.empty()) {
        property["added"] = p.added;
        property["removed"] = p.removed;
      }
      properties.push_back(std::move(property));
    }
    changes.push_back(Json{{"kind", change.kind},
                           {"id", change.id},
                           {"status", status_name(change.status)},
                           {"properties", properties}});
  }
  const Counts c = count(diff);
  const Json doc{{"before", {{"id", diff.before_id}, {"version", diff.before_version}}},
                 {"after", {{"id", diff.after_id}, {"version", diff.after_version}}},
                 {"changes", changes},
                 {"counts", {{"added", c.added}, {"removed", c.removed}, {"changed", c.changed}}}};
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace redress::diff
