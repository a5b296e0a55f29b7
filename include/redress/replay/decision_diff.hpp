// What changed between two decisions of one incident: the fields of a Decision compared one by
// one, from one table (src/replay/decision_fields.cpp), so that a new field is one more row.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "redress/model/decision.hpp"

/// Replaying cases under two policies: the decision diff, the summary of a run, and the
/// ordered parallel replay of JSON lines (replay_lines()).
namespace redress::replay {

/// A set of compared fields: bit i stands for compared_fields()[i].
using FieldSet = std::uint64_t;

/// The names of the compared fields, in the order they are compared and written: the keys of
/// the "changes" object of a replay line and of ReplaySummary::changed_by_field.
std::span<const std::string_view> compared_fields();

/// The fields whose values differ between `before` and `after`. Ids and texts are compared by
/// their characters, so the two decisions may come from different policies; remedies, rules
/// fired and flags are matched by id and name, whatever their order.
FieldSet changed_fields(const Decision& before, const Decision& after);

/// Appends the "changes" object of the fields in `changed` as one line of JSON: per field
/// {"before":...,"after":...} (values written as in the decision JSON), except `remedies`
/// ({"added":[...],"removed":[...],"changed":[{"id","before","after"}]}), `rules_fired`
/// ({"added":[...],"removed":[...]}) and `flags` (per changed flag {"before","after"}, null
/// where a policy has no such flag).
void append_changes(std::string& out, const Decision& before, const Decision& after,
                    FieldSet changed);

}  // namespace redress::replay
