// Decisions for people: what the agent reads on screen.
#include <fmt/format.h>

#include "redress/io/decision_writer.hpp"
#include "redress/model/calendar.hpp"

namespace redress::io {
namespace {

template <typename Enums>
std::string join_enums(const Enums& values) {
  std::vector<std::string_view> names;
  for (auto v : values) names.push_back(to_string(v));
  return fmt::format("{}", fmt::join(names, ", "));
}

void write_header(const Decision& d, std::string& out) {
  const auto& c = d.classification;
  out +=
      fmt::format("Decision for {} (policy {} {})\n", d.incident_id, d.policy.id, d.policy.version);
  if (!d.group.empty()) {
    out += fmt::format("  group       {} ({} affected)\n", d.group, d.affected_count);
  }
  out += fmt::format("  category    {} ({}, {})\n", c.category, to_string(c.failure_type),
                     to_string(c.magnitude));
  out += fmt::format("  customer    {} tier, {} (intensity {})", to_string(c.tier),
                     to_string(c.emotion), c.intensity);
  if (!c.deficits.empty()) out += fmt::format(", missing {} justice", join_enums(c.deficits));
  out += "\n";
  if (!c.derived.empty()) {
    std::vector<std::string> facts;
    for (const auto& [name, value] : c.derived) {
      facts.push_back(fmt::format("{}={}", name, to_string(value)));
    }
    out += fmt::format("  derived     {}\n", fmt::join(facts, ", "));
  }
  out += fmt::format("  priority    P{}\n", d.priority);
  out += fmt::format("  respond by  {} ({})\n", d.deadlines.first_response_due.to_string(),
                     d.deadlines.first_response_target.to_string());
  out += fmt::format("  resolve by  {} ({})\n", d.deadlines.resolution_due.to_string(),
                     d.deadlines.resolution_target.to_string());
  if (d.in_force) {
    out += fmt::format("  in force    as of {} ({})\n", format_local_date(d.in_force->date),
                       to_string(d.in_force->basis));
  }
}

void write_clocks(const Decision& d, std::string& out) {
  if (d.clocks.empty()) return;
  out += "Statutory clocks\n";
  for (const auto& c : d.clocks) {
    const auto calendar = c.calendar.empty() ? std::string{} : fmt::format(", {}", c.calendar);
    out += fmt::format("  - {} due {} ({} from {}{})  ({})\n", c.id, c.due.to_string(), c.period,
                       to_string(c.start), calendar, fmt::join(c.rules, ", "));
    if (!c.title.empty()) out += fmt::format("      {}\n", c.title);
    if (!c.basis.empty()) out += fmt::format("      basis: {}\n", c.basis);
    for (const auto& e : c.extensions) {
      out += fmt::format("      may extend to {} ({}){}{}\n", e.due.to_string(), e.period,
                         e.when.empty() ? "" : fmt::format(" when {}", e.when),
                         e.holding_reply.empty()
                             ? std::string{}
                             : fmt::format("; holding reply: {}", e.holding_reply));
    }
    for (const auto& item : c.final_reply) out += fmt::format("      final reply: {}\n", item);
    if (!c.referral_body.empty()) {
      out += fmt::format("      referral: {}{}\n", c.referral_body,
                         c.referral_within.empty()
                             ? std::string{}
                             : fmt::format(" (within {} of the final reply)", c.referral_within));
    }
  }
}

void write_commitments(const Decision& d, std::string& out) {
  if (d.commitments.empty()) return;
  out += "Commitments\n";
  for (const auto& c : d.commitments) {
    const auto calendar = c.calendar.empty() ? std::string{} : fmt::format(", {}", c.calendar);
    out += fmt::format("  - {} {} by {}: due {} ({} from {}{})  ({})\n", to_string(c.kind), c.id,
                       c.assignee, c.due.to_string(), c.due_text, to_string(c.start), calendar,
                       fmt::join(c.rules, ", "));
    if (!c.text.empty()) out += fmt::format("      {}\n", c.text);
    if (c.every.empty()) continue;
    std::vector<std::string> following;
    for (const auto& due : c.following) following.push_back(due.to_string());
    out += fmt::format("      every {} until {}; then due {}, ...\n", c.every, c.until,
                       fmt::join(following, ", "));
  }
}

void write_remedies(const Decision& d, std::string& out) {
  out += "Remedies\n";
  for (const auto& r : d.remedies) {
    // The amount is formatted by fmt, not by string concatenation, which GCC 12 at -O3
    // reports as a false -Wrestrict overlap.
    const auto amount = r.amount ? fmt::format(" {}", r.amount->to_string()) : std::string{};
    const auto kind = r.amount ? (r.goodwill ? " goodwill" : " restitution") : "";
    out += fmt::format("  - {}{}{} [{}]  ({})\n", r.id, amount, kind, join_enums(r.covers),
                       fmt::join(r.rules, ", "));
    if (!r.option.empty())
      out += fmt::format("      option of '{}': the customer chooses\n", r.option);
    if (!r.instead_of.empty())
      out += fmt::format("      instead of {}, not available\n", r.instead_of);
    if (!r.contingent.empty()) {
      out += fmt::format("      contingent on: {} (not in the totals)\n", r.contingent);
    }
    if (r.capped_from) out += fmt::format("      capped from {}\n", r.capped_from->to_string());
    if (!r.text.empty()) out += fmt::format("      {}\n", r.text);
  }
  for (const auto& o : d.options) {
    out += fmt::format("  choice '{}': one of {}\n", o.id, fmt::join(o.of, ", "));
  }
  out += fmt::format("  compensation {} (goodwill {}, restitution {})\n",
                     d.compensation_total.to_string(), d.goodwill_total.to_string(),
                     d.restitution_total.to_string());
  if (d.cap) {
    out += fmt::format("  goodwill cap {} (requested {})\n", d.cap->allowed.to_string(),
                       d.cap->requested.to_string());
  }
  for (const auto& c : d.coverage) {
    out += fmt::format("  {} justice: {}\n", to_string(c.dimension),
                       c.covered ? fmt::format("covered by {}", fmt::join(c.by, ", "))
                                 : std::string("NOT covered"));
  }
}

void write_handling(const Decision& d, std::string& out) {
  out += fmt::format("Owner         {}", d.owner);
  out += d.owner_authority ? fmt::format(" (authority {})\n", d.owner_authority->to_string())
                           : std::string(" (unlimited authority)\n");
  out += fmt::format("Escalation    {}\n", fmt::join(d.escalation_path, " > "));
  if (d.recusal) {
    std::vector<std::string_view> skipped;
    for (const auto& s : d.recusal->skipped) skipped.push_back(s.role);
    out += fmt::format(
        "Recusal       required by {}; involved: {}{}\n", fmt::join(d.recusal->required_by, ", "),
        d.recusal->involved.empty() ? std::string("none")
                                    : fmt::format("{}", fmt::join(d.recusal->involved, ", ")),
        skipped.empty() ? std::string{} : fmt::format("; skipped {}", fmt::join(skipped, ", ")));
  }
  if (!d.departments.empty())
    out += fmt::format("Departments   {}\n", fmt::join(d.departments, ", "));
  if (!d.communication.empty()) {
    out += "How to talk\n";
    int n = 1;
    for (const auto& step : d.communication) {
      out += fmt::format("  {}. {}{}{}\n", n++, step.id, step.text.empty() ? "" : ": ", step.text);
    }
  }
  for (const auto& w : d.warnings) out += fmt::format("warning[{}]: {}\n", w.code, w.message);
}

void write_trace(const Decision& d, std::string& out) {
  out += "Trace\n";
  for (const auto& t : d.trace) {
    const char* mark = t.outcome == TraceEntry::Outcome::fired     ? "fired  "
                       : t.outcome == TraceEntry::Outcome::skipped ? "skipped"
                                                                   : "-      ";
    out += fmt::format("  {} {}", mark, t.rule);
    if (!t.read.empty()) {
      std::vector<std::string> reads;
      for (const auto& [name, value] : t.read) {
        reads.push_back(fmt::format("{}={}", name, to_string(value)));
      }
      out += fmt::format("  [{}]", fmt::join(reads, ", "));
    }
    if (!t.note.empty()) out += fmt::format("  ({})", t.note);
    out += "\n";
    for (const auto& action : t.actions) out += fmt::format("          -> {}\n", action);
  }
  for (const auto& line : d.owner_trace) out += fmt::format("  owner   {}\n", line);
}

}  // namespace

std::string to_text(const Decision& d, const WriteOptions& options) {
  std::string out;
  write_header(d, out);
  write_clocks(d, out);
  write_commitments(d, out);
  write_remedies(d, out);
  write_handling(d, out);
  if (options.trace) write_trace(d, out);
  return out;
}

}  // namespace redress::io
