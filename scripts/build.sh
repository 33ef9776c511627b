#!/usr/bin/env bash
# Configures (once) and builds Convoscope into build/ (or $CONVOSCOPE_BUILD_DIR).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${CONVOSCOPE_BUILD_DIR:-$root/build}"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE="${CONVOSCOPE_BUILD_TYPE:-RelWithDebInfo}" "$@" >/dev/null
fi
cmake --build "$build" -j "$(nproc)"
