// The commitments rules made: due instants on their calendars, the following due instants of a
// recurring one, and a warning when recusal is required and one names an involved role.
#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "engine/evaluation.hpp"

namespace redress::detail {
namespace {

std::string_view text_in(const std::vector<std::string>& texts, std::size_t locale) {
  return texts.empty() ? std::string_view{} : std::string_view{texts[locale]};
}

/// A due instant RFC 3339 cannot write is a DecideError, never a malformed timestamp.
[[noreturn]] void out_of_range(const CommitmentInfo& info, const Timestamp& from) {
  Diagnostics problems;
  problems.error("decide.deadline_out_of_range", info.location,
                 fmt::format("commitment '{}', {} after {}, falls outside the years 0001 to 9999",
                             info.id, info.due_text, from.to_string()),
                 "check the incident's reported_at and occurred_at");
  throw DecideError(std::move(problems));
}

template <typename Count>
Timestamp checked_due(const CommitmentInfo& info, const Timestamp& from, Count count) {
  try {
    const auto due = count();
    if (due.representable()) return due;
  } catch (const std::out_of_range&) {
    // too far to count: out of range as well
  }
  out_of_range(info, from);
}

void fill_commitment(const Evaluation& eval, const CommitmentInfo& info, Commitment& out) {
  const auto& incident = eval.incident;
  const Calendar* calendar = eval.policy.calendar_of(info);
  out.id = info.id;
  out.kind = info.kind;
  out.text = text_in(info.text, eval.locale);
  out.assignee = info.assignee;
  out.assignee_is_role = info.assignee_is_role;
  out.calendar = calendar ? std::string_view{calendar->id} : std::string_view{};
  out.start = info.start;
  out.started = start_instant(incident, info.start);
  out.due_text = info.due_text;
  out.due = checked_due(info, out.started,
                        [&] { return commitment_due(out.started, info.due, calendar); });
  out.every = info.every_text;
  out.until = text_in(info.until, eval.locale);
  out.following.clear();
  if (info.every) {
    auto previous = out.due;
    for (std::size_t i = 0; i < kFollowingDues; ++i) {
      previous = checked_due(info, previous,
                             [&] { return commitment_repeat(previous, *info.every, calendar); });
      out.following.push_back(previous);
    }
  }
  out.rules.clear();
}

/// Under recusal, a commitment assigned to an involved role is one the wrong person keeps.
void warn_involved_assignees(Evaluation& eval, Decision& d) {
  if (!d.recusal) return;
  const auto& involved = d.recusal->involved;
  for (const auto& commitment : d.commitments) {
    if (!commitment.assignee_is_role ||
        std::find(involved.begin(), involved.end(), commitment.assignee) == involved.end()) {
      continue;
    }
    add_warning(eval, d, DecisionWarning::assignee_involved,
                fmt::format("commitment '{}' is assigned to '{}', which is involved in the "
                            "matter: assign it to '{}' or another role outside the matter",
                            commitment.id, commitment.assignee, d.owner));
  }
}

}  // namespace

void add_commitments(Evaluation& eval, Decision& d) {
  auto& s = eval.s;
  std::size_t used = 0;
  s.commitments.for_each([&](std::size_t i) {
    s.position[i] = static_cast<std::uint32_t>(used);
    fill_commitment(eval, eval.policy.commitments[i],
                    next(d.commitments, used, s.spare_commitments));
  });
  trim(d.commitments, used, s.spare_commitments);
  if (used == 0) return;
  for (const auto& [item, rule] : s.commitment_rules) {
    d.commitments[s.position[item]].rules.push_back(eval.policy.rules[rule].id);
  }
  // Catalogue order, then by due instant: the first thing to do comes first, and ties keep the
  // policy's order, so the order is the same for the same policy and incident.
  std::stable_sort(d.commitments.begin(), d.commitments.end(),
                   [](const Commitment& a, const Commitment& b) {
                     return a.due.utc_seconds < b.due.utc_seconds;
                   });
  warn_involved_assignees(eval, d);
}

}  // namespace redress::detail
