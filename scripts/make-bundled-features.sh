#!/usr/bin/env bash
# Remakes assets/cache: the feature visualizations of every convolution channel of the bundled Tiny VGG, with
# the defaults the viewer and `convoscope features` use, and the top 9 Fashion-MNIST test images of every
# channel of every slab the viewer asks for (its convolutions and poolings), so the first launch shows them at
# once (engine/FeatureCache.h and engine/TopExampleCache.h read this folder, never write it). Run after
# retraining models/tiny-vgg.pt; the engine tests FeatureVisualization.BundledModelShipsEveryConvChannel and
# TopExampleCache.BundledModelShipsEverySlabsExamples say when it is needed.
# Usage: scripts/make-bundled-features.sh   (needs build/convoscope: ./run or scripts/build.sh first)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rm -rf "$root/assets/cache/features" "$root/assets/cache/top-examples"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for layer in conv_1_1 conv_1_2 conv_2_1 conv_2_2; do
  CONVOSCOPE_CACHE_DIR="$root/assets/cache" "$root/build/convoscope" features --layer "$layer" --all \
    -o "$work/$layer.png"
done
for layer in conv_1_1 conv_1_2 max_pool_1 conv_2_1 conv_2_2 max_pool_2; do
  CONVOSCOPE_CACHE_DIR="$root/assets/cache" "$root/build/convoscope" top-examples --layer "$layer" --k 9 \
    --data /usr/share/datasets/fashion-mnist --json >/dev/null
done
echo "wrote $(ls "$root/assets/cache/features" | wc -l) entries to assets/cache/features," \
  "$(ls "$root/assets/cache/top-examples" | wc -l) to assets/cache/top-examples"
