#!/usr/bin/env bash
# Configures (once) and builds Convoscope into build/ (or $CONVOSCOPE_BUILD_DIR); extra arguments go to the
# first configure.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${CONVOSCOPE_BUILD_DIR:-$root/build}"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE="${CONVOSCOPE_BUILD_TYPE:-RelWithDebInfo}" "$@" >/dev/null
fi
# CONVOSCOPE_BUILD_TARGETS (space-separated) builds only those, e.g. a sanitized subset in CI.
targets=()
for t in ${CONVOSCOPE_BUILD_TARGETS:-}; do targets+=(--target "$t"); done
cmake --build "$build" -j "$(nproc)" "${targets[@]}"
