#!/usr/bin/env bash
# Remakes docs/images/timeline.gif (the README's "watch it learn" animation): the bundled tour's chapter "How did
# it learn?" — its steps "Watching it learn" (conv_1_1's filters) and "The maps sharpen" (the whole network) —
# rendered headless by `convoscope record --steps`, then played 2x faster at 8 fps, 560 px wide, one palette.
# Usage: scripts/make-timeline-gif.sh [OUT.gif]   (needs build/convoscope)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/docs/images/timeline.gif}"
tour="$root/assets/tours/tiny-vgg.json"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The chapter's steps with a checkpoint range ("checkpoints": [a, b]), 1-based.
steps=$(/usr/bin/python3 -c "import json,sys; s=json.load(open(sys.argv[1]))['steps']; r=[i+1 for i,x in enumerate(s) if 'checkpoints' in x]; print(f'{r[0]}-{r[-1]}')" "$tour")
"$root/build/convoscope" record --tour "$tour" --steps "$steps" --size 1280x720 --fps 16 -o "$work/chapter.mp4"
filters="setpts=PTS/2,fps=8,scale=560:-1:flags=lanczos"
ffmpeg -loglevel error -y -i "$work/chapter.mp4" -vf "$filters,palettegen=stats_mode=diff" "$work/palette.png"
ffmpeg -loglevel error -y -i "$work/chapter.mp4" -i "$work/palette.png" \
  -lavfi "$filters [x]; [x][1:v] paletteuse=dither=bayer:bayer_scale=4" "$out"
echo "wrote $out"
