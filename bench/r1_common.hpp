// Shared by the R1 bench program, its checker and the Google Benchmark program: R1 incidents
// (shared/bench/gen-incidents.py JSON lines) read into redress::Incident, decisions written in
// R1's canonical line format, and policies loaded from files or from bench/policies/gen-scaling.py.
#pragma once

#include <redress/redress.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace redress::bench {

/// Every R1 incident is reported at the same instant (R1 has no time; redress needs one).
inline Timestamp r1_reported_at() {
  Timestamp t;
  std::string error;
  if (!Timestamp::parse("2026-11-25T09:30:00+08:00", t, error)) throw std::logic_error(error);
  return t;
}

template <typename E>
E enum_of(const nlohmann::json& value, const char* what) {
  const auto text = value.get<std::string>();
  if (auto e = parse_enum<E>(text)) return *e;
  throw std::runtime_error(std::string("unknown ") + what + ": " + text);
}

/// One R1 incident (the JSON of gen-incidents.py) as a redress incident for bench/policies
/// r1.yaml and S(N): amount -> loss (CNY minor units), emotion, channel, deficits and
/// prior_failures -> the built-ins, severity / tier / unresolved_complaint -> host facts.
inline Incident to_incident(const nlohmann::json& j, const Timestamp& reported_at, bool scaling) {
  static const Currency cny = [] {
    Currency c;
    Currency::parse("CNY", c);
    return c;
  }();
  Incident in;
  in.id = j.at("id").get<std::string>();
  in.reported_at = reported_at;
  in.category = j.at("category").get<std::string>();
  in.loss = Money(j.at("amount").get<std::int64_t>(), cny);
  in.emotion = enum_of<Emotion>(j.at("emotion"), "emotion");
  in.channel = enum_of<Channel>(j.at("channel"), "channel");
  for (const auto& d : j.at("deficits")) in.deficits.push_back(enum_of<Justice>(d, "deficit"));
  in.history.prior_failures = j.at("prior_failures").get<std::int64_t>();
  in.facts.emplace("severity", FactValue(j.at("severity").get<std::int64_t>()));
  if (!scaling) {  // S(N) declares only severity; an undeclared host fact is an incident error
    in.facts.emplace("r1_tier", FactValue(Symbol{j.at("tier").get<std::string>()}));
    in.facts.emplace("unresolved_complaint", FactValue(j.at("unresolved_complaint").get<bool>()));
  }
  return in;
}

inline std::vector<Incident> read_incidents(const std::string& path, bool scaling) {
  std::ifstream f(path);
  if (!f) throw std::runtime_error("cannot open " + path);
  const auto at = r1_reported_at();
  std::vector<Incident> out;
  std::string line;
  while (std::getline(f, line)) {
    if (line.empty()) continue;
    out.push_back(to_incident(nlohmann::json::parse(line), at, scaling));
  }
  return out;
}

/// A wall-clock SLA target in minutes (R1's targets are all written in minutes).
inline std::int64_t minutes(const Duration& d) {
  switch (d.unit) {
    case DurationUnit::minutes:
      return d.amount;
    case DurationUnit::hours:
      return d.amount * 60;
    case DurationUnit::days:
      return d.amount * 1440;
    default:
      throw std::runtime_error("R1 SLA targets must be wall-clock durations");
  }
}

inline void append_joined(std::string& out, std::vector<std::string_view>& items, char sep) {
  std::sort(items.begin(), items.end());  // string_view compares bytes (char_traits<char>)
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
}

/// R1's canonical line (R1-reference-policy.md, "Output"), newline included:
/// id|priority|first_response_min|resolve_min|remedies|name=amt,...|total|departments|owner|path
inline void append_r1_line(const Decision& d, std::string& out) {
  std::vector<std::string_view> items;
  out += d.incident_id;
  out += '|';
  out += std::to_string(d.priority);
  out += '|';
  out += std::to_string(minutes(d.deadlines.first_response_target));
  out += '|';
  out += std::to_string(minutes(d.deadlines.resolution_target));
  out += '|';
  for (const auto& r : d.remedies) items.push_back(r.id);
  append_joined(out, items, ',');
  out += '|';
  std::vector<const RemedyOffer*> money;
  for (const auto& r : d.remedies) {
    if (r.amount) money.push_back(&r);
  }
  std::sort(money.begin(), money.end(),
            [](const RemedyOffer* a, const RemedyOffer* b) { return a->id < b->id; });
  for (std::size_t i = 0; i < money.size(); ++i) {
    if (i) out += ',';
    out += money[i]->id;
    out += '=';
    out += std::to_string(money[i]->amount->minor());
  }
  out += '|';
  out += std::to_string(d.compensation_total.minor());
  out += '|';
  items.clear();
  for (const auto& dep : d.departments) items.push_back(dep);
  append_joined(out, items, ',');
  out += '|';
  out += d.owner;
  out += '|';
  for (std::size_t i = 0; i < d.escalation_path.size(); ++i) {
    if (i) out += '>';
    out += d.escalation_path[i];
  }
  out += '\n';
}

/// S(N)'s line: id|r<k1>,r<k2>,... (the remedies offered, byte-sorted), newline included.
inline void append_scaling_line(const Decision& d, std::string& out) {
  std::vector<std::string_view> items;
  out += d.incident_id;
  out += '|';
  for (const auto& r : d.remedies) items.push_back(r.id);
  append_joined(out, items, ',');
  out += '\n';
}

/// Compiles a policy; throws with every diagnostic rendered when it does not compile.
inline std::shared_ptr<const CompiledPolicy> compile_or_throw(CompileResult result) {
  if (!result.policy) {
    std::string message = "policy does not compile:";
    for (const auto& d : result.diagnostics.items()) {
      message += '\n';
      message += render(d, result.source);
    }
    throw std::runtime_error(message);
  }
  return result.policy;
}

/// The text of S(N), written by `python gen_scaling N`.
inline std::string generate_scaling_policy(const std::string& python, const std::string& gen,
                                           long n) {
  const std::string command = python + " '" + gen + "' " + std::to_string(n);
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + command);
  std::string text;
  char buffer[1 << 16];
  std::size_t got;
  while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) text.append(buffer, got);
  if (::pclose(pipe) != 0) throw std::runtime_error("failed: " + command);
  return text;
}

}  // namespace redress::bench
