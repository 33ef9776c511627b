#!/usr/bin/env bash
# Remakes docs/images/tour-steps.jpg (the README's contact sheet of the bundled tour): `convoscope record
# --stills` renders one picture per step at a 4:3 projector's 1024x768, then ffmpeg tiles them 6 across.
# Usage: scripts/make-tour-stills.sh [OUT.jpg]   (needs build/convoscope: ./run or scripts/build.sh first)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/docs/images/tour-steps.jpg}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/build/convoscope" record --tour "$root/assets/tours/tiny-vgg.json" --stills --size 1024x768 -o "$work"
steps=$(ls "$work"/step-*.png | wc -l)
rows=$(( (steps + 5) / 6 ))
ffmpeg -loglevel error -y -framerate 1 -i "$work/step-%02d.png" \
  -vf "scale=320:240:flags=lanczos,tile=6x${rows}:padding=4:color=0x101418" -frames:v 1 -q:v 3 "$out"
echo "wrote $out ($steps steps)"
