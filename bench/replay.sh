#!/usr/bin/env bash
# `redress replay` end to end on N R1 cases (default 1,000,000): R1 incidents from
# shared/bench/gen-incidents.py as redress incidents (tests/data/batch/r1_to_incidents.py), the
# baseline bench/policies/r1.yaml and a candidate that changes three things a quarterly review
# might (core.unavailable vouchers at 60 % up to 800 CNY, core.slow discounts at 15 %, the
# supervisor's authority 3,000 CNY). Prints the summary, the rate and the peak RSS, and checks
# that every case gave one line.
#
# usage: bench/replay.sh                 (builds build-bench/replay in Release -O2 first)
# environment: N [1000000], WORK [/tmp/redress-replay-bench], BUILD [<repo>/build-bench/replay],
#   THREADS [0: one per core], GEN [/work/shared/bench/gen-incidents.py]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-1000000}
WORK=${WORK:-/tmp/redress-replay-bench}
BUILD=${BUILD:-$ROOT/build-bench/replay}
THREADS=${THREADS:-0}
GEN=${GEN:-/work/shared/bench/gen-incidents.py}
mkdir -p "$WORK"

if [ ! -x "$BUILD/redress" ]; then
  GENERATOR=()
  command -v ninja >/dev/null && GENERATOR=(-G Ninja)
  cmake -S "$ROOT" -B "$BUILD" "${GENERATOR[@]}" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" -DREDRESS_BUILD_TESTS=OFF \
    -DREDRESS_BUILD_EXAMPLES=OFF -DREDRESS_BUILD_C_LIBRARY=OFF -DREDRESS_INSTALL=OFF >/dev/null
fi
cmake --build "$BUILD" -j2 --target redress_cli >/dev/null

CASES=$WORK/r1-$N.jsonl
if [ ! -s "$CASES" ]; then
  echo "== writing $N R1 cases to $CASES"
  python3 "$GEN" "$N" | python3 "$ROOT/tests/data/batch/r1_to_incidents.py" > "$CASES.tmp"
  mv "$CASES.tmp" "$CASES"
fi
CANDIDATE=$WORK/r1-candidate.yaml
sed -e 's|set: {category_money: "min(loss \* 50 / 100, 500 CNY)"}|set: {category_money: "min(loss * 60 / 100, 800 CNY)"}|' \
    -e 's|set: {category_money: "loss \* 10 / 100"}|set: {category_money: "loss * 15 / 100"}|' \
    -e 's|{id: supervisor, authority: 2000 CNY|{id: supervisor, authority: 3000 CNY|' \
    -e 's|version: "1.0.0"|version: "1.1.0"|' "$ROOT/bench/policies/r1.yaml" > "$CANDIDATE"
[ "$(diff "$ROOT/bench/policies/r1.yaml" "$CANDIDATE" | grep -c '^>')" = 4 ] \
  || { echo "bench/replay.sh: the candidate's edits no longer apply to r1.yaml" >&2; exit 1; }

THREAD_ARGS=()
[ "$THREADS" != 0 ] && THREAD_ARGS=(--threads "$THREADS")
echo "== redress replay on $N cases ($(nproc) cores)"
/usr/bin/time -f "peak RSS %M KiB, %e s wall" "$BUILD/redress" replay \
  --baseline "$ROOT/bench/policies/r1.yaml" --candidate "$CANDIDATE" "${THREAD_ARGS[@]}" \
  "$CASES" -o "$WORK/replay.jsonl" --summary-json "$WORK/summary.json"
lines=$(wc -l < "$WORK/replay.jsonl")
[ "$lines" = "$N" ] || { echo "bench/replay.sh: $lines output lines for $N cases" >&2; exit 1; }
echo "== $lines lines in $WORK/replay.jsonl, summary in $WORK/summary.json"

# `redress diff` and `redress graph` on S(10000): the scaling policy against a copy whose every
# tenth rule asks for severity 4.
S=$WORK/s10000.yaml
python3 "$ROOT/bench/policies/gen-scaling.py" 10000 > "$S"
sed -E '/\{id: s[0-9]*0,/ s/severity >= [0-9]/severity >= 4/' "$S" > "$WORK/s10000-candidate.yaml"
echo "== redress diff on S(10000)"
/usr/bin/time -f "%e s wall, peak RSS %M KiB" "$BUILD/redress" diff "$S" \
  "$WORK/s10000-candidate.yaml" | tail -n 1
for what in rules roles taxonomy; do
  echo "== redress graph --what $what on S(10000) (DOT)"
  /usr/bin/time -f "%e s wall, peak RSS %M KiB" "$BUILD/redress" graph "$S" --what "$what" \
    > "$WORK/s10000-$what.dot"
done
