#pragma once
// "Which images fire this channel most?": one pass over a dataset (core/ExampleSource.h), batched through the
// capture graph, keeps for every channel of every spatial layer the k images with the highest spatial
// maximum of the channel's map, with where that maximum is. Plain C++ over CaptureModel; the torch work is in
// TopExamples.cpp.
#include <functional>
#include <vector>

#include "core/ExampleSource.h"
#include "engine/CaptureModel.h"

namespace convoscope {

struct TopExample {
  int index = 0;   // position in the dataset
  int label = -1;  // its class (ExampleSource::classNames), -1 when unknown
  float value = 0;  // the channel's spatial maximum on this image
  int y = 0, x = 0;  // where the maximum is (the first such cell in row-major order)
};

struct ChannelExamples {
  int channel = 0;
  std::vector<TopExample> examples;  // highest value first; ties: lower index first
};

struct LayerExamples {
  int layer = -1;  // index into Snapshot::layers
  std::vector<ChannelExamples> channels;
};

struct TopExampleOptions {
  std::vector<int> layers;  // empty: every layer with a C×H×W output except the input
  int k = 9;
  int batch = 64;
  std::function<void(float)> progress;  // 0..1; may throw to cancel
};

// Images are prepared as the viewer prepares one (resized, converted to the model's channels, normalized).
// InputError for k < 1, a layer without C×H×W output, or an unreadable image (naming it).
std::vector<LayerExamples> collectTopExamples(const CaptureModel& model, const ExampleSource& source,
                                              const TopExampleOptions& options);

}  // namespace convoscope
