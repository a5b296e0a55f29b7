#!/usr/bin/env bash
# One command for the whole benchmark of issue 5: builds redress's bench programs in Release
# (-O2, like the hand-written peer), runs redress as an extra peer of shared/bench/peers (R1 and
# S(N), each run checked byte for byte against the Python oracle), then the Google Benchmark
# program (trace cost, load+compile of S(10000), memory per compiled rule), and prints the
# tables plus a summary against the issue's targets.
#
# usage: bench/run.sh                    (about 15 minutes on 2 cores)
# environment (defaults in brackets):
#   PEERS_DIR [/work/shared/bench/peers]   the read-only peers folder (copied, never edited)
#   WORK [a new /tmp/redress-bench.XXXXXX] where the copy, data and outputs go
#   BUILD [<repo>/build-bench/run]         the Release build tree of this script
#   JOBS [2]                               build parallelism
#   N, RUNS, MIN_SECONDS, SCALING_NS, SCALING_MAX_SECONDS, PEERS: passed to run-all.sh
#   SKIP_GBENCH [0]                        1: skip the Google Benchmark part
# A quick smoke run:
#   N=2000 RUNS=1 MIN_SECONDS=0.2 SCALING_NS="10 100" SCALING_MAX_SECONDS=2 bench/run.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PEERS_DIR=${PEERS_DIR:-/work/shared/bench/peers}
BUILD=${BUILD:-$ROOT/build-bench/run}
JOBS=${JOBS:-2}
WORK=${WORK:-$(mktemp -d /tmp/redress-bench.XXXXXX)}
die() { echo "bench/run.sh: $*" >&2; exit 1; }
[ -x "$PEERS_DIR/run-all.sh" ] || die "no run-all.sh in $PEERS_DIR"

# ---- build (Release, -O2). Until the top-level CMakeLists adds bench/, a two-line wrapper
# project includes the library and bench/ side by side.
echo "== build redress bench (Release -O2) in $BUILD"
mkdir -p "$BUILD"
if grep -Eq '^[[:space:]]*add_subdirectory\(bench' "$ROOT/CMakeLists.txt"; then
  SRC=$ROOT
else
  SRC=$BUILD/wrapper
  mkdir -p "$SRC"
  cat > "$SRC/CMakeLists.txt.new" <<WRAP
cmake_minimum_required(VERSION 3.22)
project(redress_bench_wrapper CXX)
set(REDRESS_BUILD_TESTS OFF)
enable_testing()
add_subdirectory($ROOT redress)
add_subdirectory($ROOT/bench bench)
WRAP
  cmp -s "$SRC/CMakeLists.txt.new" "$SRC/CMakeLists.txt" 2>/dev/null \
    || mv "$SRC/CMakeLists.txt.new" "$SRC/CMakeLists.txt"
  rm -f "$SRC/CMakeLists.txt.new"
fi
if [ -f "$BUILD/tree/CMakeCache.txt" ] &&
   ! grep -qx "CMAKE_HOME_DIRECTORY:INTERNAL=$SRC" "$BUILD/tree/CMakeCache.txt"; then
  rm -rf "$BUILD/tree"  # configured from the other source (wrapper vs. top level)
fi
GEN=()
command -v ninja >/dev/null && GEN=(-G Ninja)
cmake -S "$SRC" -B "$BUILD/tree" "${GEN[@]}" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" -DREDRESS_BUILD_BENCH=ON \
  -DREDRESS_BUILD_TESTS=OFF -DREDRESS_BUILD_CLI=OFF -DREDRESS_BUILD_EXAMPLES=OFF \
  -DREDRESS_BUILD_C_LIBRARY=OFF -DREDRESS_INSTALL=OFF > "$BUILD/configure.log" \
  || { cat "$BUILD/configure.log"; die "configure failed"; }
cmake --build "$BUILD/tree" -j "$JOBS" --target redress_r1_bench redress_decide_benchmark \
  > "$BUILD/build.log" 2>&1 || { tail -n 40 "$BUILD/build.log"; die "build failed"; }
BIN=$BUILD/tree/bench/redress_r1_bench
GBENCH=$BUILD/tree/bench/redress_decide_benchmark

# ---- peers: a writable copy; setup.sh only when a Debian package it installs is missing
echo "== peers in $WORK"
mkdir -p "$WORK"
[ -d "$WORK/peers/node_modules" ] && mv "$WORK/peers/node_modules" "$WORK/node_modules.keep"
rm -rf "$WORK/peers"
cp -r "$PEERS_DIR" "$WORK/peers"
chmod -R u+w "$WORK/peers"
[ -d "$WORK/node_modules.keep" ] && mv "$WORK/node_modules.keep" "$WORK/peers/node_modules"
cp "$PEERS_DIR/../gen-incidents.py" "$WORK/" 2>/dev/null || true
chmod -R u+w "$WORK"
missing=()
for pkg in g++ python3 time nlohmann-json3-dev libclips-dev clips; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== setup.sh (missing: ${missing[*]})"
  if ! (cd "$WORK/peers" && ./setup.sh) > "$WORK/setup.log" 2>&1; then
    # setup.sh asks apt for npm too, which conflicts with a NodeSource nodejs (it bundles
    # npm): install only what is missing; run-all.sh does the npm install itself.
    echo "   setup.sh failed (see $WORK/setup.log); apt-get install ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" > "$WORK/apt.log" 2>&1 \
      || { tail -n 20 "$WORK/apt.log"; die "cannot install ${missing[*]} (needs root)"; }
  fi
fi

VERSION=$(sed -n 's/^project(redress VERSION \([0-9.]*\).*/\1/p' "$ROOT/CMakeLists.txt")
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null | head -n1)" ]; then COMMIT="$COMMIT+dirty"; fi
EXTRA_PEER_VERSION="redress $VERSION ($COMMIT), bench/policies, g++ $(g++ -dumpfullversion) -O2"

echo "== run-all.sh with EXTRA_PEER=redress"
(cd "$WORK/peers" && EXTRA_PEER=redress EXTRA_PEER_CMD="$BIN" \
  EXTRA_PEER_VERSION="$EXTRA_PEER_VERSION" ./run-all.sh) | tee "$WORK/run-all.log"
OUT=$WORK/peers/out
INC=$WORK/peers/data/incidents.jsonl

# ---- trace on: same incidents, same protocol, checked against the oracle too
MIN_SECONDS=${MIN_SECONDS:-2}
RUNS=${RUNS:-3}
trace_rates=()
trace_ok=yes
for i in $(seq 1 "$RUNS"); do
  "$BIN" "$INC" "$OUT/redress-trace.run$i.txt" --min-seconds "$MIN_SECONDS" --trace \
    > "$OUT/redress-trace.run$i.log" 2> "$OUT/redress-trace.run$i.err" || die "trace run failed"
  trace_rates+=("$(sed -n 's/.*decisions_per_s=\([0-9]*\).*/\1/p' "$OUT/redress-trace.run$i.log")")
  cmp -s "$OUT/redress-trace.run$i.txt" "$OUT/oracle.txt" || trace_ok=NO
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
rate_of() { sed -n 's/.*decisions_per_s=\([0-9]*\).*/\1/p' "$1" | tail -n1; }

# ---- Google Benchmark
if [ "${SKIP_GBENCH:-0}" != 1 ]; then
  echo
  echo "== redress_decide_benchmark"
  "$GBENCH" --benchmark_min_time=1 --benchmark_out="$OUT/gbench.json" \
    --benchmark_out_format=json 2>&1 | tee "$OUT/gbench.txt"
fi

# ---- summary against the issue's targets
python3 - "$OUT" "$RUNS" "$(median "${trace_rates[@]}")" "$trace_ok" <<'PY' | tee -a "$OUT/results.md"
import glob, json, os, re, statistics, sys
out, runs, trace_rate, trace_ok = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]

def rate(path):
    m = re.findall(r"decisions_per_s=(\d+)", open(path).read()) if os.path.exists(path) else []
    return int(m[-1]) if m else None

def med(peer):
    rs = [r for r in (rate(f"{out}/{peer}.run{i}.log") for i in range(1, runs + 1)) if r]
    return statistics.median_low(rs) if rs else None

def fmt(x, spec=",.0f"):
    return "-" if x is None else format(x, spec)

hw, rd = med("handwritten"), med("redress")
tr = int(trace_rate) if trace_rate else None
print("\nredress against the targets of issue 5\n")
print("| measure | value | target | met |")
print("| --- | ---: | ---: | --- |")
ratio = rd / hw if hw and rd else None
print(f"| R1 decide, redress / handwritten (medians) | {fmt(ratio, '.4f')}x ({fmt(rd)} vs {fmt(hw)}/s) | >= 0.25x | {'yes' if ratio and ratio >= 0.25 else 'no'} |")
slow = rd / tr if rd and tr else None
print(f"| R1 trace on: slowdown (trace on {fmt(tr)}/s, verified {trace_ok}) | {fmt(slow, '.2f')}x | <= 3x | {'yes' if slow and slow <= 3 else 'no'} |")
s_hw, s_rd = rate(f"{out}/handwritten-s10000.log"), rate(f"{out}/redress-s10000.log")
s_ratio = s_rd / s_hw if s_hw and s_rd else None
if s_ratio is not None:
    print(f"| S(10000), redress / handwritten | {fmt(s_ratio, '.4f')}x ({fmt(s_rd)} vs {fmt(s_hw)}/s) | >= 5x | {'yes' if s_ratio >= 5 else 'no'} |")
else:
    print("| S(10000), redress / handwritten | not run (SCALING_NS) | >= 5x | - |")
for n in (10, 100, 1000):
    a, b = rate(f"{out}/handwritten-s{n}.log"), rate(f"{out}/redress-s{n}.log")
    if a and b:
        print(f"| S({n}), redress / handwritten (info) | {b / a:.4f}x ({b:,} vs {a:,}/s) | - | - |")
g = {}
if os.path.exists(f"{out}/gbench.json"):
    for b in json.load(open(f"{out}/gbench.json"))["benchmarks"]:
        g[b["name"]] = b
lc = g.get("BM_LoadCompileScaling/10000")
lc_ms, lc_cpu = (lc["real_time"], lc["cpu_time"]) if lc else (None, None)
print(f"| load+compile S(10000) (Google Benchmark, mean wall / CPU; judged on CPU) | {fmt(lc_ms, '.1f')} / {fmt(lc_cpu, '.1f')} ms | < 300 ms | {'yes' if lc_cpu and lc_cpu < 300 else 'no'} |")
for path, what in ((0, 'short file name'), (1, '40-character path')):
    mem = g.get(f"BM_CompiledPolicyMemory/rules:10000/path:{path}/iterations:1")
    per_rule = mem["bytes_per_rule"] if mem else None
    print(f"| heap per compiled rule, S(10000), {what} (mallinfo2 delta) | {fmt(per_rule, ',.0f')} B | < 2048 B | {'yes' if per_rule and per_rule < 2048 else 'no'} |")
for name, what in (("BM_R1DecideReused", "Decision reused"), ("BM_R1Decide", "a new Decision each call")):
    t0, t1 = g.get(f"{name}/trace:0"), g.get(f"{name}/trace:1")
    if t0 and t1:
        print(f"| R1 decide, Google Benchmark, {what}: trace off / on | {t0['real_time']:,.0f} / {t1['real_time']:,.0f} ns ({t1['real_time'] / t0['real_time']:.2f}x) | (info) | - |")
PY
echo
echo "All outputs: $OUT (results.md has the tables)"
