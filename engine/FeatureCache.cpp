#include "engine/FeatureCache.h"

#include <cstring>
#include <map>
#include <sstream>

#include "core/BundledAssets.h"
#include "core/ResultCache.h"
#include "engine/ModelCacheKey.h"

namespace convoscope {
namespace {

constexpr const char* kKind = "features";

std::string keyFor(const CaptureModel& model, uint64_t modelHash, const FeatureOptions& o, int channel) {
  std::ostringstream key;
  key << "features v1|" << modelCacheKey(model, modelHash) << "|layer " << o.layer << "|channel " << channel;
  if (o.y && o.x) key << "|cell " << *o.y << ' ' << *o.x;
  key << "|steps " << o.steps << "|lr " << o.learningRate << "|seed " << o.seed;
  return key.str();
}

// Payload: C, H, W as int64, the activation, then C×H×W floats (little-endian, as the machine writes them).
std::vector<uint8_t> encode(const FeatureImage& image) {
  std::vector<uint8_t> out(3 * sizeof(int64_t) + sizeof(float) + image.pixels.size() * sizeof(float));
  std::memcpy(out.data(), image.shape.data(), 3 * sizeof(int64_t));
  std::memcpy(out.data() + 24, &image.activation, sizeof(float));
  std::memcpy(out.data() + 28, image.pixels.data(), image.pixels.size() * sizeof(float));
  return out;
}

std::optional<FeatureImage> decode(const std::vector<uint8_t>& bytes, int channel, const std::vector<int64_t>& chw) {
  if (bytes.size() < 28 || chw.size() != 3) return std::nullopt;
  FeatureImage image;
  image.channel = channel;
  image.shape.resize(3);
  std::memcpy(image.shape.data(), bytes.data(), 24);
  if (image.shape != chw || bytes.size() != 28 + static_cast<size_t>(chw[0] * chw[1] * chw[2]) * sizeof(float))
    return std::nullopt;
  std::memcpy(&image.activation, bytes.data() + 24, sizeof(float));
  image.pixels.resize(static_cast<size_t>(chw[0] * chw[1] * chw[2]));
  std::memcpy(image.pixels.data(), bytes.data() + 28, image.pixels.size() * sizeof(float));
  return image;
}

}  // namespace

CachedFeatures visualizeFeaturesCached(const CaptureModel& model, const FeatureOptions& options, bool useCache) {
  CachedFeatures out;
  if (!useCache) {
    out.images = visualizeFeatures(model, options);
    return out;
  }
  const uint64_t modelHash = fileContentHash(model.path());
  out.modelHash = modelHash;
  std::map<int, FeatureImage> found;
  FeatureOptions missing = options;
  missing.channels.clear();
  const std::string bundled = bundledCacheDirectory();
  for (int c : options.channels) {
    const std::string key = keyFor(model, modelHash, options, c);
    std::optional<std::vector<uint8_t>> bytes = readCached(kKind, key);
    if (!bytes) bytes = readCached(kKind, key, bundled);
    std::optional<FeatureImage> image = bytes ? decode(*bytes, c, model.metadata().inputShape) : std::nullopt;
    if (image)
      found.emplace(c, std::move(*image));
    else
      missing.channels.push_back(c);
  }
  out.fromCache = static_cast<int>(found.size());
  if (!missing.channels.empty())
    for (FeatureImage& image : visualizeFeatures(model, missing)) {
      writeCached(kKind, keyFor(model, modelHash, options, image.channel), encode(image));
      found.emplace(image.channel, std::move(image));
    }
  for (int c : options.channels) out.images.push_back(found.at(c));
  if (options.progress) options.progress(1.0f);
  return out;
}

}  // namespace convoscope
