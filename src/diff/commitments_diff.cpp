// Commitments: what is promised, by whom, by when, how often and until when.
#include "diff/element_table.hpp"

namespace redress::diff {
namespace {

const Property<policy::CommitmentSpec> kCommitmentProperties[] = {
    {"kind", [](const policy::CommitmentSpec& c) { return c.kind.value; }},
    {"assignee", [](const policy::CommitmentSpec& c) { return c.assignee.value; }},
    {"due", [](const policy::CommitmentSpec& c) { return c.due.value; }},
    {"at", [](const policy::CommitmentSpec& c) { return c.at.value; }},
    {"start", [](const policy::CommitmentSpec& c) { return c.start.value; }},
    {"calendar", [](const policy::CommitmentSpec& c) { return c.calendar.value; }},
    {"every", [](const policy::CommitmentSpec& c) { return c.every.value; }},
    {"until", [](const policy::CommitmentSpec& c) { return join(c.until); }},
    {"text", [](const policy::CommitmentSpec& c) { return join(c.text); }},
};

}  // namespace

void diff_commitments(const policy::PolicySpec& before, const policy::PolicySpec& after,
                      std::vector<ElementChange>& out) {
  diff_elements(
      "commitment", before.commitments, after.commitments,
      [](const policy::CommitmentSpec& c) { return c.id.value; }, kCommitmentProperties, out);
}

}  // namespace redress::diff
