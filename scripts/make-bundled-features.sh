#!/usr/bin/env bash
# Remakes assets/cache/features: the feature visualizations of every convolution channel of the bundled Tiny
# VGG, with the defaults the viewer and `convoscope features` use, so the first launch shows them at once
# (engine/FeatureCache.h reads this folder, never writes it). Run after retraining models/tiny-vgg.pt; the
# engine test FeatureVisualization.BundledModelShipsEveryConvChannel says when it is needed.
# Usage: scripts/make-bundled-features.sh   (needs build/convoscope: ./run or scripts/build.sh first)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rm -rf "$root/assets/cache/features"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for layer in conv_1_1 conv_1_2 conv_2_1 conv_2_2; do
  CONVOSCOPE_CACHE_DIR="$root/assets/cache" "$root/build/convoscope" features --layer "$layer" --all \
    -o "$work/$layer.png"
done
echo "wrote $(ls "$root/assets/cache/features" | wc -l) entries to assets/cache/features"
