// The field table (redress/model/incident_fields.hpp) against what is written elsewhere: the
// published JSON Schema of incidents lists exactly its fields, nested, required, typed and
// bounded alike; and the reference's table of built-in facts names each fact the fields feed.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "compile/builtin_facts.hpp"
#include "redress/model/incident_fields.hpp"
#include "support/fixtures.hpp"

namespace r = redress;
using nlohmann::json;

namespace {

json incident_schema() {
  return json::parse(
      r::test::read_file(r::test::source_dir() / "rules/schema/incident.schema.json"));
}

// A property's schema, following a "$ref" into "$defs".
const json& resolved(const json& root, const json& property) {
  if (!property.contains("$ref")) return property;
  const std::string ref = property.at("$ref");
  REQUIRE(ref.starts_with("#/$defs/"));
  return root.at("$defs").at(ref.substr(8));
}

// The object form of a group: the schema itself, or its "oneOf" branch that is an object.
const json& object_form(const json& schema) {
  if (schema.value("type", "") == "object") return schema;
  REQUIRE(schema.contains("oneOf"));
  for (const auto& branch : schema.at("oneOf")) {
    if (branch.value("type", "") == "object") return branch;
  }
  FAIL("no object form");
  return schema;
}

std::set<std::string> keys_of(const json& object) {
  std::set<std::string> out;
  for (const auto& [key, value] : object.items()) out.insert(key);
  return out;
}

std::set<std::string> strings(const json& list) {
  std::set<std::string> out;
  for (const auto& item : list) out.insert(item.get<std::string>());
  return out;
}

std::set<std::string> values_of(const r::FieldInfo& field) {
  return {field.values.begin(), field.values.end()};
}

// Checks the fields of group `group` (-1: the root) against the object schema `object`.
void check_group(const json& root, const json& object, int group) {
  std::set<std::string> names;
  std::set<std::string> required;
  for (std::size_t i = 0; i < r::kIncidentFieldCount; ++i) {
    const auto& field = r::kIncidentFields[i];
    if (field.parent != group) continue;
    names.insert(std::string(field.name()));
    if (field.required) required.insert(std::string(field.name()));
  }
  CHECK(object.value("additionalProperties", true) == false);
  CHECK(keys_of(object.at("properties")) == names);
  CHECK(strings(object.value("required", json::array())) == required);

  for (std::size_t i = 0; i < r::kIncidentFieldCount; ++i) {
    const auto& field = r::kIncidentFields[i];
    if (field.parent != group || !object.at("properties").contains(field.name())) continue;
    INFO("field " << field.path);
    const json& written = resolved(root, object.at("properties").at(std::string(field.name())));
    // A field of several values is one value or a list of up to max_values different ones.
    const json& schema = field.max_values > 1 ? written.at("oneOf").at(0) : written;
    if (field.max_values > 1) {
      const json& list = written.at("oneOf").at(1);
      CHECK(list.at("type") == "array");
      CHECK(list.at("maxItems") == field.max_values);
      CHECK(list.at("uniqueItems") == true);
      CHECK(list.at("items") == schema);
    }
    switch (field.kind) {
      case r::FieldKind::group:
        if (field.shorthand) {  // a bare value stands for the first field
          const auto& first = r::kIncidentFields[i + 1];
          REQUIRE(first.parent == static_cast<int>(i));
          CHECK(strings(schema.at("oneOf").at(0).at("enum")) == values_of(first));
        }
        check_group(root, object_form(schema), static_cast<int>(i));
        break;
      case r::FieldKind::text:
      case r::FieldKind::category:
      case r::FieldKind::timestamp:
        CHECK(schema.at("type") == "string");
        break;
      case r::FieldKind::flag:
        CHECK(schema.at("type") == "boolean");
        break;
      case r::FieldKind::integer:
        CHECK(schema.at("type") == "integer");
        CHECK(schema.value("minimum", std::numeric_limits<std::int64_t>::min()) == field.min);
        CHECK(schema.value("maximum", std::numeric_limits<std::int64_t>::max()) == field.max);
        break;
      case r::FieldKind::money: {
        REQUIRE(field.min == 0);  // the schema's money is "0 or more"
        const auto& forms = schema.at("oneOf");
        CHECK_FALSE(forms.at(0).at("pattern").get<std::string>().starts_with("^-"));
        CHECK(forms.at(1).at("properties").at("minor").at("minimum") == 0);
        break;
      }
      case r::FieldKind::enumeration:
        CHECK(strings(schema.at("enum")) == values_of(field));
        break;
      case r::FieldKind::enum_set:
        CHECK(schema.at("type") == "array");
        CHECK(strings(schema.at("items").at("enum")) == values_of(field));
        break;
      case r::FieldKind::text_list:
        CHECK(schema.at("type") == "array");
        CHECK(schema.at("items").at("type") == "string");
        break;
      case r::FieldKind::host_facts:
        CHECK(schema.at("type") == "object");
        break;
    }
  }
}

}  // namespace

TEST_CASE("the incident JSON Schema lists exactly the field table's fields", "[model][schema]") {
  const json root = incident_schema();
  check_group(root, root, -1);
}

TEST_CASE("the reference's table of built-in facts names every fact of the field table",
          "[model][schema]") {
  const auto reference = r::test::read_file(r::test::source_dir() / "rules/README.md");
  const auto start = reference.find("## Built-in facts");
  const auto end = reference.find("\n## ", start + 1);
  REQUIRE(start != std::string::npos);
  const auto section = reference.substr(start, end - start);
  for (const auto& field : r::kIncidentFields) {
    if (field.fact.empty()) continue;
    INFO("fact " << field.fact);
    CHECK(section.find("`" + std::string(field.fact) + "`") != std::string::npos);
  }
}

TEST_CASE("the built-in facts are the table's, in its order, then priority", "[model]") {
  const auto facts = r::detail::builtin_facts();
  std::uint32_t slot = 0;
  for (std::size_t i = 0; i < r::kIncidentFieldCount; ++i) {
    const auto& field = r::kIncidentFields[i];
    if (field.fact.empty()) continue;
    REQUIRE(slot < facts.size());
    CHECK(r::kIncidentFactSlot[i] == slot);
    CHECK(facts[slot].name == field.fact);
    CHECK(facts[slot].description == field.description);
    CHECK(facts[slot].values == field.max_values);
    CHECK(r::incident_field_of_slot(slot) == &field);
    ++slot;
    for (unsigned k = 2; k <= field.max_values; ++k, ++slot) {  // the further values' slots
      REQUIRE(slot < facts.size());
      CHECK(facts[slot].name == std::string(field.fact) + "#" + std::to_string(k));
      CHECK(facts[slot].values == 0);
      CHECK(r::incident_field_of_slot(slot) == &field);
    }
  }
  CHECK_FALSE(r::incident_field_of_slot(slot));
  CHECK(slot == r::kIncidentFactCount);
  REQUIRE(facts.size() == slot + 1);
  CHECK(facts[r::detail::kPrioritySlot].name == "priority");
  STATIC_REQUIRE(r::detail::slot("category") == 0);
  STATIC_REQUIRE(r::detail::slot("cause") == 1);
  STATIC_REQUIRE(r::detail::slot("failure_type") == 4);  // after the cause's three slots
  STATIC_REQUIRE(r::is_customer_fact(r::detail::slot("tier")));
  STATIC_REQUIRE(r::is_customer_fact(r::detail::slot("compensation_given")));
  STATIC_REQUIRE_FALSE(r::is_customer_fact(r::detail::slot("loss")));
  STATIC_REQUIRE_FALSE(r::is_customer_fact(r::detail::slot("cause") + 2));
  STATIC_REQUIRE_FALSE(r::is_customer_fact(r::detail::slot("priority")));
  STATIC_REQUIRE(r::detail::slot("priority") == r::kIncidentFactCount);
}
