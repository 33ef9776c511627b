#pragma once
// Builds CNN Explainer's Tiny VGG for 1x28x28 Fashion-MNIST as a TorchScript module and trains it, seeded.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace convoscope {

struct TrainOptions {
  std::string dataDirectory;  // MNIST-format folder (train and t10k files)
  std::string outputPath;     // TorchScript .pt with its convoscope.json metadata; with checkpoints, a folder
  int epochs = 10;
  uint64_t seed = 1;
  int batchSize = 64;
  double learningRate = 2e-3;  // Adam, halved at 50% and 75% of the epochs
  int limit = 0;               // > 0: train on the first `limit` images only (quick checks)
  // > 0: save this many checkpoints, from the initialisation to the last step (core/TrainingSeries.h), and
  // series.json into the folder `outputPath` instead of one model.
  int checkpoints = 0;
  std::function<void(const std::string&)> log = [](const std::string&) {};
};

struct TrainResult {
  double testAccuracy = 0;
  int testCount = 0;
  double seconds = 0;
  std::vector<double> epochLoss;
  int checkpoints = 0;  // saved with TrainOptions::checkpoints
};

// Throws InputError for bad data or an unwritable output.
TrainResult trainTinyVgg(const TrainOptions& options);

}  // namespace convoscope
