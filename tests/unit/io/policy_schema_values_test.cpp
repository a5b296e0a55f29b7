// rules/schema/policy.schema.json against the model's enums: each fixed value a policy writes
// that an enum of the model spells is the enum's list of spellings, so that editors offer
// exactly what the compiler accepts. (Its keys are checked against the loader by
// tests/cli/policy_schema.py.)
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "redress/model/enums.hpp"
#include "support/fixtures.hpp"

namespace r = redress;
using nlohmann::json;

namespace {

const json& schema() {
  static const json parsed =
      json::parse(r::test::read_file(r::test::source_dir() / "rules/schema/policy.schema.json"));
  return parsed;
}

const json& definition(const std::string& name) { return schema().at("definitions").at(name); }

std::set<std::string> enum_of(const json& property) {
  std::set<std::string> out;
  for (const auto& value : property.at("enum")) out.insert(value.get<std::string>());
  return out;
}

template <typename E>
std::set<std::string> spellings() {
  const auto names = r::enum_names<E>();
  return {names.begin(), names.end()};
}

}  // namespace

TEST_CASE("the policy schema's fixed values are the model's enums", "[io][schema]") {
  CHECK(enum_of(definition("category").at("properties").at("type")) == spellings<r::FailureType>());
  CHECK(enum_of(definition("remedy").at("properties").at("covers").at("items")) ==
        spellings<r::Justice>());
  CHECK(enum_of(definition("clock").at("properties").at("start")) == spellings<r::ClockStart>());
  CHECK(enum_of(definition("clock").at("properties").at("due_at")) == spellings<r::ClockEnd>());
  CHECK(enum_of(schema().at("properties").at("policy").at("properties").at("in_force")) ==
        spellings<r::InForceBasis>());
}

TEST_CASE("the policy schema's clock periods name every clock unit", "[io][schema]") {
  const std::string pattern = definition("period").at("pattern");
  for (const auto unit : r::enum_names<r::ClockUnit>()) {
    INFO("unit " << unit);
    // Units are written singular or plural: the pattern holds the singular followed by 's?'.
    const auto singular = std::string(unit.substr(0, unit.size() - 1));
    CHECK(pattern.find(singular + "s?") != std::string::npos);
  }
}
