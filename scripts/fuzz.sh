#!/usr/bin/env bash
# scripts/fuzz.sh [SECONDS] [TARGET...]: builds the libFuzzer targets (fuzz/, clang + ASan + UBSan) in
# build-fuzz/ and runs each for SECONDS (default 30; or CONVOSCOPE_FUZZ_RUNS inputs from seed
# CONVOSCOPE_FUZZ_SEED, default 1, reproducibly) on the committed seeds in fuzz/corpus/<name>/ (the
# target without "fuzz_").
# Inputs that grow coverage go to build-fuzz/corpus/<target>/ (not committed); a crash leaves its input in
# build-fuzz/crashes/<target>/ and fails the script. Reproduce one: build-fuzz/fuzz/<target> <input file>.
# Targets: fuzz_image fuzz_tour fuzz_model_metadata fuzz_result_cache fuzz_snapshot_codec fuzz_model (the last compiles the engine's torch files).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-30}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(fuzz_image fuzz_tour fuzz_model_metadata fuzz_result_cache fuzz_snapshot_codec fuzz_model)
build="${CONVOSCOPE_FUZZ_BUILD_DIR:-$root/build-fuzz}"

"$root/scripts/install-deps.sh" --fuzz
if [ ! -f "$build/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCONVOSCOPE_FUZZ=ON -DCONVOSCOPE_SANITIZE=ON >/dev/null
fi
cmake --build "$build" -j "$(nproc)" --target "${targets[@]}"

source "$root/scripts/sanitizer-env.sh"
failed=()
for target in "${targets[@]}"; do
  work="$build/corpus/$target" crashes="$build/crashes/$target"
  mkdir -p "$work" "$crashes"
  options=(-timeout=30 -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$crashes/")
  if [ -n "${CONVOSCOPE_FUZZ_RUNS:-}" ]; then
    # A fixed number of runs from a fixed seed: the same inputs on every machine, so CI is reproducible and a
    # finding can be replayed exactly (a time budget would depend on the machine's speed).
    options+=(-runs="$CONVOSCOPE_FUZZ_RUNS" -seed="${CONVOSCOPE_FUZZ_SEED:-1}")
  else
    options+=(-max_total_time="$seconds")
  fi
  case "$target" in
    # Model files are kilobytes; a 64 KiB cap keeps mutations near the seed's structure.
    fuzz_model) options+=(-max_len=65536) ;;
    # The seed is the bundled model's real snapshot (weights included): 203 KiB.
    fuzz_snapshot_codec) options+=(-max_len=262144) ;;
    *) options+=(-max_len=16384) ;;
  esac
  echo "== $target: ${seconds} s"
  if ! "$build/fuzz/$target" "${options[@]}" "$work" "$root/fuzz/corpus/${target#fuzz_}" \
       >"$build/$target.log" 2>&1; then
    failed+=("$target")
    tail -n 60 "$build/$target.log"
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$build/$target.log" | tr '\n' ' '
    echo
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in ${failed[*]} (inputs under $build/crashes/)" >&2
  exit 1
fi
