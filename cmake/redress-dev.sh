#!/usr/bin/env bash
# Developer entry point: installs missing Debian packages, builds, and runs things.
#   cmake/redress-dev.sh demo      build, then decide every sample incident (examples/incidents/NAME/
#                                  with rules/NAME.yaml, the others with the default policy)
#   cmake/redress-dev.sh test      build with warnings as errors, run every test through ctest
#   cmake/redress-dev.sh sanitize  the same under AddressSanitizer + UndefinedBehaviorSanitizer
#   cmake/redress-dev.sh tsan      the library, C ABI and unit tests under ThreadSanitizer
#   cmake/redress-dev.sh fuzz      each libFuzzer target (tests/fuzz) for REDRESS_FUZZ_SECONDS (30)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)

packages=(cmake g++ ninja-build pkg-config python3 libboost-dev libboost-graph-dev
          libyaml-cpp-dev librange-v3-dev catch2 nlohmann-json3-dev libfmt-dev libcli11-dev
          libssl-dev libsimdjson-dev python3-jsonschema python3-yaml clang-format doxygen
          graphviz chromium
          python3-dev pybind11-dev python3-pytest python3-pandas python3-dask python3-distributed
          python3-venv python3-setuptools python3-wheel)

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing missing Debian packages: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}"
}

build() {  # build DIR [--target T] [cmake args...]
  local dir=$1
  shift
  local target=()
  if [ "${1:-}" = "--target" ]; then
    target=(--target "$2")
    shift 2
  fi
  cmake -S "$root" -B "$dir" -G Ninja -DREDRESS_WERROR=ON "$@" >/dev/null
  cmake --build "$dir" -j "$jobs" "${target[@]}"
}

run_tests() {  # run_tests DIR
  ctest --test-dir "$1" --output-on-failure -j "$jobs" --timeout 300
}

case "${1:-}" in
  demo)
    # Only the CLI: the tests, examples and benchmarks are not needed to decide a sample.
    install_missing
    build "$root/build" --target redress_cli
    shopt -s nullglob
    for incident in "$root"/examples/incidents/*.yaml "$root"/examples/incidents/*.json; do
      echo "=== $(basename "$incident")"
      "$root/build/redress" decide "$incident"
      echo
    done
    # A subfolder holds the incidents of the shipped policy of its name (hotel/ for hotel.yaml).
    for folder in "$root"/examples/incidents/*/; do
      policy="$root/rules/$(basename "$folder").yaml"
      [ -f "$policy" ] || continue
      for incident in "$folder"*.yaml "$folder"*.json; do
        echo "=== $(basename "$folder")/$(basename "$incident") (policy $(basename "$policy"))"
        "$root/build/redress" decide --policy "$policy" "$incident"
        echo
      done
    done
    ;;
  test)
    install_missing
    build "$root/build" -DREDRESS_BUILD_PYTHON=ON
    run_tests "$root/build"
    ;;
  sanitize)
    # Without the Python package: an ASan-instrumented extension in an uninstrumented
    # interpreter needs the ASan runtime LD_PRELOADed into python, and CI time is better spent
    # on the library (so tsan and fuzz leave it out too). Nor the package tests: they rebuild the
    # library from scratch to check its packaging, which the test mode does.
    install_missing
    build "$root/build-sanitize" -DCMAKE_BUILD_TYPE=Debug -DREDRESS_SANITIZE=address,undefined \
      -DREDRESS_BUILD_PYTHON=OFF -DREDRESS_INSTALL=OFF -DREDRESS_UNITY_BUILD=ON
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 run_tests "$root/build-sanitize"
    ;;
  tsan)
    # The concurrency that matters is in the library and the C ABI (hot reload while deciding,
    # the batch pipeline, the server): the unit tests that start threads (tests/CMakeLists.txt
    # picks them) and the C ABI's thread test. The CLI, examples, corpus replays, benchmark
    # checks and package tests add build time and no threads.
    install_missing
    build "$root/build-tsan" -DREDRESS_SANITIZE=thread -DREDRESS_BUILD_CLI=OFF \
      -DREDRESS_BUILD_EXAMPLES=OFF -DREDRESS_BUILD_PYTHON=OFF -DREDRESS_INSTALL=OFF \
      -DREDRESS_BENCH_CHECK=OFF -DREDRESS_UNITY_BUILD=ON
    TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" run_tests "$root/build-tsan"
    ;;
  fuzz)
    # clang's libFuzzer, ASan and UBSan; the library alone (the CLI and tests add build time).
    # Each target starts from its committed corpus and regressions (read only) and writes what it
    # finds to a scratch corpus. A crash stops the run and leaves its input in
    # build-fuzz/crashes/<target>: fix the bug, then add the input to
    # tests/fuzz/regressions/<target>/ (the replay runs it).
    packages+=(clang)
    install_missing
    build "$root/build-fuzz" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
      -DCMAKE_CXX_COMPILER=clang++ -DREDRESS_FUZZ=ON -DREDRESS_BUILD_TESTS=OFF \
      -DREDRESS_BUILD_CLI=OFF -DREDRESS_BUILD_EXAMPLES=OFF -DREDRESS_BUILD_PYTHON=OFF \
      -DREDRESS_INSTALL=OFF -DREDRESS_UNITY_BUILD=ON
    seconds=${REDRESS_FUZZ_SECONDS:-30}
    for target in policy expr incident capi; do
      echo "=== fuzz $target for ${seconds}s"
      scratch="$root/build-fuzz/corpus/$target"
      crashes="$root/build-fuzz/crashes/$target"
      mkdir -p "$scratch" "$crashes"
      inputs=("$scratch" "$root/tests/fuzz/corpus/$target")
      [ -d "$root/tests/fuzz/regressions/$target" ] && inputs+=("$root/tests/fuzz/regressions/$target")
      "$root/build-fuzz/tests/fuzz/redress_fuzz_$target" -max_total_time="$seconds" \
        -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$crashes/" "${inputs[@]}"
    done
    ;;
  *)
    echo "usage: cmake/redress-dev.sh demo|test|sanitize|tsan|fuzz" >&2
    exit 2
    ;;
esac
