// Incident schemas shared by the reader tests.
#pragma once

#include "redress/io/incident_reader.hpp"

namespace redress::test {

/// CNY, no taxonomy check, and one host fact of each kind as a hotel declares them: room_rate
/// (money), member_number (string), late (boolean), nights (integer), room_type (enumeration of
/// standard, deluxe, suite), amenities (set of breakfast, wifi, parking).
io::IncidentSchema hotel_incident_schema();

}  // namespace redress::test
