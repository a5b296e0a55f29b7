// io::to_json(Decision) writes straight into a string; it must give exactly the bytes the
// nlohmann::ordered_json version gave (kept here as the reference), one line and indented, with
// and without trace, for every sample incident, the 2000 R1 incidents and nasty strings.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>

#include <redress/io/decision_writer.hpp>
#include <redress/redress.hpp>

#include "../../../bench/r1_common.hpp"
#include "support/fixtures.hpp"

namespace {

using namespace redress;

// ---- the reference: src/io/json/decision_json.cpp as it was, built on nlohmann, and kept ----
// ---- in step with it: a field the writer gains is added here too -----------------------------
namespace reference {

using Json = nlohmann::ordered_json;

Json money_json(const Money& money) {
  return Json{{"minor", money.minor()}, {"currency", std::string(money.currency().code())}};
}

template <typename Enums>
Json enum_list(const Enums& values) {
  Json out = Json::array();
  for (auto v : values) out.push_back(std::string(to_string(v)));
  return out;
}

Json value_json(const FactValue& value) {
  return boost::variant2::visit(
      [](const auto& v) -> Json {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, Money>) {
          return money_json(v);
        } else if constexpr (std::is_same_v<T, Symbol>) {
          return v.name;
        } else if constexpr (std::is_same_v<T, SymbolSet>) {
          return v.names;
        } else {
          return v;
        }
      },
      value);
}

Json classification_json(const Classification& c) {
  Json derived = Json::object();
  for (const auto& [name, value] : c.derived) derived[name] = value_json(value);
  return Json{{"category", c.category},
              {"category_path", c.category_path},
              {"failure_type", std::string(to_string(c.failure_type))},
              {"magnitude", std::string(to_string(c.magnitude))},
              {"emotion", std::string(to_string(c.emotion))},
              {"intensity", c.intensity},
              {"deficits", enum_list(c.deficits)},
              {"tier", std::string(to_string(c.tier))},
              {"derived", derived}};
}

Json deadlines_json(const Deadlines& d) {
  return Json{{"calendar", d.calendar},
              {"first_response_target", d.first_response_target.to_string()},
              {"first_response_due", d.first_response_due.to_string()},
              {"resolution_target", d.resolution_target.to_string()},
              {"resolution_due", d.resolution_due.to_string()}};
}

Json remedies_json(const std::vector<RemedyOffer>& remedies) {
  Json out = Json::array();
  for (const auto& r : remedies) {
    Json offer{{"id", r.id},
               {"amount", r.amount ? money_json(*r.amount) : Json(nullptr)},
               {"covers", enum_list(r.covers)},
               {"goodwill", r.goodwill},
               {"text", r.text},
               {"rules", r.rules}};
    if (!r.option.empty()) offer["option"] = r.option;
    if (!r.instead_of.empty()) offer["instead_of"] = r.instead_of;
    if (!r.contingent.empty()) offer["contingent"] = r.contingent;
    if (r.capped_from) offer["capped_from"] = money_json(*r.capped_from);
    out.push_back(std::move(offer));
  }
  return out;
}

Json coverage_json(const std::vector<JusticeCoverage>& coverage) {
  Json out = Json::array();
  for (const auto& c : coverage) {
    out.push_back(Json{
        {"dimension", std::string(to_string(c.dimension))}, {"covered", c.covered}, {"by", c.by}});
  }
  return out;
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

Json trace_json(const std::vector<TraceEntry>& trace) {
  Json out = Json::array();
  for (const auto& t : trace) {
    Json read = Json::object();
    for (const auto& [name, value] : t.read) read[name] = value_json(value);
    Json entry{{"rule", t.rule}, {"outcome", std::string(outcome_name(t.outcome))}};
    if (!t.group.empty()) entry["group"] = t.group;
    if (!t.note.empty()) entry["note"] = t.note;
    entry["read"] = read;
    entry["actions"] = t.actions;
    out.push_back(std::move(entry));
  }
  return out;
}

Json clocks_json(const std::vector<StatutoryClock>& clocks) {
  Json out = Json::array();
  for (const auto& c : clocks) {
    Json extensions = Json::array();
    for (const auto& e : c.extensions) {
      extensions.push_back(Json{{"period", e.period},
                                {"due", e.due.to_string()},
                                {"when", e.when},
                                {"holding_reply", e.holding_reply}});
    }
    std::vector<std::string_view> rules(c.rules.begin(), c.rules.end());
    out.push_back(Json{{"id", c.id},
                       {"title", c.title},
                       {"basis", c.basis},
                       {"calendar", c.calendar},
                       {"start", std::string(to_string(c.start))},
                       {"started", c.started.to_string()},
                       {"period", c.period},
                       {"due", c.due.to_string()},
                       {"extensions", extensions},
                       {"final_reply", c.final_reply},
                       {"referral", c.referral_body.empty() ? Json(nullptr)
                                                            : Json{{"body", c.referral_body},
                                                                   {"within", c.referral_within}}},
                       {"rules", rules}});
  }
  return out;
}

Json commitments_json(const std::vector<Commitment>& commitments) {
  Json out = Json::array();
  for (const auto& c : commitments) {
    Json entry{{"id", c.id},
               {"kind", std::string(to_string(c.kind))},
               {"assignee", c.assignee},
               {"assignee_type", c.assignee_is_role ? "role" : "department"},
               {"text", c.text},
               {"calendar", c.calendar},
               {"start", std::string(to_string(c.start))},
               {"started", c.started.to_string()},
               {"due_text", c.due_text},
               {"due", c.due.to_string()}};
    if (!c.every.empty()) {
      Json following = Json::array();
      for (const auto& due : c.following) following.push_back(due.to_string());
      entry["every"] = c.every;
      entry["until"] = c.until;
      entry["following"] = following;
    }
    entry["rules"] = std::vector<std::string_view>(c.rules.begin(), c.rules.end());
    out.push_back(std::move(entry));
  }
  return out;
}

Json options_json(const std::vector<RemedyOptions>& options) {
  Json out = Json::array();
  for (const auto& o : options) {
    out.push_back(Json{{"id", o.id}, {"choose", "one"}, {"of", o.of}, {"rules", o.rules}});
  }
  return out;
}

Json cap_json(const GoodwillCap& cap) {
  Json reductions = Json::array();
  for (const auto& r : cap.reductions) {
    reductions.push_back(
        Json{{"remedy", r.remedy}, {"from", money_json(r.from)}, {"to", money_json(r.to)}});
  }
  return Json{{"per_incident", cap.per_incident ? money_json(*cap.per_incident) : Json(nullptr)},
              {"per_customer", cap.per_customer ? money_json(*cap.per_customer) : Json(nullptr)},
              {"window_days", cap.window_days},
              {"given", money_json(cap.given)},
              {"given_window_days", cap.given_window_days},
              {"requested", money_json(cap.requested)},
              {"allowed", money_json(cap.allowed)},
              {"reductions", reductions}};
}

Json recusal_json(const Recusal& recusal) {
  Json skipped = Json::array();
  for (const auto& s : recusal.skipped)
    skipped.push_back(Json{{"role", s.role}, {"reason", s.reason}});
  return Json{{"required_by", recusal.required_by},
              {"involved", recusal.involved},
              {"staff", recusal.staff},
              {"skipped", skipped}};
}

std::string to_json(const Decision& d, const io::WriteOptions& options) {
  Json communication = Json::array();
  for (const auto& step : d.communication) {
    communication.push_back(Json{{"id", step.id}, {"text", step.text}, {"rules", step.rules}});
  }
  Json warnings = Json::array();
  for (const auto& w : d.warnings)
    warnings.push_back(Json{{"code", w.code}, {"message", w.message}});
  // Built key by key: ordered_json keeps the order of insertion, which is the writer's.
  Json out;
  out["incident"] = d.incident_id;
  if (!d.group.empty()) out["group"] = Json{{"id", d.group}, {"affected_count", d.affected_count}};
  out["policy"] = Json{{"id", d.policy.id}, {"version", d.policy.version}, {"hash", d.policy.hash}};
  if (d.in_force) {
    out["in_force"] = Json{{"as_of", format_local_date(d.in_force->date)},
                           {"basis", std::string(to_string(d.in_force->basis))}};
  }
  out["classification"] = classification_json(d.classification);
  out["priority"] = d.priority;
  out["deadlines"] = deadlines_json(d.deadlines);
  out["clocks"] = clocks_json(d.clocks);
  if (!d.commitments.empty()) out["commitments"] = commitments_json(d.commitments);
  out["remedies"] = remedies_json(d.remedies);
  if (!d.options.empty()) out["options"] = options_json(d.options);
  out["justice_coverage"] = coverage_json(d.coverage);
  out["compensation_total"] = money_json(d.compensation_total);
  out["goodwill_total"] = money_json(d.goodwill_total);
  out["restitution_total"] = money_json(d.restitution_total);
  if (d.cap) out["cap"] = cap_json(*d.cap);
  out["owner"] = d.owner;
  out["owner_authority"] = d.owner_authority ? money_json(*d.owner_authority) : Json(nullptr);
  out["escalation_path"] = d.escalation_path;
  if (d.recusal) out["recusal"] = recusal_json(*d.recusal);
  out["departments"] = d.departments;
  out["communication"] = communication;
  out["warnings"] = warnings;
  if (options.trace) {
    out["trace"] = trace_json(d.trace);
    if (!d.owner_trace.empty()) out["owner_trace"] = d.owner_trace;
  }
  return out.dump(options.indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace reference

// ---- helpers ------------------------------------------------------------------------------------

// Compares both writers for indent -1 and 2 (and the other indents nlohmann accepts), with and
// without trace. Returns the number of mismatches so that loops over thousands of decisions do
// not drown the report; the first few are shown in full.
int compare(const Decision& d, const std::string& what, std::vector<int> indents = {-1, 2}) {
  static int shown = 0;
  int mismatches = 0;
  for (bool trace : {false, true}) {
    for (int indent : indents) {
      io::WriteOptions options;
      options.trace = trace;
      options.indent = indent;
      const auto expected = reference::to_json(d, options);
      const auto actual = io::to_json(d, options);
      if (actual != expected) {
        ++mismatches;
        if (shown++ < 3) {
          INFO(what << " indent " << indent << " trace " << trace);
          CHECK(actual == expected);
        }
      }
    }
  }
  return mismatches;
}

std::shared_ptr<const CompiledPolicy> policy_or_fail(CompileResult result) {
  REQUIRE(result.policy);
  return result.policy;
}

int compare_samples(const CompiledPolicy& policy, const std::filesystem::path& dir) {
  int files = 0;
  for (const auto& suffix : {".json", ".yaml"}) {
    for (const auto& path : test::files_in(dir, suffix)) {
      const auto text = test::read_file(path);
      auto read = io::read_incident(text, path.filename().string(), io::incident_schema(policy));
      INFO(path.string());
      REQUIRE(read.incident);
      DecideOptions options;
      options.trace = true;
      const auto decision = decide(policy, *read.incident, options);
      CHECK(compare(decision, path.string()) == 0);
      ++files;
    }
  }
  return files;
}

Money cny(std::int64_t minor) {
  Currency c;
  REQUIRE(Currency::parse("CNY", c));
  return Money(minor, c);
}

}  // namespace

TEST_CASE("decision JSON: the sample incidents give the reference's bytes", "[io][json]") {
  const auto root = test::source_dir();
  const auto default_policy = policy_or_fail(load_default_policy());
  CHECK(compare_samples(*default_policy, root / "examples/incidents") > 0);
  for (const char* name : {"hotel", "bank"}) {
    const auto policy =
        policy_or_fail(load_policy_file(root / "rules" / (std::string(name) + ".yaml")));
    CHECK(compare_samples(*policy, root / "examples/incidents" / name) > 0);
  }
}

TEST_CASE("decision JSON: the 2000 R1 incidents give the reference's bytes", "[io][json]") {
  const auto root = test::source_dir();
  const auto policy = policy_or_fail(load_policy_file(root / "bench/policies/r1.yaml"));
  const auto incidents =
      bench::read_incidents((root / "bench/data/sample-2000.jsonl").string(), false);
  REQUIRE(incidents.size() == 2000);
  DecideOptions options;
  options.trace = true;
  int mismatches = 0;
  for (const auto& incident : incidents) {
    mismatches += compare(decide(*policy, incident, options), incident.id);
  }
  CHECK(mismatches == 0);
}

TEST_CASE("decision JSON: nasty strings, empty lists and extreme numbers", "[io][json]") {
  const std::vector<std::string> nasty = {
      "",
      "plain",
      "quote \" and backslash \\ and slash /",
      "tab\tnewline\ncr\rbackspace\bformfeed\f",
      std::string("nul \0 bell \a esc \x1b unit \x1f del \x7f", 32),
      "\xe4\xb8\xad\xe6\x96\x87\xe6\x96\x87\xe6\x9c\xac",  // 中文文本
      "emoji \xf0\x9f\x98\x80 and \xc3\xa9",
      "lone continuation \x80 and \xbf here",
      "bad lead \xff\xfe and \xc0\xaf overlong",
      "cut \xe4\xb8",                // ends inside a sequence
      "cut then ascii \xe4\xb8x",    // sequence broken by ASCII
      "cut then quote \xe4\"",       // broken by a byte that is escaped
      "two leads \xe4\xe4\xb8\xad",  // the second lead starts a good sequence
      "surrogate \xed\xa0\x80 end",  // UTF-16 surrogates are not UTF-8
      "too high \xf4\x90\x80\x80",   // above U+10FFFF
      "four cut \xf0\x9f\x98",       // ends three bytes into four
      "\xc3",                        // nothing but a lead
      "\x80",                        // nothing but a continuation
      "mixed \x01\xe4\xb8\xad\x02\xc3\xa9\x1f\\\"",
  };

  const std::vector<std::string_view> views(nasty.begin(), nasty.end());
  Decision d;
  d.incident_id = nasty[4];
  d.policy = {nasty[2], nasty[5], nasty[0]};
  d.classification.category = nasty[3];
  d.classification.category_path = views;
  d.classification.intensity = std::numeric_limits<std::int64_t>::min();
  d.classification.deficits = {Justice::outcome, Justice::interactional};
  d.classification.derived = {{nasty[7], FactValue(true)},
                              {"n", FactValue(std::int64_t{-1})},
                              {nasty[8], FactValue(cny(-5))},
                              {"set", FactValue(SymbolSet{nasty})},
                              {"empty set", FactValue(SymbolSet{})},
                              {"sym", FactValue(Symbol{nasty[9]})},
                              {"n", FactValue(std::int64_t{2})},  // a name given twice
                              {"", FactValue(false)}};
  d.priority = std::numeric_limits<std::int64_t>::max();
  d.deadlines.calendar = nasty[10];
  // Outright offers: the terms (option, instead_of, contingent, capped_from) left empty are not
  // written, as the reference never wrote them.
  d.remedies.push_back({nasty[11], std::nullopt, {}, false, nasty[12], {}, {}, {}, {}, {}});
  static constexpr Justice kOutcome[] = {Justice::outcome};
  d.remedies.push_back({"",
                        cny(std::numeric_limits<std::int64_t>::min()),
                        kOutcome,
                        true,
                        nasty[13],
                        {views.begin(), views.end()},
                        {},
                        {},
                        {},
                        {}});
  d.coverage.push_back({Justice::outcome, true, {nasty[14], nasty[15]}});
  d.coverage.push_back({Justice::procedural, false, {}});
  d.compensation_total = cny(-123456789);
  d.goodwill_total = cny(0);
  d.restitution_total = cny(std::numeric_limits<std::int64_t>::max());
  d.owner = nasty[16];
  d.escalation_path = {nasty[17], nasty[18]};
  d.departments = {};
  d.communication.push_back({nasty[5], nasty[6], {}});
  d.communication.push_back({"", "", {nasty[3]}});
  d.warnings.push_back({nasty[8], nasty[9]});
  d.rules_fired = views;
  d.in_force = InForce{-719162, InForceBasis::decided};  // 0001-01-01
  StatutoryClock clock;
  clock.id = nasty[2];
  clock.title = nasty[5];
  clock.basis = nasty[8];
  clock.calendar = nasty[10];
  clock.start = ClockStart::occurred;
  clock.started = {-62135596800, -18 * 60};
  clock.period = nasty[3];
  clock.due = {253402300799, 14 * 60};
  clock.extensions.push_back({nasty[4], {0, 0}, nasty[6], nasty[13]});
  clock.extensions.push_back({"", {1, 90}, "", ""});
  clock.final_reply = {nasty[15], nasty[16]};
  clock.referral_body = nasty[17];
  clock.referral_within = nasty[18];
  clock.rules = {nasty[1], nasty[9]};
  d.clocks.push_back(clock);
  d.clocks.push_back(StatutoryClock{});

  TraceEntry fired;
  fired.rule = nasty[2];
  fired.group = nasty[3];
  fired.outcome = TraceEntry::Outcome::fired;
  fired.note = nasty[7];
  fired.read = d.classification.derived;
  fired.actions = nasty;
  TraceEntry skipped;
  skipped.rule = "r";
  skipped.outcome = TraceEntry::Outcome::skipped;
  TraceEntry not_matched;
  not_matched.outcome = TraceEntry::Outcome::not_matched;
  not_matched.read = {{"x", FactValue(cny(1))}, {"x", FactValue(Symbol{"y"})}};
  d.trace = {fired, skipped, not_matched};

  CHECK(compare(d, "nasty", {-1, 0, 1, 2, 4}) == 0);
  d.owner_authority = cny(-1);
  CHECK(compare(d, "nasty with authority", {-1, 2}) == 0);

  Decision empty;  // every list empty, every string empty, no amounts
  CHECK(compare(empty, "empty", {-1, 0, 2}) == 0);

  // Every single byte, alone and after a lead byte, against the reference.
  int mismatches = 0;
  for (int b = 0; b < 256; ++b) {
    const char c = static_cast<char>(b);
    for (const std::string& s :
         {std::string(1, c), std::string("\xe4") + c, std::string("\xf0\x9f") + c + "z",
          std::string("a") + c + "\xc3"}) {
      Decision one;
      one.incident_id = s;
      mismatches += compare(one, "byte " + std::to_string(b), {-1});
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("decision JSON: known bytes", "[io][json]") {
  Decision d;
  d.incident_id = "a\"b\\c\x01\x1f\t/\xe4\xb8\xad\xff";
  io::WriteOptions options;
  options.indent = -1;
  const auto line = io::to_json(d, options);
  CHECK(line.rfind(R"({"incident":"a\"b\\c\u0001\u001f\t/)"
                   "\xe4\xb8\xad\xef\xbf\xbd"
                   R"(","policy":{"id":"","version":"","hash":""},)",
                   0) == 0);
  CHECK(line.find(R"("remedies":[],"justice_coverage":[],)") != std::string::npos);
  CHECK(line.find(R"("owner_authority":null,)") != std::string::npos);
  CHECK(line.find('\n') == std::string::npos);
  options.indent = 2;
  const auto pretty = io::to_json(d, options);
  CHECK(pretty.rfind("{\n  \"incident\": ", 0) == 0);
  CHECK(pretty.find("\n  \"policy\": {\n    \"id\": \"\",\n") != std::string::npos);
  CHECK(pretty.find("\"derived\": {}\n  },\n") != std::string::npos);
  CHECK(pretty.back() == '}');
}

TEST_CASE("decision JSON: deadlines in every unit, offset and year", "[io][json]") {
  // The one-line writer prints timestamps and durations itself for years 0000 to 9999 and
  // leaves the rest to to_string(); both must match the reference.
  const std::vector<std::int64_t> instants = {
      0,
      -1,
      1'795'000'000,
      -62'167'219'200,    // 0000-01-01T00:00:00Z
      -62'162'035'201,    // 0000-02-29T23:59:59Z, just before the day the writer takes
      -62'162'035'200,    // 0000-03-01T00:00:00Z
      253'402'300'799,    // 9999-12-31T23:59:59Z
      253'402'300'800,    // 10000-01-01T00:00:00Z
      -62'198'755'200,    // a year below 0
      900'000'000'000,    // year 30489
      -900'000'000'000};  // year -26550
  const std::vector<std::int32_t> offsets = {0, 480, -300, 330, -570, 1080, -1080, 59, -1};
  const std::vector<Duration> durations = {
      {0, DurationUnit::minutes},
      {15, DurationUnit::minutes},
      {2, DurationUnit::hours},
      {1, DurationUnit::days},
      {4, DurationUnit::business_hours},
      {3, DurationUnit::business_days},
      {1'000'000, DurationUnit::minutes},
      {-7, DurationUnit::hours},
      {std::numeric_limits<std::int64_t>::min(), DurationUnit::days}};
  int mismatches = 0;
  for (auto instant : instants) {
    for (auto offset : offsets) {
      Decision d;
      d.deadlines.first_response_due = Timestamp{instant, offset};
      d.deadlines.resolution_due = Timestamp{instant + 59, offset};
      for (const auto& duration : durations) {
        d.deadlines.first_response_target = duration;
        d.deadlines.resolution_target = duration;
        mismatches += compare(d, d.deadlines.first_response_due.to_string(), {-1});
      }
    }
  }
  CHECK(mismatches == 0);
}
