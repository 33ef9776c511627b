// When SceneRenderer re-uploads what changes rarely: the activations (per snapshot and layout) and the
// slab-box and tile instances (also per cut-away, range mode, colour map and selection), told by hash keys.
#include <cstdint>

#include "renderer/ActivationTextures.h"
#include "renderer/SceneFrameReuse.h"
#include "renderer/SceneRenderer.h"
#include "renderer/SceneRendererDetail.h"

namespace convoscope {

namespace scene_detail {

uint64_t snapshotKeyOf(const Snapshot& s) { return hashMix(s.id, s.layers.size()); }

uint64_t layoutKeyOf(const SceneLayout& layout) {
  uint64_t h = hashMix(1, layout.slabs.size());
  for (const Slab& s : layout.slabs) {
    h = hashMix(h, static_cast<uint64_t>(s.displayLayer));
    for (int i = 0; i < 3; ++i) h = hashMixFloat(hashMixFloat(h, s.centre[i]), s.size[i]);
    h = hashMix(hashMix(hashMix(h, s.grid.channels), s.grid.cellRows), s.grid.cellCols);
    h = hashMixFloat(hashMixFloat(h, s.grid.tileSize.x), s.grid.gridTopLeft.x);
    h = hashMixFloat(h, s.grid.gridTopLeft.y);
  }
  return h;
}

}  // namespace scene_detail

namespace {

using scene_detail::hashMix;

uint64_t cutKeyOf(const std::vector<bool>& cut) {
  uint64_t key = 0;
  for (size_t s = 0; s < cut.size(); ++s)
    if (cut[s]) key = hashMix(key, s + 1);
  return key;
}

}  // namespace

void SceneRenderer::invalidate() {
  snapshotKey_ = layoutKey_ = tilesKey_ = 0;
  frameReuse_->forget();
}

void SceneRenderer::refreshActivations(const Snapshot& snapshot, const SceneLayout& layout) {
  const uint64_t snapshotKey = scene_detail::snapshotKeyOf(snapshot);
  const uint64_t layoutKey = scene_detail::layoutKeyOf(layout);
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
      hashMix(hashMix(hashMix(snapshotKey_, layoutKey_), cutKeyOf(cut)),
              static_cast<uint64_t>(options.rangeMode) * 7 + static_cast<uint64_t>(options.colourMap));
  tilesKey = scene_detail::hashMixSelection(tilesKey, selection);
  if (tilesKey == tilesKey_) return false;
  ranges_ = rangesFor(snapshot, options.rangeMode);
  rebuildTiles(snapshot, layout, selection, options, cut);
  tilesKey_ = tilesKey;
  return true;
}

}  // namespace convoscope
