#!/usr/bin/env bash
# Remakes docs/images/tour.gif (the README's animation) from the bundled tour: `convoscope record` renders it
# headless to MP4, then ffmpeg plays it 6x faster at 8 fps, 480 px wide, with one shared 256-colour palette.
# Usage: scripts/make-tour-gif.sh [OUT.gif]   (needs build/convoscope: ./run or scripts/build.sh first)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/docs/images/tour.gif}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/build/convoscope" record --tour "$root/assets/tours/tiny-vgg.json" --size 640x360 --fps 10 \
  -o "$work/tour.mp4"
filters="setpts=PTS/6,fps=8,scale=480:-1:flags=lanczos"
ffmpeg -loglevel error -y -i "$work/tour.mp4" -vf "$filters,palettegen=stats_mode=diff" "$work/palette.png"
ffmpeg -loglevel error -y -i "$work/tour.mp4" -i "$work/palette.png" \
  -lavfi "$filters [x]; [x][1:v] paletteuse=dither=bayer:bayer_scale=4" "$out"
echo "wrote $out"
