#include "scene/FeatureOverlay.h"

#include <algorithm>
#include <atomic>

namespace convoscope {

bool FeatureOverlay::has(int layer, int channel) const {
  return std::any_of(pictures.begin(), pictures.end(),
                     [&](const FeaturePicture& p) { return p.layer == layer && p.channel == channel; });
}

uint64_t newFeatureOverlayId() {
  static std::atomic<uint64_t> next{1};
  return next++;
}

std::vector<int> featureLayers(const Snapshot& snapshot, const SceneLayout& layout) {
  std::vector<int> layers;
  for (const Slab& slab : layout.slabs) {
    if (slab.layer <= 0 || slab.layer >= static_cast<int>(snapshot.layers.size()) || slab.grid.flat) continue;
    const Layer& head = snapshot.layers[slab.layer];
    if (head.kind == LayerKind::Conv2d && head.output.shape.size() == 3) layers.push_back(slab.layer);
  }
  return layers;
}

std::vector<int> featureLayersNearest(const Snapshot& snapshot, const SceneLayout& layout, const glm::vec3& point) {
  std::vector<int> layers = featureLayers(snapshot, layout);
  const auto distance = [&](int layer) { return glm::length(layout.slabs[layout.slabForLayer(layer)].centre - point); };
  std::stable_sort(layers.begin(), layers.end(), [&](int a, int b) { return distance(a) < distance(b); });
  return layers;
}

std::vector<bool> slabsWithPictures(const SceneLayout& layout, const FeatureOverlay& overlay) {
  std::vector<bool> has(layout.slabs.size(), false);
  for (const FeaturePicture& picture : overlay.pictures) {
    const int s = layout.slabForLayer(picture.layer);
    if (s >= 0) has[s] = true;
  }
  return has;
}

std::vector<FeaturePlacement> placeFeaturePictures(const SceneLayout& layout, const FeatureOverlay& overlay,
                                                   const std::vector<bool>& cut) {
  std::vector<FeaturePlacement> placements;
  for (size_t p = 0; p < overlay.pictures.size(); ++p) {
    const FeaturePicture& picture = overlay.pictures[p];
    const int s = layout.slabForLayer(picture.layer);
    if (s < 0 || (s < static_cast<int>(cut.size()) && cut[s])) continue;
    const Slab& slab = layout.slabs[s];
    if (slab.grid.flat || picture.channel < 0 || picture.channel >= slab.grid.channels) continue;
    placements.push_back({s, static_cast<int>(p), tileRect(slab, picture.channel)});
  }
  return placements;
}

}  // namespace convoscope
