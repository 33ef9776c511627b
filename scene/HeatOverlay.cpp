#include "scene/HeatOverlay.h"

#include <algorithm>
#include <atomic>
#include <cmath>

namespace convoscope {

uint64_t newHeatOverlayId() {
  static std::atomic<uint64_t> next{1};
  return next++;
}

std::vector<HeatPlacement> placeHeatMaps(const SceneLayout& layout, const HeatOverlay& overlay,
                                         const std::vector<bool>& cut) {
  std::vector<HeatPlacement> placements;
  for (size_t m = 0; m < overlay.maps.size(); ++m) {
    const int s = layout.slabForLayer(overlay.maps[m].layer);
    if (s < 0 || (s < static_cast<int>(cut.size()) && cut[s])) continue;
    const Slab& slab = layout.slabs[s];
    if (slab.grid.flat) continue;  // a vector has no image to lay a map over
    for (int c = 0; c < slab.grid.channels; ++c)
      placements.push_back({s, static_cast<int>(m), tileRect(slab, c), false});
    if (hasFarView(slab)) placements.push_back({s, static_cast<int>(m), farViewRect(slab), true});
  }
  return placements;
}

void normaliseHeat(std::vector<float>& values) {
  float top = 0;
  for (float& v : values) {
    if (!std::isfinite(v) || v < 0) v = 0;
    top = std::max(top, v);
  }
  for (float& v : values) v = top > 0 ? v / top : 0.0f;
}

}  // namespace convoscope
