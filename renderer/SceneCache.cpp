// When SceneRenderer re-uploads what changes rarely: the activations (per snapshot and layout) and the
// slab-box and tile instances (also per cut-away, range mode, colour map and selection), told by hash keys.
#include <cstdint>
#include <cstring>

#include "renderer/ActivationTextures.h"
#include "renderer/SceneRenderer.h"

namespace convoscope {

namespace {

uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
  return h;
}
uint64_t mixFloat(uint64_t h, float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, 4);
  return mix(h, bits);
}

uint64_t snapshotKeyOf(const Snapshot& s) { return mix(s.id, s.layers.size()); }

uint64_t layoutKeyOf(const SceneLayout& layout) {
  uint64_t h = mix(1, layout.slabs.size());
  for (const Slab& s : layout.slabs) {
    h = mix(h, static_cast<uint64_t>(s.displayLayer));
    for (int i = 0; i < 3; ++i) h = mixFloat(mixFloat(h, s.centre[i]), s.size[i]);
    h = mix(mix(mix(h, s.grid.channels), s.grid.cellRows), s.grid.cellCols);
    h = mixFloat(mixFloat(mixFloat(h, s.grid.tileSize.x), s.grid.gridTopLeft.x), s.grid.gridTopLeft.y);
  }
  return h;
}

uint64_t cutKeyOf(const std::vector<bool>& cut) {
  uint64_t key = 0;
  for (size_t s = 0; s < cut.size(); ++s)
    if (cut[s]) key = mix(key, s + 1);
  return key;
}

}  // namespace

void SceneRenderer::invalidate() { snapshotKey_ = layoutKey_ = tilesKey_ = 0; }

void SceneRenderer::refreshActivations(const Snapshot& snapshot, const SceneLayout& layout) {
  const uint64_t snapshotKey = snapshotKeyOf(snapshot);
  const uint64_t layoutKey = layoutKeyOf(layout);
  if (snapshotKey == snapshotKey_ && layoutKey == layoutKey_) return;
  activations_->upload(snapshot, layout);
  snapshotKey_ = snapshotKey;
  layoutKey_ = layoutKey;
  tilesKey_ = 0;
  ranges_.clear();
}

// Called after refreshActivations(), so snapshotKey_ and layoutKey_ describe this frame's data.
bool SceneRenderer::refreshTiles(const Snapshot& snapshot, const SceneLayout& layout,
                                 const Selection& selection, const ViewOptions& options,
                                 const std::vector<bool>& cut) {
  uint64_t tilesKey =
      mix(mix(mix(snapshotKey_, layoutKey_), cutKeyOf(cut)),
          static_cast<uint64_t>(options.rangeMode) * 7 + static_cast<uint64_t>(options.colourMap));
  tilesKey = mix(mix(mix(mix(tilesKey, selection.layer.value_or(-2)), selection.channel.value_or(-2)),
                     selection.y.value_or(-2)),
                 selection.x.value_or(-2));
  if (tilesKey == tilesKey_) return false;
  ranges_ = rangesFor(snapshot, options.rangeMode);
  rebuildTiles(snapshot, layout, selection, options, cut);
  tilesKey_ = tilesKey;
  return true;
}

}  // namespace convoscope
