// Decisions as JSON, in the order rules/schema/decision.schema.json documents. Written straight
// into one string (json_out.hpp): no tree. The bytes are those nlohmann::ordered_json's dump()
// gave for the same fields before (tests/unit/io/decision_json_test.cpp keeps that version and
// compares), including invalid UTF-8 written as U+FFFD instead of an exception. One layout for
// both forms: json_out::Writer adds the separators, and indentation when asked for.
#include <algorithm>

#include "io/json/commitments_json.hpp"
#include "io/json/json_out.hpp"
#include "redress/io/decision_writer.hpp"
#include "redress/model/calendar.hpp"

namespace redress::io {
namespace {

using json_out::Writer;

/// Enums (a vector, or a span into the policy) as a JSON list of their names.
template <typename Enums>
void write_enum_list(Writer& w, const Enums& values) {
  w.begin_array();
  for (auto v : values) w.string(to_string(v));
  w.end_array();
}

// Named values as one object. A name given twice keeps its first place and its last value, as
// assigning into an ordered_json object did.
void write_named_values(Writer& w, const std::vector<NamedValue>& values) {
  w.begin_object();
  const auto begin = values.begin();
  for (auto it = begin; it != values.end(); ++it) {
    const auto same = [&it](const NamedValue& other) { return other.name == it->name; };
    if (std::any_of(begin, it, same)) continue;
    const auto last = std::find_if(values.rbegin(), values.rend(), same);
    w.dynamic_key(it->name);
    w.value(last->value);
  }
  w.end_object();
}

void write_classification(Writer& w, const Classification& c) {
  w.begin_object();
  w.key("category");
  w.string(c.category);
  w.key("category_path");
  w.strings(c.category_path);
  w.key("failure_type");
  w.string(to_string(c.failure_type));
  w.key("magnitude");
  w.string(to_string(c.magnitude));
  w.key("emotion");
  w.string(to_string(c.emotion));
  w.key("intensity");
  w.integer(c.intensity);
  w.key("deficits");
  write_enum_list(w, c.deficits);
  w.key("tier");
  w.string(to_string(c.tier));
  w.key("derived");
  write_named_values(w, c.derived);
  w.end_object();
}

void write_deadlines(Writer& w, const Deadlines& d) {
  w.begin_object();
  w.key("calendar");
  w.string(d.calendar);
  w.key("first_response_target");
  w.duration(d.first_response_target);
  w.key("first_response_due");
  w.timestamp(d.first_response_due);
  w.key("resolution_target");
  w.duration(d.resolution_target);
  w.key("resolution_due");
  w.timestamp(d.resolution_due);
  w.end_object();
}

void write_clock(Writer& w, const StatutoryClock& c) {
  w.begin_object();
  w.key("id");
  w.string(c.id);
  w.key("title");
  w.string(c.title);
  w.key("basis");
  w.string(c.basis);
  w.key("calendar");
  w.string(c.calendar);
  w.key("start");
  w.string(to_string(c.start));
  w.key("started");
  w.timestamp(c.started);
  w.key("period");
  w.string(c.period);
  w.key("due");
  w.timestamp(c.due);
  w.key("extensions");
  w.begin_array();
  for (const auto& e : c.extensions) {
    w.begin_object();
    w.key("period");
    w.string(e.period);
    w.key("due");
    w.timestamp(e.due);
    w.key("when");
    w.string(e.when);
    w.key("holding_reply");
    w.string(e.holding_reply);
    w.end_object();
  }
  w.end_array();
  w.key("final_reply");
  w.strings(c.final_reply);
  w.key("referral");
  if (c.referral_body.empty()) {
    w.null();
  } else {
    w.begin_object();
    w.key("body");
    w.string(c.referral_body);
    w.key("within");
    w.string(c.referral_within);
    w.end_object();
  }
  w.key("rules");
  w.strings(c.rules);
  w.end_object();
}

void write_remedies(Writer& w, const std::vector<RemedyOffer>& remedies) {
  w.begin_array();
  for (const auto& r : remedies) {
    w.begin_object();
    w.key("id");
    w.string(r.id);
    w.key("amount");
    w.optional_money(r.amount);
    w.key("covers");
    write_enum_list(w, r.covers);
    w.key("goodwill");
    w.boolean(r.goodwill);
    w.key("text");
    w.string(r.text);
    w.key("rules");
    w.strings(r.rules);
    w.offer_terms(r);
    if (r.capped_from) {
      w.key("capped_from");
      w.money(*r.capped_from);
    }
    w.end_object();
  }
  w.end_array();
}

void write_options(Writer& w, const std::vector<RemedyOptions>& options) {
  w.begin_array();
  for (const auto& o : options) {
    w.begin_object();
    w.key("id");
    w.string(o.id);
    w.key("choose");
    w.string("one");
    w.key("of");
    w.strings(o.of);
    w.key("rules");
    w.strings(o.rules);
    w.end_object();
  }
  w.end_array();
}

void write_cap(Writer& w, const GoodwillCap& cap) {
  w.begin_object();
  w.key("per_incident");
  w.optional_money(cap.per_incident);
  w.key("per_customer");
  w.optional_money(cap.per_customer);
  w.key("window_days");
  w.integer(cap.window_days);
  w.key("given");
  w.money(cap.given);
  w.key("given_window_days");
  w.integer(cap.given_window_days);
  w.key("requested");
  w.money(cap.requested);
  w.key("allowed");
  w.money(cap.allowed);
  w.key("reductions");
  w.begin_array();
  for (const auto& r : cap.reductions) {
    w.begin_object();
    w.key("remedy");
    w.string(r.remedy);
    w.key("from");
    w.money(r.from);
    w.key("to");
    w.money(r.to);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void write_coverage(Writer& w, const std::vector<JusticeCoverage>& coverage) {
  w.begin_array();
  for (const auto& c : coverage) {
    w.begin_object();
    w.key("dimension");
    w.string(to_string(c.dimension));
    w.key("covered");
    w.boolean(c.covered);
    w.key("by");
    w.strings(c.by);
    w.end_object();
  }
  w.end_array();
}

std::string_view outcome_name(TraceEntry::Outcome outcome) {
  switch (outcome) {
    case TraceEntry::Outcome::fired:
      return "fired";
    case TraceEntry::Outcome::not_matched:
      return "not_matched";
    case TraceEntry::Outcome::skipped:
      return "skipped";
  }
  return "not_matched";
}

void write_trace(Writer& w, const std::vector<TraceEntry>& trace) {
  w.begin_array();
  for (const auto& t : trace) {
    w.begin_object();
    w.key("rule");
    w.string(t.rule);
    w.key("outcome");
    w.string(outcome_name(t.outcome));
    if (!t.group.empty()) {
      w.key("group");
      w.string(t.group);
    }
    if (!t.note.empty()) {
      w.key("note");
      w.string(t.note);
    }
    w.key("read");
    write_named_values(w, t.read);
    w.key("actions");
    w.strings(t.actions);
    w.end_object();
  }
  w.end_array();
}

void write_decision(Writer& w, const Decision& d, const WriteOptions& options) {
  w.begin_object();
  w.key("incident");
  w.string(d.incident_id);
  if (!d.group.empty()) {  // the key is left out for an incident that stands alone
    w.key("group");
    w.begin_object();
    w.key("id");
    w.string(d.group);
    w.key("affected_count");
    w.integer(d.affected_count);
    w.end_object();
  }
  w.key("policy");
  w.begin_object();
  w.key("id");
  w.string(d.policy.id);
  w.key("version");
  w.string(d.policy.version);
  w.key("hash");
  w.string(d.policy.hash);
  w.end_object();
  if (d.in_force) {
    w.key("in_force");
    w.begin_object();
    w.key("as_of");
    w.string(format_local_date(d.in_force->date));
    w.key("basis");
    w.string(to_string(d.in_force->basis));
    w.end_object();
  }
  w.key("classification");
  write_classification(w, d.classification);
  w.key("priority");
  w.integer(d.priority);
  w.key("deadlines");
  write_deadlines(w, d.deadlines);
  w.key("clocks");
  w.begin_array();
  for (const auto& clock : d.clocks) write_clock(w, clock);
  w.end_array();
  if (!d.commitments.empty()) {
    w.key("commitments");
    json_out::write_commitments(w, d.commitments);
  }
  w.key("remedies");
  write_remedies(w, d.remedies);
  if (!d.options.empty()) {
    w.key("options");
    write_options(w, d.options);
  }
  w.key("justice_coverage");
  write_coverage(w, d.coverage);
  w.key("compensation_total");
  w.money(d.compensation_total);
  w.key("goodwill_total");
  w.money(d.goodwill_total);
  w.key("restitution_total");
  w.money(d.restitution_total);
  if (d.cap) {
    w.key("cap");
    write_cap(w, *d.cap);
  }
  w.key("owner");
  w.string(d.owner);
  w.key("owner_authority");
  w.optional_money(d.owner_authority);
  w.key("escalation_path");
  w.strings(d.escalation_path);
  if (d.recusal) {
    w.key("recusal");
    json_out::write_recusal(w, *d.recusal);
  }
  w.key("departments");
  w.strings(d.departments);
  w.key("communication");
  w.begin_array();
  for (const auto& step : d.communication) {
    w.begin_object();
    w.key("id");
    w.string(step.id);
    w.key("text");
    w.string(step.text);
    w.key("rules");
    w.strings(step.rules);
    w.end_object();
  }
  w.end_array();
  w.key("warnings");
  w.begin_array();
  for (const auto& warning : d.warnings) {
    w.begin_object();
    w.key("code");
    w.string(warning.code);
    w.key("message");
    w.string(warning.message);
    w.end_object();
  }
  w.end_array();
  if (options.trace) {
    w.key("trace");
    write_trace(w, d.trace);
    if (!d.owner_trace.empty()) {
      w.key("owner_trace");
      w.strings(d.owner_trace);
    }
  }
  w.end_object();
}

}  // namespace

namespace json_out {

void append_decision(Appender& out, const Decision& d, bool trace) {
  Writer w(out, -1);
  WriteOptions options;
  options.indent = -1;
  options.trace = trace;
  write_decision(w, d, options);
}

void append_decision(std::string& out, const Decision& d, const WriteOptions& options) {
  Writer w(out, options.indent);
  write_decision(w, d, options);
}

}  // namespace json_out

std::size_t write_json_line(std::string& buffer, std::size_t at, const Decision& decision,
                            bool trace) {
  json_out::Appender out(buffer, at);
  json_out::append_decision(out, decision, trace);
  return out.used();
}

std::string to_json(const Decision& d, const WriteOptions& options) {
  std::string out;
  // A decision without trace is about 1.8 kB on one line; one allocation covers most.
  out.reserve((options.indent < 0 ? 2048 : 4096) + (options.trace ? 512 * d.trace.size() : 0));
  json_out::append_decision(out, d, options);
  return out;
}

}  // namespace redress::io
