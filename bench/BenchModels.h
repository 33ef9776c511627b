#pragma once
// The models the benchmark measures: the bundled Tiny VGG, and torchvision ResNet-18/50 at 3x224x224.
#include <memory>
#include <string>

#include "engine/CaptureModel.h"

namespace convoscope::bench {

struct BenchModel {
  std::string name;
  std::unique_ptr<CaptureModel> model;
  std::string imageA, imageB;  // two different inputs, so an image switch really changes the data
};

// Loads (once per process) "tiny-vgg", "resnet18" or "resnet50"; generates the ResNets with Debian's PyTorch
// into build/bench-models the first time.
BenchModel& benchModel(const std::string& name);

}  // namespace convoscope::bench
