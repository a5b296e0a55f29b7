// Decisions as JSON, in the order rules/schema/decision.schema.json documents. Written straight
// into one string (json_out.hpp): no tree. The bytes are those nlohmann::ordered_json's dump()
// gave for the same fields before (tests/unit/io/decision_json_test.cpp keeps that version and
// compares), including invalid UTF-8 written as U+FFFD instead of an exception. One layout for
// both forms: json_out::Writer adds the separators, and indentation when asked for.
#include <algorithm>

#include "io/json/json_out.hpp"
#include "redress/io/decision_writer.hpp"

namespace redress::io {
namespace {

using json_out::Writer;

void write_money(Writer& w, const Money& money) {
  w.begin_object();
  w.key("minor");
  w.integer(money.minor());
  w.key("currency");
  w.string(money.currency().code());
  w.end_object();
}

void write_optional_money(Writer& w, const std::optional<Money>& money) {
  if (money) {
    write_money(w, *money);
  } else {
    w.null();
  }
}

/// Enums (a vector, or a span into the policy) as a JSON list of their names.
template <typename Enums>
void write_enum_list(Writer& w, const Enums& values) {
  w.begin_array();
  for (auto v : values) w.string(to_string(v));
  w.end_array();
}

void write_value(Writer& w, const FactValue& value) {
  boost::variant2::visit(
      [&w](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, Money>) {
          write_money(w, v);
        } else if constexpr (std::is_same_v<T, Symbol>) {
          w.string(v.name);
        } else if constexpr (std::is_same_v<T, SymbolSet>) {
          w.strings(v.names);
        } else if constexpr (std::is_same_v<T, bool>) {
          w.boolean(v);
        } else {
          w.integer(v);
        }
      },
      value);
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
    write_value(w, last->value);
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

void write_remedies(Writer& w, const std::vector<RemedyOffer>& remedies) {
  w.begin_array();
  for (const auto& r : remedies) {
    w.begin_object();
    w.key("id");
    w.string(r.id);
    w.key("amount");
    write_optional_money(w, r.amount);
    w.key("covers");
    write_enum_list(w, r.covers);
    w.key("goodwill");
    w.boolean(r.goodwill);
    w.key("text");
    w.string(r.text);
    w.key("rules");
    w.strings(r.rules);
    w.end_object();
  }
  w.end_array();
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
  w.key("policy");
  w.begin_object();
  w.key("id");
  w.string(d.policy.id);
  w.key("version");
  w.string(d.policy.version);
  w.key("hash");
  w.string(d.policy.hash);
  w.end_object();
  w.key("classification");
  write_classification(w, d.classification);
  w.key("priority");
  w.integer(d.priority);
  w.key("deadlines");
  write_deadlines(w, d.deadlines);
  w.key("remedies");
  write_remedies(w, d.remedies);
  w.key("justice_coverage");
  write_coverage(w, d.coverage);
  w.key("compensation_total");
  write_money(w, d.compensation_total);
  w.key("goodwill_total");
  write_money(w, d.goodwill_total);
  w.key("restitution_total");
  write_money(w, d.restitution_total);
  w.key("owner");
  w.string(d.owner);
  w.key("owner_authority");
  write_optional_money(w, d.owner_authority);
  w.key("escalation_path");
  w.strings(d.escalation_path);
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
