#include "engine/TopExampleCache.h"

#include "core/Errors.h"
#include "core/ResultCache.h"
#include "engine/FeatureCache.h"
#include "engine/ModelCacheKey.h"
#include "engine/TopExamplePayload.h"

namespace convoscope {
namespace {

constexpr const char* kKind = "top-examples";

std::string keyFor(const CaptureModel& model, const ExampleSource& source, int layer, int k) {
  return "top-examples v1|" + modelCacheKey(model, fileContentHash(model.path())) + "|data " + source.fingerprint() +
         "|layer " + std::to_string(layer) + "|k " + std::to_string(k);
}

// A cached list must name images the dataset has (the key says it is this dataset; this guards the reads).
bool fitsDataset(const LayerExamples& examples, const ExampleSource& source) {
  for (const ChannelExamples& c : examples.channels)
    for (const TopExample& e : c.examples)
      if (e.index < 0 || e.index >= source.count()) return false;
  return true;
}

}  // namespace

CachedTopExamples topExamplesCached(const CaptureModel& model, const ExampleSource& source, int layer, int k,
                                    const std::function<void(float)>& progress, bool useCache) {
  TopExampleOptions options;
  options.layers = {layer};
  options.k = k;
  options.progress = progress;
  if (k < 1) throw InputError("--k must be at least 1");  // before a cache lookup could answer it
  if (!useCache) return {collectTopExamples(model, source, options).at(0), false};
  const std::string key = keyFor(model, source, layer, k);
  std::optional<std::vector<uint8_t>> bytes = readCached(kKind, key);
  if (!bytes) bytes = readCached(kKind, key, bundledCacheDirectory());
  if (bytes)
    if (std::optional<LayerExamples> cached = decodeTopExamples(std::string(bytes->begin(), bytes->end()), layer);
        cached && fitsDataset(*cached, source)) {
      if (progress) progress(1.0f);
      return {std::move(*cached), true};
    }
  CachedTopExamples out{collectTopExamples(model, source, options).at(0), false};
  const std::string text = encodeTopExamples(out.examples);
  writeCached(kKind, key, std::vector<uint8_t>(text.begin(), text.end()));
  return out;
}

}  // namespace convoscope
