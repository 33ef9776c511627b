#!/bin/sh
# Records the viewer live under Xvfb (Ctrl+R's path, driven by a script) and checks the MP4 with ffprobe:
# H.264, the chosen size, and at least one frame. Usage: window_record.sh CONVOSCOPE TOUR OUT.mp4
set -eu
binary=$1 tour=$2 out=$3
rm -f "$out"
xvfb-run -a -s "-screen 0 1920x1080x24" "$binary" view --size 1280x720 --tour "$tour" \
  --script "settle; record $out 1280x720; expect-recording; key PageDown; settle; wait 20; record-stop"
info=$(ffprobe -v error -count_frames -select_streams v:0 \
  -show_entries stream=codec_name,width,height,nb_read_frames -of csv=p=0 "$out")
echo "ffprobe: $info"
codec=$(echo "$info" | cut -d, -f1) width=$(echo "$info" | cut -d, -f2) height=$(echo "$info" | cut -d, -f3)
frames=$(echo "$info" | cut -d, -f4)
[ "$codec" = h264 ] && [ "$width" = 1280 ] && [ "$height" = 720 ] && [ "$frames" -gt 0 ]
