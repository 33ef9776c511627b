#pragma once
// "What does this channel look for?": activation maximization. For each channel an image in the model's pixel
// space ([0, 1], before normalization) is optimized so that the channel's mean activation (or one cell's) is as
// high as possible, with the established recipe (Olah et al., "Feature Visualization", Distill 2017):
//   - the image is parametrized by its Fourier spectrum scaled by 1/frequency, colours decorrelated, squashed
//     into [0, 1] by a sigmoid (a plain pixel parametrization gives high-frequency noise);
//   - each step sees it randomly jittered, scaled and rotated (robustness: no adversarial speckle);
//   - Adam, learning rate 0.05, 512 steps by default, seeded; several channels share one batch.
// Plain C++ over CaptureModel; the torch work is in FeatureVisualization.cpp.
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "engine/CaptureModel.h"

namespace convoscope {

struct FeatureOptions {
  int layer = -1;                  // index into Snapshot::layers; its output must be C×H×W
  std::vector<int> channels;       // which channels (each gets its own image)
  std::optional<int> y, x;         // a single cell as the objective instead of the map's mean
  int steps = 512;
  float learningRate = 0.05f;
  uint64_t seed = 0;
  int batch = 8;                   // channels optimized together
  std::function<void(float)> progress;  // 0..1 from the computing thread; may throw to cancel
};

struct FeatureImage {
  int channel = 0;
  std::vector<int64_t> shape;  // C, H, W of the model's input
  std::vector<float> pixels;   // C×H×W in [0, 1] (pixel space, before normalization)
  float activation = 0;        // the objective for the final image, untransformed
};

// Throws InputError for a layer without C×H×W output, a channel out of range, a cell outside the map, or
// steps < 1.
std::vector<FeatureImage> visualizeFeatures(const CaptureModel& model, const FeatureOptions& options);

// The objective (mean of the channel's map, or one cell) for each of `count` pixel-space images (C×H×W in
// [0, 1], normalized here as the model expects), one channel each: to check a visualization against real
// images, and for tests.
std::vector<float> channelObjective(const CaptureModel& model, int layer, const std::vector<int>& channels,
                                    const std::vector<float>& pixels, std::optional<int> y = std::nullopt,
                                    std::optional<int> x = std::nullopt);

}  // namespace convoscope
