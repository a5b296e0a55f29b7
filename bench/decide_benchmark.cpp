// Google Benchmark micro-benchmarks of redress (see bench/README.md for what each number means):
//
//   BM_R1Decide/trace:0, BM_R1Decide/trace:1
//       redress::decide with bench/policies/r1.yaml on the fixed 2000 incidents of
//       bench/data/sample-2000.jsonl, one incident per iteration, round robin; items_per_second
//       is decisions per second. trace:1 fills Decision::trace.
//   BM_LoadCompileScaling/N
//       redress::load_policy on the text of S(N) (bench/policies/gen-scaling.py, generated once
//       outside the timing): YAML parsing, checking, expression compilation, the rule graph.
//   BM_CompiledPolicyMemory/N
//       heap bytes held by the compiled S(N) (a shared_ptr<const CompiledPolicy>, source text and
//       diagnostics dropped): glibc mallinfo2() in-use bytes (uordblks + hblkhd, so malloc's own
//       chunk overhead counts) after compiling minus before. Counters: bytes_total, and
//       bytes_per_rule = (bytes(S(N)) - bytes(S(10))) / (N - 10), the marginal cost of one more
//       rule (a rule of S(N) brings its remedy r<k> to the catalogue too). path:0 compiles the
//       text under the short name "s.yaml"; path:1 under a 40-character path, as a policy loaded
//       from a file would be: every SourceLocation holds a copy of the file name, which then no
//       longer fits std::string's small buffer.
//
// Flags: the usual --benchmark_* ones.
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <map>
#include <memory>
#include <string>

#include "r1_common.hpp"

#ifndef REDRESS_BENCH_POLICY_DIR
#define REDRESS_BENCH_POLICY_DIR "bench/policies"
#endif
#ifndef REDRESS_BENCH_DATA_DIR
#define REDRESS_BENCH_DATA_DIR "bench/data"
#endif
#ifndef REDRESS_BENCH_PYTHON
#define REDRESS_BENCH_PYTHON "python3"
#endif

namespace {

using redress::bench::compile_or_throw;

const std::vector<redress::Incident>& sample_incidents() {
  static const auto incidents =
      redress::bench::read_incidents(REDRESS_BENCH_DATA_DIR "/sample-2000.jsonl", false);
  return incidents;
}

const redress::CompiledPolicy& r1_policy() {
  static const auto policy =
      compile_or_throw(redress::load_policy_file(REDRESS_BENCH_POLICY_DIR "/r1.yaml"));
  return *policy;
}

const std::string& scaling_text(long n) {
  static std::map<long, std::string> texts;
  auto it = texts.find(n);
  if (it == texts.end()) {
    it = texts
             .emplace(n, redress::bench::generate_scaling_policy(
                             REDRESS_BENCH_PYTHON, REDRESS_BENCH_POLICY_DIR "/gen-scaling.py", n))
             .first;
  }
  return it->second;
}

void BM_R1Decide(benchmark::State& state) {
  const auto& policy = r1_policy();
  const auto& incidents = sample_incidents();
  redress::DecideOptions options;
  options.trace = state.range(0) != 0;
  std::size_t i = 0;
  for (auto _ : state) {
    auto decision = redress::decide(policy, incidents[i], options);
    benchmark::DoNotOptimize(decision);
    if (++i == incidents.size()) i = 0;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_R1Decide)->ArgName("trace")->Arg(0)->Arg(1);

// The same, writing into one Decision reused across calls (the way a server loop decides).
void BM_R1DecideReused(benchmark::State& state) {
  const auto& policy = r1_policy();
  const auto& incidents = sample_incidents();
  redress::DecideOptions options;
  options.trace = state.range(0) != 0;
  redress::Decision decision;
  std::size_t i = 0;
  for (auto _ : state) {
    redress::decide(policy, incidents[i], decision, options);
    benchmark::DoNotOptimize(decision);
    if (++i == incidents.size()) i = 0;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_R1DecideReused)->ArgName("trace")->Arg(0)->Arg(1);

void BM_LoadCompileScaling(benchmark::State& state) {
  const auto& text = scaling_text(state.range(0));
  for (auto _ : state) {
    auto result = redress::load_policy(text, "s.yaml");
    if (!result.policy) state.SkipWithError("S(N) does not compile");
    benchmark::DoNotOptimize(result);
  }
  state.counters["rules"] = static_cast<double>(state.range(0));
}
BENCHMARK(BM_LoadCompileScaling)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

std::size_t heap_in_use() {
  const auto m = mallinfo2();
  return m.uordblks + m.hblkhd;
}

/// Heap bytes held by the compiled S(N), measured as described at the top.
std::size_t compiled_bytes(long n, bool long_path) {
  const auto& text = scaling_text(n);
  const char* name = long_path ? "/srv/redress/policies/scaling/s-rules.yaml" : "s.yaml";
  malloc_trim(0);
  const auto before = heap_in_use();
  std::shared_ptr<const redress::CompiledPolicy> policy =
      compile_or_throw(redress::load_policy(text, name));
  malloc_trim(0);
  const auto after = heap_in_use();
  benchmark::DoNotOptimize(policy);
  return after > before ? after - before : 0;
}

void BM_CompiledPolicyMemory(benchmark::State& state) {
  const long n = state.range(0);
  const bool long_path = state.range(1) != 0;
  std::size_t bytes = 0, base = 0;
  for (auto _ : state) {
    base = compiled_bytes(10, long_path);
    bytes = compiled_bytes(n, long_path);
  }
  state.counters["bytes_total"] = static_cast<double>(bytes);
  state.counters["bytes_per_rule"] =
      n > 10 ? static_cast<double>(bytes - std::min(bytes, base)) / static_cast<double>(n - 10)
             : 0.0;
}
BENCHMARK(BM_CompiledPolicyMemory)
    ->ArgNames({"rules", "path"})
    ->Args({1000, 0})
    ->Args({10000, 0})
    ->Args({10000, 1})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
