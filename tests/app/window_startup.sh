#!/bin/sh
# The viewer's start-up snapshot cache in the real window. First start, empty cache: the engine draws the
# bundled model and stores its snapshot; the start-up report line has its three figures. Second start, with
# the engine switched off: the network is drawn from the cache (a tile can be clicked) without the engine
# (settled, no error), the report says so; asking for a heat map then needs the engine, whose failure is a
# visible message, not a crash.
set -eu
binary=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export CONVOSCOPE_CACHE_DIR="$dir/cache" CONVOSCOPE_STARTUP_REPORT=1
xvfb-run -a -s "-screen 0 1600x900x24" "$binary" view --script "settle; clicktile; expect-selected" 2>"$dir/first"
grep -Eq '^startup: first frame [0-9]+ ms, model drawn [0-9]+ ms, peak RSS [0-9]+ MiB$' "$dir/first" ||
  { echo "first start: no report line"; cat "$dir/first"; exit 1; }
ls "$dir/cache/snapshots"/* >/dev/null || { echo "first start stored no snapshot"; exit 1; }
CONVOSCOPE_NO_ENGINE=1 xvfb-run -a -s "-screen 0 1600x900x24" "$binary" view \
  --script "settle; clicktile; expect-selected; why top; wait 20; expect-error" 2>"$dir/second"
grep -Eq '^startup: first frame [0-9]+ ms, model drawn [0-9]+ ms, peak RSS [0-9]+ MiB \(from the snapshot cache\)$' \
  "$dir/second" || { echo "second start: not from the cache"; cat "$dir/second"; exit 1; }
echo "startup cache: ok"
