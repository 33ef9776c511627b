#include "app/FeaturePictures.h"

#include <algorithm>

#include "app/FeatureImageFile.h"
#include "engine/FeatureCache.h"

namespace convoscope {

FeaturePicture smallPicture(const RgbaImage& full, int layer, int channel) {
  // Whole-pixel box filter: the smallest factor that brings the long side within the limit.
  const int factor = std::max(1, (std::max(full.width, full.height) + kFeaturePictureSide - 1) / kFeaturePictureSide);
  FeaturePicture picture;
  picture.layer = layer;
  picture.channel = channel;
  picture.width = std::max(1, full.width / factor);
  picture.height = std::max(1, full.height / factor);
  picture.rgba.resize(static_cast<size_t>(picture.width) * picture.height * 4);
  for (int y = 0; y < picture.height; ++y)
    for (int x = 0; x < picture.width; ++x)
      for (int k = 0; k < 4; ++k) {
        int sum = 0, count = 0;
        for (int dy = 0; dy < factor && y * factor + dy < full.height; ++dy)
          for (int dx = 0; dx < factor && x * factor + dx < full.width; ++dx, ++count)
            sum += full.pixels[(static_cast<size_t>(y * factor + dy) * full.width + x * factor + dx) * 4 + k];
        picture.rgba[(static_cast<size_t>(y) * picture.width + x) * 4 + k] =
            static_cast<uint8_t>((sum + count / 2) / std::max(count, 1));
      }
  return picture;
}

FeaturePicture featurePicture(const FeatureImage& image, int layer) {
  return smallPicture(featureRgba(image), layer, image.channel);
}

std::vector<FeaturePicture> computeFeaturePictures(const CaptureModel& model, int layer,
                                                   const std::vector<int>& channels,
                                                   const std::function<void(float)>& progress) {
  FeatureOptions options;
  options.layer = layer;
  options.channels = channels;
  options.progress = progress;
  std::vector<FeaturePicture> pictures;
  for (const FeatureImage& image : visualizeFeaturesCached(model, options).images)
    pictures.push_back(featurePicture(image, layer));
  return pictures;
}

FeatureOverlay computeFeatureOverlay(const CaptureModel& model, const Snapshot& snapshot, const SceneLayout& layout) {
  FeatureOverlay overlay;
  overlay.id = newFeatureOverlayId();
  for (int layer : featureLayers(snapshot, layout)) {
    std::vector<int> channels(static_cast<size_t>(snapshot.layers[layer].output.shape[0]));
    for (size_t c = 0; c < channels.size(); ++c) channels[c] = static_cast<int>(c);
    for (FeaturePicture& picture : computeFeaturePictures(model, layer, channels))
      overlay.pictures.push_back(std::move(picture));
  }
  return overlay;
}

}  // namespace convoscope
