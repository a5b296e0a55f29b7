// Decisions as JSON, in the order rules/schema/decision.schema.json documents. Written straight
// into one string (json_out.hpp): no tree. The bytes are those nlohmann::ordered_json's dump()
// gave for the same fields before (tests/unit/io/decision_json_test.cpp keeps that version and
// compares), including invalid UTF-8 written as U+FFFD instead of an exception. One-line JSON
// (what `redress batch` writes, a million times over) has its own writer below, of literal
// fragments through a cursor; the indented form goes through json_out::Writer.
#include <algorithm>
#include <array>
#include <cstring>

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
    w.key(it->name);
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
  w.string(d.first_response_target.to_string());
  w.key("first_response_due");
  w.string(d.first_response_due.to_string());
  w.key("resolution_target");
  w.string(d.resolution_target.to_string());
  w.key("resolution_due");
  w.string(d.resolution_due.to_string());
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

// ---- one line: the same bytes as Writer with indent -1, written as literal fragments ----------

namespace line {

using json_out::Appender;

void money(Appender& a, const Money& m) {
  a.raw(R"({"minor":)");
  a.integer(m.minor());
  a.raw(R"(,"currency":)");
  a.string(m.currency().code());
  a.raw('}');
}

void optional_money(Appender& a, const std::optional<Money>& m) {
  if (m) {
    money(a, *m);
  } else {
    a.raw("null");
  }
}

template <typename Range>
void strings(Appender& a, const Range& values) {
  a.raw('[');
  bool first = true;
  for (const auto& v : values) {
    if (!first) a.raw(',');
    first = false;
    a.string(v);
  }
  a.raw(']');
}

template <typename Enums>
void enum_list(Appender& a, const Enums& values) {
  a.raw('[');
  bool first = true;
  for (auto v : values) {
    if (!first) a.raw(',');
    first = false;
    a.string(to_string(v));
  }
  a.raw(']');
}

void boolean(Appender& a, bool value) { a.raw(value ? std::string_view("true") : "false"); }

void value(Appender& a, const FactValue& v) {
  boost::variant2::visit(
      [&a](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, Money>) {
          money(a, x);
        } else if constexpr (std::is_same_v<T, Symbol>) {
          a.string(x.name);
        } else if constexpr (std::is_same_v<T, SymbolSet>) {
          strings(a, x.names);
        } else if constexpr (std::is_same_v<T, bool>) {
          boolean(a, x);
        } else {
          a.integer(x);
        }
      },
      v);
}

// As write_named_values: a name given twice keeps its first place and its last value.
void named_values(Appender& a, const std::vector<NamedValue>& values) {
  a.raw('{');
  const auto begin = values.begin();
  bool first = true;
  for (auto it = begin; it != values.end(); ++it) {
    const auto same = [&it](const NamedValue& other) { return other.name == it->name; };
    if (std::any_of(begin, it, same)) continue;
    const auto last = std::find_if(values.rbegin(), values.rend(), same);
    if (!first) a.raw(',');
    first = false;
    a.string(it->name);
    a.raw(':');
    value(a, last->value);
  }
  a.raw('}');
}

// Two decimal digits, "00" to "99".
constexpr std::array<char, 200> kPairs = [] {
  std::array<char, 200> pairs{};
  for (int i = 0; i < 100; ++i) {
    pairs[static_cast<std::size_t>(2 * i)] = static_cast<char>('0' + i / 10);
    pairs[static_cast<std::size_t>(2 * i + 1)] = static_cast<char>('0' + i % 10);
  }
  return pairs;
}();

char* two_digits(char* p, std::int64_t value) {
  std::memcpy(p, &kPairs[static_cast<std::size_t>(2 * value)], 2);
  return p + 2;
}

// Timestamp::to_string() as a JSON string, without its fmt::format for the years 0000 to 9999
// (the proleptic Gregorian date of a day count, as std::chrono::year_month_day gives it:
// H. Hinnant's civil_from_days).
void timestamp(Appender& a, const Timestamp& t) {
  constexpr std::int64_t kDay = 86400;
  const std::int64_t local = t.utc_seconds + std::int64_t{t.offset_minutes} * 60;
  std::int64_t days = local / kDay;
  if (local % kDay < 0) --days;
  const std::int64_t secs = local - days * kDay;
  const std::int32_t abs_offset = t.offset_minutes < 0 ? -t.offset_minutes : t.offset_minutes;
  if (days < -719468 || days > 2932896 || abs_offset >= 100 * 60) {  // outside 0000-03..9999
    a.string(t.to_string());
    return;
  }
  const std::int64_t z = days + 719468;  // days since 0000-03-01, >= 0 here
  const std::int64_t era = z / 146097;
  const std::int64_t doe = z - era * 146097;                                       // [0, 146096]
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const std::int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
  const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;                           // [1, 31]
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;                            // [1, 12]
  const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  char text[27];  // "YYYY-MM-DDThh:mm:ss+hh:mm" in quotes
  char* p = text;
  *p++ = '"';
  p = two_digits(p, year / 100);
  p = two_digits(p, year % 100);
  *p++ = '-';
  p = two_digits(p, month);
  *p++ = '-';
  p = two_digits(p, day);
  *p++ = 'T';
  p = two_digits(p, secs / 3600);
  *p++ = ':';
  p = two_digits(p, secs / 60 % 60);
  *p++ = ':';
  p = two_digits(p, secs % 60);
  *p++ = t.offset_minutes < 0 ? '-' : '+';
  p = two_digits(p, abs_offset / 60);
  *p++ = ':';
  p = two_digits(p, abs_offset % 60);
  *p++ = '"';
  a.raw(std::string_view(text, sizeof text));
}

// Duration::to_string() as a JSON string.
void duration(Appender& a, const Duration& d) {
  a.raw('"');
  a.integer(d.amount);
  switch (d.unit) {
    case DurationUnit::hours:
      a.raw("h\"");
      return;
    case DurationUnit::days:
      a.raw("d\"");
      return;
    case DurationUnit::business_hours:
      a.raw(" business_hours\"");
      return;
    case DurationUnit::business_days:
      a.raw(" business_days\"");
      return;
    case DurationUnit::minutes:
      break;
  }
  a.raw("m\"");
}

void classification(Appender& a, const Classification& c) {
  a.raw(R"({"category":)");
  a.string(c.category);
  a.raw(R"(,"category_path":)");
  strings(a, c.category_path);
  a.raw(R"(,"failure_type":)");
  a.string(to_string(c.failure_type));
  a.raw(R"(,"magnitude":)");
  a.string(to_string(c.magnitude));
  a.raw(R"(,"emotion":)");
  a.string(to_string(c.emotion));
  a.raw(R"(,"intensity":)");
  a.integer(c.intensity);
  a.raw(R"(,"deficits":)");
  enum_list(a, c.deficits);
  a.raw(R"(,"tier":)");
  a.string(to_string(c.tier));
  a.raw(R"(,"derived":)");
  named_values(a, c.derived);
  a.raw('}');
}

void deadlines(Appender& a, const Deadlines& d) {
  a.raw(R"({"calendar":)");
  a.string(d.calendar);
  a.raw(R"(,"first_response_target":)");
  duration(a, d.first_response_target);
  a.raw(R"(,"first_response_due":)");
  timestamp(a, d.first_response_due);
  a.raw(R"(,"resolution_target":)");
  duration(a, d.resolution_target);
  a.raw(R"(,"resolution_due":)");
  timestamp(a, d.resolution_due);
  a.raw('}');
}

void remedies(Appender& a, const std::vector<RemedyOffer>& remedies) {
  a.raw('[');
  bool first = true;
  for (const auto& r : remedies) {
    a.raw(first ? std::string_view(R"({"id":)") : R"(,{"id":)");
    first = false;
    a.string(r.id);
    a.raw(R"(,"amount":)");
    optional_money(a, r.amount);
    a.raw(R"(,"covers":)");
    enum_list(a, r.covers);
    a.raw(R"(,"goodwill":)");
    boolean(a, r.goodwill);
    a.raw(R"(,"text":)");
    a.string(r.text);
    a.raw(R"(,"rules":)");
    strings(a, r.rules);
    a.raw('}');
  }
  a.raw(']');
}

void coverage(Appender& a, const std::vector<JusticeCoverage>& coverage) {
  a.raw('[');
  bool first = true;
  for (const auto& c : coverage) {
    a.raw(first ? std::string_view(R"({"dimension":)") : R"(,{"dimension":)");
    first = false;
    a.string(to_string(c.dimension));
    a.raw(R"(,"covered":)");
    boolean(a, c.covered);
    a.raw(R"(,"by":)");
    strings(a, c.by);
    a.raw('}');
  }
  a.raw(']');
}

void trace(Appender& a, const std::vector<TraceEntry>& trace) {
  a.raw('[');
  bool first = true;
  for (const auto& t : trace) {
    a.raw(first ? std::string_view(R"({"rule":)") : R"(,{"rule":)");
    first = false;
    a.string(t.rule);
    a.raw(R"(,"outcome":)");
    a.string(outcome_name(t.outcome));
    if (!t.group.empty()) {
      a.raw(R"(,"group":)");
      a.string(t.group);
    }
    if (!t.note.empty()) {
      a.raw(R"(,"note":)");
      a.string(t.note);
    }
    a.raw(R"(,"read":)");
    named_values(a, t.read);
    a.raw(R"(,"actions":)");
    strings(a, t.actions);
    a.raw('}');
  }
  a.raw(']');
}

void decision(Appender& a, const Decision& d, bool with_trace) {
  a.raw(R"({"incident":)");
  a.string(d.incident_id);
  a.raw(R"(,"policy":{"id":)");
  a.string(d.policy.id);
  a.raw(R"(,"version":)");
  a.string(d.policy.version);
  a.raw(R"(,"hash":)");
  a.string(d.policy.hash);
  a.raw(R"(},"classification":)");
  classification(a, d.classification);
  a.raw(R"(,"priority":)");
  a.integer(d.priority);
  a.raw(R"(,"deadlines":)");
  deadlines(a, d.deadlines);
  a.raw(R"(,"remedies":)");
  remedies(a, d.remedies);
  a.raw(R"(,"justice_coverage":)");
  coverage(a, d.coverage);
  a.raw(R"(,"compensation_total":)");
  money(a, d.compensation_total);
  a.raw(R"(,"goodwill_total":)");
  money(a, d.goodwill_total);
  a.raw(R"(,"restitution_total":)");
  money(a, d.restitution_total);
  a.raw(R"(,"owner":)");
  a.string(d.owner);
  a.raw(R"(,"owner_authority":)");
  optional_money(a, d.owner_authority);
  a.raw(R"(,"escalation_path":)");
  strings(a, d.escalation_path);
  a.raw(R"(,"departments":)");
  strings(a, d.departments);
  a.raw(R"(,"communication":[)");
  bool first = true;
  for (const auto& step : d.communication) {
    a.raw(first ? std::string_view(R"({"id":)") : R"(,{"id":)");
    first = false;
    a.string(step.id);
    a.raw(R"(,"text":)");
    a.string(step.text);
    a.raw(R"(,"rules":)");
    strings(a, step.rules);
    a.raw('}');
  }
  a.raw(R"(],"warnings":[)");
  first = true;
  for (const auto& warning : d.warnings) {
    a.raw(first ? std::string_view(R"({"code":)") : R"(,{"code":)");
    first = false;
    a.string(warning.code);
    a.raw(R"(,"message":)");
    a.string(warning.message);
    a.raw('}');
  }
  a.raw(']');
  if (with_trace) {
    a.raw(R"(,"trace":)");
    trace(a, d.trace);
  }
  a.raw('}');
}

}  // namespace line

}  // namespace

namespace json_out {

void append_decision(Appender& out, const Decision& d, bool trace) {
  line::decision(out, d, trace);
}

void append_decision(std::string& out, const Decision& d, const WriteOptions& options) {
  if (options.indent < 0) {
    Appender a(out);
    line::decision(a, d, options.trace);
    a.finish();
  } else {
    Writer w(out, options.indent);
    write_decision(w, d, options);
  }
}

}  // namespace json_out

std::string to_json(const Decision& d, const WriteOptions& options) {
  std::string out;
  // A decision without trace is about 1.8 kB on one line; one allocation covers most.
  out.reserve((options.indent < 0 ? 2048 : 4096) + (options.trace ? 512 * d.trace.size() : 0));
  json_out::append_decision(out, d, options);
  return out;
}

}  // namespace redress::io
