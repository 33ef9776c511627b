#pragma once
// Features mode's pictures from the engine: each channel's feature visualization (through the disk cache,
// engine/FeatureCache.h) as a small RGBA picture for the 3D overlay. The window asks for one batch of channels
// at a time on its worker (so tiles fill in as they finish); `shot --features` and `record` ask for every
// convolution at once.
#include <functional>
#include <vector>

#include "core/PngFile.h"
#include "engine/FeatureVisualization.h"
#include "scene/FeatureOverlay.h"

namespace convoscope {

// An RGBA image box-filtered down (by a whole factor) to at most kFeaturePictureSide a side.
FeaturePicture smallPicture(const RgbaImage& full, int layer, int channel);
// The feature image as 8-bit RGBA (gray as gray), made small.
FeaturePicture featurePicture(const FeatureImage& image, int layer);

// `channels` of `layer`, optimized together (or read from the cache). `progress` as in FeatureOptions.
std::vector<FeaturePicture> computeFeaturePictures(const CaptureModel& model, int layer,
                                                   const std::vector<int>& channels,
                                                   const std::function<void(float)>& progress = {});

// Every channel of every slab features mode covers (scene/FeatureOverlay.h, featureLayers), with a new id.
FeatureOverlay computeFeatureOverlay(const CaptureModel& model, const Snapshot& snapshot, const SceneLayout& layout);

}  // namespace convoscope
