#pragma once
// Top dataset examples are costly (a pass over the dataset) and stable: one layer's top k for every channel is
// kept on disk (core/ResultCache.h) under a key naming the model (engine/ModelCacheKey.h), the dataset
// (ExampleSource::fingerprint), the layer and k. Read from the user's cache, else from the read-only cache
// shipped in assets/cache (the bundled model over Fashion-MNIST's test set, made by
// scripts/make-bundled-features.sh), else computed and stored in the user's cache.
#include <functional>

#include "engine/TopExamples.h"

namespace convoscope {

struct CachedTopExamples {
  LayerExamples examples;
  bool fromCache = false;
};

// `useCache` false computes and stores nothing (--no-cache). InputError as collectTopExamples.
CachedTopExamples topExamplesCached(const CaptureModel& model, const ExampleSource& source, int layer, int k,
                                    const std::function<void(float)>& progress = {}, bool useCache = true);

}  // namespace convoscope
