#!/usr/bin/env bash
# Remakes docs/images/timeline-conv_1_1.jpg (the README's "how it learned" picture): conv_1_1's ten maps of the
# default ankle boot at four checkpoints of the bundled training series, each a `convoscope shot`, side by side.
# Usage: scripts/make-timeline-sheet.sh [SERIES_DIR] [OUT.jpg]   (needs build/convoscope)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
series="${1:-$root/models/tiny-vgg-training}"
out="${2:-$root/docs/images/timeline-conv_1_1.jpg}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
files=()
for step in 000000 000046 000583 014070; do
  "$root/build/convoscope" shot --model "$series/step-$step.pt" --focus conv_1_1 --size 640x480 \
    -o "$work/step-$step.png" >/dev/null
  files+=(-i "$work/step-$step.png")
done
ffmpeg -loglevel error -y "${files[@]}" -filter_complex "hstack=inputs=4" -q:v 3 "$out"
echo "wrote $out"
