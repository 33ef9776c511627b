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

int featureLayerFor(const Snapshot& snapshot, const SceneLayout& layout, int layer) {
  const int slab = layout.slabForLayer(layer);
  if (slab < 0) return layer;
  const int head = layout.slabs[slab].layer;
  return head >= 0 && snapshot.layers[head].kind == LayerKind::Conv2d ? head : layer;
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

namespace {

constexpr int kGalleryColumns = 3;

// The gallery's grid: the slab, the top-left corner of its first cell, the cell side and the gaps (rows leave
// room for each picture's caption).
struct GalleryGrid {
  int slab = -1;
  glm::vec2 topLeft{0.0f};
  float cell = 0, gap = 0, rowGap = 0;
  FaceRect cellRect(int i) const {
    FaceRect r;
    r.min = {topLeft.x + (i % kGalleryColumns) * (cell + gap),
             topLeft.y - (i / kGalleryColumns + 1) * cell - (i / kGalleryColumns) * rowGap};
    r.max = r.min + glm::vec2(cell);
    return r;
  }
};

std::optional<GalleryGrid> galleryGrid(const SceneLayout& layout, int layer, int channel) {
  const int s = layout.slabForLayer(layer);
  if (s < 0) return std::nullopt;
  const Slab& slab = layout.slabs[s];
  if (slab.grid.flat || channel < 0 || channel >= slab.grid.channels) return std::nullopt;
  const FaceRect tile = tileRect(slab, channel);
  // A little larger than the tile: the examples are whole images, worth reading when the tile is framed.
  GalleryGrid grid;
  grid.slab = s;
  grid.cell = 1.4f * std::max(tile.size().x, tile.size().y);
  grid.gap = 0.1f * grid.cell;
  grid.rowGap = 0.22f * grid.cell;
  grid.topLeft = {slab.centre.x + 0.5f * slab.size.x + 2.0f * grid.gap, tile.max.y + 0.25f * grid.cell};
  return grid;
}

}  // namespace

std::vector<FeaturePlacement> placeGallery(const SceneLayout& layout, const FeatureOverlay& gallery,
                                           const std::vector<bool>& cut) {
  std::vector<FeaturePlacement> placements;
  if (gallery.pictures.empty()) return placements;
  const std::optional<GalleryGrid> grid = galleryGrid(layout, gallery.pictures[0].layer, gallery.pictures[0].channel);
  if (!grid || (grid->slab < static_cast<int>(cut.size()) && cut[grid->slab])) return placements;
  for (size_t i = 0; i < gallery.pictures.size(); ++i) {
    const FeaturePicture& p = gallery.pictures[i];
    const FaceRect cell = grid->cellRect(static_cast<int>(i));
    // Keep the picture's aspect, centred in its square cell.
    const float aspect = p.height > 0 ? static_cast<float>(p.width) / p.height : 1.0f;
    const glm::vec2 size = aspect >= 1.0f ? glm::vec2(grid->cell, grid->cell / aspect) : glm::vec2(grid->cell * aspect, grid->cell);
    FaceRect rect;
    rect.min = cell.min + 0.5f * (glm::vec2(grid->cell) - size);
    rect.max = rect.min + size;
    placements.push_back({grid->slab, static_cast<int>(i), rect});
  }
  return placements;
}

std::optional<FaceRect> galleryArea(const SceneLayout& layout, int layer, int channel, int count) {
  const std::optional<GalleryGrid> grid = galleryGrid(layout, layer, channel);
  if (!grid || count < 1) return std::nullopt;
  FaceRect area = grid->cellRect(0);
  const FaceRect last = grid->cellRect(count - 1);
  area.max.x = grid->cellRect(std::min(count, kGalleryColumns) - 1).max.x;
  area.min.y = last.min.y - (grid->rowGap - grid->gap);  // the last row's captions
  return area;
}

}  // namespace convoscope
