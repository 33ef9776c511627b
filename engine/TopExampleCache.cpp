#include "engine/TopExampleCache.h"

#include <cstdio>
#include <sstream>

#include "core/Errors.h"
#include "core/ResultCache.h"
#include "engine/FeatureCache.h"
#include "engine/ModelCacheKey.h"

namespace convoscope {
namespace {

constexpr const char* kKind = "top-examples";

std::string keyFor(const CaptureModel& model, const ExampleSource& source, int layer, int k) {
  return "top-examples v1|" + modelCacheKey(model, fileContentHash(model.path())) + "|data " + source.fingerprint() +
         "|layer " + std::to_string(layer) + "|k " + std::to_string(k);
}

}  // namespace

std::string encodeTopExamples(const LayerExamples& examples) {
  std::string text;
  char line[128];
  for (const ChannelExamples& c : examples.channels) {
    std::snprintf(line, sizeof line, "%d %zu\n", c.channel, c.examples.size());
    text += line;
    for (const TopExample& e : c.examples) {
      std::snprintf(line, sizeof line, "%d %d %.9g %d %d\n", e.index, e.label, e.value, e.y, e.x);
      text += line;
    }
  }
  return text;
}

std::optional<LayerExamples> decodeTopExamples(const std::string& text, int layer) {
  LayerExamples out;
  out.layer = layer;
  std::istringstream in(text);
  int channel = 0;
  long long count = 0;
  while (in >> channel >> count) {
    if (count < 0 || count > 100000) return std::nullopt;
    ChannelExamples c;
    c.channel = channel;
    for (long long i = 0; i < count; ++i) {
      TopExample e;
      if (!(in >> e.index >> e.label >> e.value >> e.y >> e.x)) return std::nullopt;
      c.examples.push_back(e);
    }
    out.channels.push_back(std::move(c));
  }
  if (!in.eof()) return std::nullopt;  // stopped at something that is not a number
  return out;
}

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
    if (std::optional<LayerExamples> cached = decodeTopExamples(std::string(bytes->begin(), bytes->end()), layer)) {
      if (progress) progress(1.0f);
      return {std::move(*cached), true};
    }
  CachedTopExamples out{collectTopExamples(model, source, options).at(0), false};
  const std::string text = encodeTopExamples(out.examples);
  writeCached(kKind, key, std::vector<uint8_t>(text.begin(), text.end()));
  return out;
}

}  // namespace convoscope
