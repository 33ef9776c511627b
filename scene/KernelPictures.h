#pragma once
// Weights mode: every convolution tile shows the filter that made its channel instead of what the channel saw —
// its kernels, one per input channel, in a small grid, coloured with the diverging map (blue negative, white
// zero, orange positive) scaled to the layer's largest |weight|. Played along a training timeline, the filters
// visibly organise from noise. Pure data: the pictures are a FeatureOverlay, placed on the tiles and drawn as
// features mode's pictures are (scene/FeatureOverlay.h).
#include "core/Snapshot.h"
#include "scene/FeatureOverlay.h"
#include "scene/SlabLayout.h"

namespace convoscope {

// The kernels of output channel `channel` of convolution `conv` as one square picture of at most `side` pixels:
// its input channels in a near-square grid (row by row), each kernel kh×kw with every weight a block of equal
// pixels, one dark pixel row and column between kernels. Input channels beyond what fits at one pixel a weight
// are left out. Empty when the layer has no 4-D weight.
FeaturePicture kernelPicture(const Layer& conv, int layer, int channel, float maxMagnitude, int side);

// Every conv slab's channels (the slabs features mode uses, scene/FeatureOverlay.h's featureLayers). The
// pictures share a texel budget, so a network with tens of thousands of channels gets smaller ones.
FeatureOverlay kernelOverlay(const Snapshot& snapshot, const SceneLayout& layout);

// The overlay of the last snapshot asked for, made again only when a snapshot with another id comes (a
// timeline's frames: one per frame; a still model: once).
class KernelOverlayCache {
 public:
  const FeatureOverlay& overlayFor(const Snapshot& snapshot, const SceneLayout& layout);

 private:
  uint64_t snapshotId_ = 0;
  FeatureOverlay overlay_;
};

}  // namespace convoscope
