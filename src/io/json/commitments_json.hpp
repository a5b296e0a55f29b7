// The decision JSON's commitments, recusal and owner trace (rules/schema/decision.schema.json).
// Private to src/io.
#pragma once

#include <string>
#include <vector>

#include "io/json/json_out.hpp"
#include "redress/model/commitment.hpp"
#include "redress/model/recusal.hpp"

namespace redress::io::json_out {

/// `[{id, kind, assignee, assignee_type, text, calendar, start, started, due_text, due,
/// every?, until?, following?, rules}]`, in the decision's order.
void write_commitments(Writer& w, const std::vector<Commitment>& commitments);
/// `{required_by, involved, staff, skipped: [{role, reason}]}`.
void write_recusal(Writer& w, const Recusal& recusal);

}  // namespace redress::io::json_out
