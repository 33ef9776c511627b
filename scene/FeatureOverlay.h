#pragma once
// Features mode: every convolution channel's feature visualization (what the channel looks for) laid over its
// tile instead of what it saw, so flying through the network shows edges → textures → parts. Pure data and
// placement; renderer/FeatureOverlayView draws it in one instanced call, the app fills it slab by slab
// (ui/FeaturesMode.h in the window, app/FeaturePictures.h for `shot` and `record`).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/Snapshot.h"
#include "scene/SlabLayout.h"

namespace convoscope {

// One channel's picture, small (at most kFeaturePictureSide a side: tiles are small on screen).
struct FeaturePicture {
  int layer = -1;  // the convolution visualized; drawn on the slab that shows it
  int channel = -1;
  int width = 0, height = 0;
  std::vector<uint8_t> rgba;  // width × height × 4, top row first
  std::string caption;        // a gallery's line under the picture ("Shirt 2.41"); empty: none
};
constexpr int kFeaturePictureSide = 64;

struct FeatureOverlay {
  uint64_t id = 0;  // new content, new id: the renderer re-uploads only then
  std::vector<FeaturePicture> pictures;
  std::string legendNote;  // what the pictures show, for the colour legend; empty: features mode's own line
  bool has(int layer, int channel) const;
};
uint64_t newFeatureOverlayId();

// The layer a channel shown on `layer`'s slab is visualized (and its top examples found) at: the slab's head
// when that is a convolution (a folded conv → relu slab: the conv, whose objective still has a gradient where
// the ReLU is zero), else `layer` itself.
int featureLayerFor(const Snapshot& snapshot, const SceneLayout& layout, int layer);

// The layers features mode visualizes: the head of every slab that is a convolution with a C×H×W output
// (a folded conv → bn → relu slab shows its conv's features). Pooling and dense slabs keep their activations.
std::vector<int> featureLayers(const Snapshot& snapshot, const SceneLayout& layout);
// The same, nearest first to `point` (the camera's target): the slab in view is filled before the others.
std::vector<int> featureLayersNearest(const Snapshot& snapshot, const SceneLayout& layout, const glm::vec3& point);

// Where one picture is drawn: its channel's tile (slabs in `cut`, the cut-away, are skipped).
struct FeaturePlacement {
  int slab = -1;
  int picture = -1;  // index into FeatureOverlay::pictures
  FaceRect rect;
};
// Per slab: whether any picture lies on it. Those slabs keep their tiles at every distance in features mode
// (their far view, the channels' mean, would average the pictures away).
std::vector<bool> slabsWithPictures(const SceneLayout& layout, const FeatureOverlay& overlay);
std::vector<FeaturePlacement> placeFeaturePictures(const SceneLayout& layout, const FeatureOverlay& overlay,
                                                   const std::vector<bool>& cut = {});

// The selected channel's top dataset examples as a gallery floating beside its slab: a grid of three columns
// to the right of the slab, level with the tile's top, each cell 1.4× the tile's longer side (pictures keep
// their aspect inside it). Every picture of `gallery` belongs to one (layer, channel); nothing when that
// tile has no slab, its slab is flat or cut away.
constexpr int kGalleryExamples = 9;  // how many top examples the viewer, tours and `record` show
std::vector<FeaturePlacement> placeGallery(const SceneLayout& layout, const FeatureOverlay& gallery,
                                           const std::vector<bool>& cut = {});
// The face-plane rectangle a gallery of `count` pictures for (layer, channel) covers, on slab `slab` (framing
// a channel takes it in); nullopt under the same conditions as placeGallery gives nothing.
std::optional<FaceRect> galleryArea(const SceneLayout& layout, int layer, int channel, int count);

}  // namespace convoscope
