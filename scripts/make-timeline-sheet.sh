#!/usr/bin/env bash
# Remakes docs/images/timeline-conv_1_1.jpg (the README's "how it learned" picture): conv_1_1 of the default ankle
# boot at four checkpoints of the bundled training series — its maps on top, its filters (weights mode) below —
# each a `convoscope shot --series … --checkpoint K` with the timeline card, tiled by ffmpeg.
# Usage: scripts/make-timeline-sheet.sh [SERIES_DIR] [OUT.jpg]   (needs build/convoscope)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
series="${1:-$root/models/tiny-vgg-training}"
out="${2:-$root/docs/images/timeline-conv_1_1.jpg}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
files=()
for mode in maps weights; do
  for checkpoint in 0 6 10 15; do  # steps 0, 46, 583 and 14,070
    flag=""
    [ "$mode" = weights ] && flag="--weights"
    "$root/build/convoscope" shot --series "$series" --checkpoint "$checkpoint" $flag --focus conv_1_1 \
      --size 640x480 -o "$work/$mode-$checkpoint.png" >/dev/null
    files+=(-i "$work/$mode-$checkpoint.png")
  done
done
ffmpeg -loglevel error -y "${files[@]}" -filter_complex "xstack=inputs=8:layout=0_0|w0_0|w0+w1_0|w0+w1+w2_0|0_h0|w0_h0|w0+w1_h0|w0+w1+w2_h0" \
  -q:v 3 "$out"
echo "wrote $out"
