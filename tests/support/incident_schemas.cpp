#include "support/incident_schemas.hpp"

#include <catch2/catch.hpp>

namespace redress::test {

io::IncidentSchema hotel_incident_schema() {
  using Kind = io::HostFactInfo::Kind;
  io::IncidentSchema schema;
  REQUIRE(Currency::parse("CNY", schema.currency));
  schema.host_facts = {
      {"room_rate", Kind::money, {}},
      {"member_number", Kind::string, {}},
      {"late", Kind::boolean, {}},
      {"nights", Kind::integer, {}},
      {"room_type", Kind::enumeration, {"standard", "deluxe", "suite"}},
      {"amenities", Kind::set, {"breakfast", "wifi", "parking"}},
  };
  return schema;
}

}  // namespace redress::test
