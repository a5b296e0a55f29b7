// redress as a peer of shared/bench/peers (see its README, "Adding a peer"): R1 and S(N) through
// redress::decide, timed the same way as the other peers.
//
// usage: redress_r1_bench INCIDENTS.jsonl OUT.txt [--min-seconds S] [--max-seconds S]
//                         [--scaling N] [--policy R1.yaml] [--scaling-policy SN.yaml]
//                         [--generator gen-scaling.py] [--python python3] [--trace]
//
// Reads the incident JSON lines and turns them into redress::Incident before any timing. Then
// it times whole passes of redress::decide over all incidents until at least --min-seconds have
// passed (default 2), and prints `decisions_per_s=<n> ...`. The decisions of the first pass are
// written to OUT as canonical lines (R1-reference-policy.md): formatting them is not timed (the
// clock is paused around it). With --max-seconds the run stops once that much decide time has
// passed, even inside the first pass; OUT then holds the decisions evaluated so far (a prefix).
//
// R1 uses --policy (default: bench/policies/r1.yaml of the source tree). --scaling N uses
// --scaling-policy, or else runs `python3 gen-scaling.py N` and compiles its output; lines are
// `id|r<k1>,r<k2>,...`. Loading and compiling the policy are reported, not timed with decide.
// --trace asks decide for the trace (R1 only: the cost of tracing).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <string>

#include "r1_common.hpp"

#ifndef REDRESS_BENCH_POLICY_DIR
#define REDRESS_BENCH_POLICY_DIR "bench/policies"
#endif
#ifndef REDRESS_BENCH_PYTHON
#define REDRESS_BENCH_PYTHON "python3"
#endif

namespace {

struct Options {
  std::string incidents, out;
  double min_seconds = 2.0;
  double max_seconds = 0;  // 0: no cap
  long scaling = -1;
  std::string policy = REDRESS_BENCH_POLICY_DIR "/r1.yaml";
  std::string scaling_policy;
  std::string generator = REDRESS_BENCH_POLICY_DIR "/gen-scaling.py";
  std::string python = REDRESS_BENCH_PYTHON;
  bool trace = false;
};

int usage(const char* argv0) {
  std::fprintf(stderr,
               "usage: %s INCIDENTS.jsonl OUT.txt [--min-seconds S] [--max-seconds S] "
               "[--scaling N] [--policy R1.yaml] [--scaling-policy SN.yaml] "
               "[--generator gen-scaling.py] [--python python3] [--trace]\n",
               argv0);
  return 2;
}

}  // namespace

int main(int argc, char** argv) try {
  using clock = std::chrono::steady_clock;
  Options o;
  if (argc < 3) return usage(argv[0]);
  o.incidents = argv[1];
  o.out = argv[2];
  for (int i = 3; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--trace") {
      o.trace = true;
    } else if (!has_value) {
      return usage(argv[0]);
    } else if (a == "--min-seconds") {
      o.min_seconds = std::atof(argv[++i]);
    } else if (a == "--max-seconds") {
      o.max_seconds = std::atof(argv[++i]);
    } else if (a == "--scaling") {
      o.scaling = std::atol(argv[++i]);
    } else if (a == "--policy") {
      o.policy = argv[++i];
    } else if (a == "--scaling-policy") {
      o.scaling_policy = argv[++i];
    } else if (a == "--generator") {
      o.generator = argv[++i];
    } else if (a == "--python") {
      o.python = argv[++i];
    } else {
      std::fprintf(stderr, "unknown option %s\n", a.c_str());
      return usage(argv[0]);
    }
  }
  const bool scaling = o.scaling >= 0;

  // Untimed: the policy, then the incidents.
  const auto l0 = clock::now();
  std::shared_ptr<const redress::CompiledPolicy> policy;
  if (!scaling) {
    policy = redress::bench::compile_or_throw(redress::load_policy_file(o.policy));
  } else if (!o.scaling_policy.empty()) {
    policy = redress::bench::compile_or_throw(redress::load_policy_file(o.scaling_policy));
  } else {
    const auto text = redress::bench::generate_scaling_policy(o.python, o.generator, o.scaling);
    const auto c0 = clock::now();
    policy = redress::bench::compile_or_throw(
        redress::load_policy(text, "s" + std::to_string(o.scaling) + ".yaml"));
    std::fprintf(stderr, "compile_ms=%.1f (S(%ld), text generated in %.1f ms)\n",
                 std::chrono::duration<double, std::milli>(clock::now() - c0).count(), o.scaling,
                 std::chrono::duration<double, std::milli>(c0 - l0).count());
  }
  const auto load_ms = std::chrono::duration<double, std::milli>(clock::now() - l0).count();
  const auto incidents = redress::bench::read_incidents(o.incidents, scaling);
  const std::size_t n = incidents.size();

  redress::DecideOptions options;
  options.trace = o.trace;
  std::string out;
  out.reserve(n * (scaling ? 64 : 192));
  std::uint64_t decisions = 0, sink = 0;
  std::size_t written = 0;  // lines of the first pass written to `out`
  double seconds = 0;       // decide time only
  bool capped = false;
  redress::Decision d;  // reused across calls, as a host's decide loop would
  for (bool first = true; !capped && (first || seconds < o.min_seconds); first = false) {
    auto segment = clock::now();
    for (std::size_t i = 0; i < n; ++i) {
      redress::decide(*policy, incidents[i], d, options);
      sink += d.remedies.size() + static_cast<std::uint64_t>(d.compensation_total.minor());
      ++decisions;
      if (first) {  // the clock stops while the decision is formatted
        const auto now = clock::now();
        seconds += std::chrono::duration<double>(now - segment).count();
        if (scaling) {
          redress::bench::append_scaling_line(d, out);
        } else {
          redress::bench::append_r1_line(d, out);
        }
        ++written;
        segment = clock::now();
      }
      if (o.max_seconds > 0 && (i & 63) == 63) {
        const auto now = clock::now();
        if (seconds + std::chrono::duration<double>(now - segment).count() >= o.max_seconds) {
          capped = true;
          seconds += std::chrono::duration<double>(now - segment).count();
          break;
        }
      }
    }
    if (!capped) seconds += std::chrono::duration<double>(clock::now() - segment).count();
  }

  std::ofstream f(o.out, std::ios::binary);
  f << out;
  if (!f) {
    std::fprintf(stderr, "cannot write %s\n", o.out.c_str());
    return 1;
  }
  std::fprintf(stderr, "checksum %llu, policy loaded in %.1f ms, %zu rules\n",
               static_cast<unsigned long long>(sink), load_ms, policy->rules.size());
  std::printf("decisions_per_s=%.0f decisions=%llu seconds=%.3f incidents=%zu written=%zu%s\n",
              static_cast<double>(decisions) / seconds, static_cast<unsigned long long>(decisions),
              seconds, n, written, o.trace ? " trace=on" : "");
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "redress_r1_bench: %s\n", e.what());
  return 1;
}
