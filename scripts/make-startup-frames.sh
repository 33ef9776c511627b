#!/usr/bin/env bash
# Remakes docs/images/startup-frames.jpg (the README's "opens at once" picture): the viewer's first two frames
# as `./run` shows them, side by side — the window and its panels, then, one frame later, the bundled network
# from the start-up snapshot cache (before the engine is open). Under Xvfb; the cache is filled first.
# Usage: scripts/make-startup-frames.sh [OUT.jpg]   (needs build/convoscope and Xvfb)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/docs/images/startup-frames.jpg}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/build/convoscope" shot --size 640x360 -o "$work/fill.png" >/dev/null  # the start-up cache
CONVOSCOPE_STARTUP_REPORT=1 xvfb-run -a -s "-screen 0 1920x1080x24" "$root/build/convoscope" view --size 1280x720 \
  --script "shot $work/first.png; wait 1; shot $work/second.png; quit" 2>"$work/report" >/dev/null
cat "$work/report" | grep '^startup:' || true
ffmpeg -loglevel error -y -i "$work/first.png" -i "$work/second.png" \
  -filter_complex "[0][1]hstack=inputs=2,scale=1920:-2" -q:v 3 "$out"
echo "wrote $out"
