// The generic part of comparing two policies: elements of one kind, matched by id, compared
// property by property through a table of (name, how to read it as text).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "redress/diff/policy_diff.hpp"

namespace redress::diff {

/// A property of an element of type T: its name and its value as text. A list property's
/// items are joined by ", " and its change lists the items added and removed.
template <typename T>
struct Property {
  std::string_view name;
  std::string (*text)(const T&);
  bool list = false;
};

/// The change of a property from `before` to `after` (different texts).
PropertyChange property_change(std::string_view name, std::string before, std::string after,
                               bool list);

/// Appends to `out` the changes between the elements `before` and `after` of one kind,
/// matched by `id(element)`.
template <typename T, typename Id, std::size_t N>
void diff_elements(std::string_view kind, const std::vector<T>& before, const std::vector<T>& after,
                   Id id, const Property<T> (&properties)[N], std::vector<ElementChange>& out) {
  // Indexed by id, so that large policies (ten thousand rules) compare in linear time.
  const auto index = [&id](const std::vector<T>& in) {
    std::unordered_map<std::string, const T*> ids;
    ids.reserve(in.size());
    for (const auto& e : in) ids.emplace(id(e), &e);
    return ids;
  };
  const auto before_ids = index(before);
  const auto after_ids = index(after);
  for (const auto& old : before) {
    std::string key = id(old);
    const auto now = after_ids.find(key);
    if (now == after_ids.end()) {
      out.push_back({std::string(kind), std::move(key), ElementChange::Status::removed, {}});
      continue;
    }
    ElementChange change{std::string(kind), std::move(key), ElementChange::Status::changed, {}};
    for (const auto& p : properties) {
      std::string a = p.text(old), b = p.text(*now->second);
      if (a != b) change.properties.push_back(property_change(p.name, a, b, p.list));
    }
    if (!change.properties.empty()) out.push_back(std::move(change));
  }
  for (const auto& now : after) {
    std::string key = id(now);
    if (before_ids.count(key) == 0) {
      out.push_back({std::string(kind), std::move(key), ElementChange::Status::added, {}});
    }
  }
}

/// Texts joined by ", ".
std::string join(const std::vector<policy::Text>& texts);
/// Localized texts as "en: ...; zh: ...".
std::string join(const policy::LocalizedText& texts);
/// "true" or "false".
std::string yes_no(bool value);

// One function per concept, each in its own file: appends that kind's changes.
void diff_rules(const policy::PolicySpec& before, const policy::PolicySpec& after,
                std::vector<ElementChange>& out);
void diff_catalogues(const policy::PolicySpec& before, const policy::PolicySpec& after,
                     std::vector<ElementChange>& out);
void diff_roles(const policy::PolicySpec& before, const policy::PolicySpec& after,
                std::vector<ElementChange>& out);
void diff_sla(const policy::PolicySpec& before, const policy::PolicySpec& after,
              std::vector<ElementChange>& out);
void diff_caps(const policy::PolicySpec& before, const policy::PolicySpec& after,
               std::vector<ElementChange>& out);
void diff_calendars(const policy::PolicySpec& before, const policy::PolicySpec& after,
                    std::vector<ElementChange>& out);
void diff_commitments(const policy::PolicySpec& before, const policy::PolicySpec& after,
                      std::vector<ElementChange>& out);

}  // namespace redress::diff
