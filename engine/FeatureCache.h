#pragma once
// Feature visualizations are costly and stable: each channel's picture is kept on disk (core/ResultCache.h)
// under a key naming the model file's content, its input shape and normalization, the layer, the channel and
// every setting, so a second look is instant and any change recomputes. Channels already cached are read —
// from the user's cache, else from the read-only cache shipped in assets/cache (the bundled model's conv
// channels, made by scripts/make-bundled-features.sh) — the others are optimized together in one call and
// stored in the user's cache.
#include <cstdint>
#include <string>
#include <vector>

#include "core/BundledAssets.h"  // bundledCacheDirectory
#include "engine/FeatureVisualization.h"

namespace convoscope {

struct CachedFeatures {
  std::vector<FeatureImage> images;  // in the order of FeatureOptions::channels
  int fromCache = 0;                 // how many were read rather than computed
  uint64_t modelHash = 0;            // the model file's content hash the keys used (0 without the cache)
};

// `useCache` false computes everything and stores nothing (--no-cache).
CachedFeatures visualizeFeaturesCached(const CaptureModel& model, const FeatureOptions& options, bool useCache = true);

}  // namespace convoscope
