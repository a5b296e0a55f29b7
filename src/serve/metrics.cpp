#include "serve/metrics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace redress::serve {
namespace {

constexpr std::array<std::string_view, 3> kOutcomeNames = {"decided", "invalid", "failed"};

// A label value with \, " and newlines escaped, as the exposition format requires.
std::string label(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

Metrics::Metrics(const std::vector<std::string_view>& routes) {
  for (const auto route : routes) {
    const bool seen = std::any_of(histograms_.begin(), histograms_.end(),
                                  [&](const auto& h) { return h->route == route; });
    if (seen) continue;
    histograms_.push_back(std::make_unique<Histogram>());
    histograms_.back()->route = std::string(route);
  }
  histograms_.push_back(std::make_unique<Histogram>());
  histograms_.back()->route = "other";
}

void Metrics::decisions(Outcome outcome, std::uint64_t count) {
  outcomes_[static_cast<std::size_t>(outcome)].fetch_add(count, std::memory_order_relaxed);
}

void Metrics::request(std::string_view route, int status, double seconds,
                      std::string_view error_code) {
  auto it = std::find_if(histograms_.begin(), histograms_.end() - 1,
                         [&](const auto& h) { return h->route == route; });
  Histogram& histogram = **it;
  const auto bucket = static_cast<std::size_t>(
      std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds) - kBuckets.begin());
  if (bucket < kBuckets.size()) {
    histogram.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  }
  histogram.count.fetch_add(1, std::memory_order_relaxed);
  histogram.micros.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
  const auto known = std::find(kStatuses.begin(), kStatuses.end() - 1, status);
  statuses_[static_cast<std::size_t>(known - kStatuses.begin())].fetch_add(
      1, std::memory_order_relaxed);
  if (!error_code.empty()) {
    const std::lock_guard lock(errors_mutex_);
    auto found = errors_.find(error_code);
    if (found == errors_.end()) found = errors_.emplace(std::string(error_code), 0).first;
    ++found->second;
  }
}

void Metrics::reload(bool applied) {
  reloads_[applied ? 1 : 0].fetch_add(1, std::memory_order_relaxed);
}

std::string Metrics::render(const PolicyIdentity& policy) const {
  std::string out;
  auto line = std::back_inserter(out);
  fmt::format_to(line,
                 "# HELP redress_policy_info The policy in force (always 1).\n"
                 "# TYPE redress_policy_info gauge\n"
                 "redress_policy_info{{id=\"{}\",version=\"{}\",hash=\"{}\"}} 1\n",
                 label(policy.id), label(policy.version), label(policy.hash));
  out +=
      "# HELP redress_decisions_total Incidents received, by what became of them.\n"
      "# TYPE redress_decisions_total counter\n";
  for (std::size_t i = 0; i < outcomes_.size(); ++i) {
    fmt::format_to(line, "redress_decisions_total{{outcome=\"{}\"}} {}\n", kOutcomeNames[i],
                   outcomes_[i].load(std::memory_order_relaxed));
  }
  out +=
      "# HELP redress_request_duration_seconds Time from a request's header to its response.\n"
      "# TYPE redress_request_duration_seconds histogram\n";
  for (const auto& h : histograms_) {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += h->buckets[i].load(std::memory_order_relaxed);
      fmt::format_to(line, "redress_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                     h->route, kBuckets[i], cumulative);
    }
    const auto count = h->count.load(std::memory_order_relaxed);
    fmt::format_to(line,
                   "redress_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n"
                   "redress_request_duration_seconds_sum{{route=\"{}\"}} {:.6f}\n"
                   "redress_request_duration_seconds_count{{route=\"{}\"}} {}\n",
                   h->route, count, h->route,
                   static_cast<double>(h->micros.load(std::memory_order_relaxed)) / 1e6, h->route,
                   count);
  }
  out +=
      "# HELP redress_http_responses_total Responses sent, by status code.\n"
      "# TYPE redress_http_responses_total counter\n";
  for (std::size_t i = 0; i < kStatuses.size(); ++i) {
    const auto n = statuses_[i].load(std::memory_order_relaxed);
    if (n == 0) continue;
    fmt::format_to(line, "redress_http_responses_total{{status=\"{}\"}} {}\n",
                   kStatuses[i] == 0 ? std::string("other") : std::to_string(kStatuses[i]), n);
  }
  out +=
      "# HELP redress_errors_total Refused requests and incidents, by diagnostic code.\n"
      "# TYPE redress_errors_total counter\n";
  {
    const std::lock_guard lock(errors_mutex_);
    for (const auto& [code, n] : errors_) {
      fmt::format_to(line, "redress_errors_total{{code=\"{}\"}} {}\n", label(code), n);
    }
  }
  fmt::format_to(line,
                 "# HELP redress_policy_reloads_total Policy reloads, applied or refused.\n"
                 "# TYPE redress_policy_reloads_total counter\n"
                 "redress_policy_reloads_total{{result=\"applied\"}} {}\n"
                 "redress_policy_reloads_total{{result=\"refused\"}} {}\n",
                 reloads_[1].load(std::memory_order_relaxed),
                 reloads_[0].load(std::memory_order_relaxed));
  return out;
}

}  // namespace redress::serve
