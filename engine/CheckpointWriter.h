#pragma once
// Saves a training series as the model trains: at the steps checkpointSteps() chose, the model's test accuracy
// and loss are measured, the model is written to DIR/step-NNNNNN.pt and DIR/series.json is rewritten (so a
// run stopped early still leaves a readable series of what it saved).
#include <torch/script.h>

#include <functional>
#include <string>
#include <vector>

#include "core/TrainingSeries.h"

namespace convoscope {

class CheckpointWriter {
 public:
  // `save` writes the model to a path (with its metadata, atomically). Throws InputError when `folder` cannot
  // be made.
  using SaveModel = std::function<void(torch::jit::Module& model, const std::string& path)>;
  CheckpointWriter(std::string folder, TrainingSeries header, std::vector<int64_t> steps, SaveModel save);

  bool due(int64_t step) const;
  // Measures `model` on the test set (in eval mode, then back to train mode) and saves it as step `step`,
  // with `trainingLoss` the mean loss of the steps since the previous checkpoint.
  void save(torch::jit::Module& model, int64_t step, double trainingLoss, const torch::Tensor& testImages,
            const torch::Tensor& testLabels);
  const TrainingSeries& series() const { return series_; }

 private:
  std::string folder_;
  TrainingSeries series_;
  std::vector<int64_t> steps_;
  SaveModel saveModel_;
};

// Test accuracy and mean cross-entropy of `model` over `images` (N×1×H×W) with `labels`, in batches of 1000.
struct TestMeasure {
  double accuracy = 0.0;
  double loss = 0.0;
};
TestMeasure measureOnTestSet(torch::jit::Module& model, const torch::Tensor& images, const torch::Tensor& labels);

}  // namespace convoscope
