#pragma once
// Builds CNN Explainer's Tiny VGG for 1x28x28 Fashion-MNIST as a TorchScript module and trains it, seeded.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace convoscope {

struct TrainOptions {
  std::string dataDirectory;  // MNIST-format folder (train and t10k files)
  std::string outputPath;     // TorchScript .pt with its convoscope.json metadata
  int epochs = 10;
  uint64_t seed = 1;
  int batchSize = 64;
  double learningRate = 2e-3;  // Adam, halved at 50% and 75% of the epochs
  int limit = 0;               // > 0: train on the first `limit` images only (quick checks)
  std::function<void(const std::string&)> log = [](const std::string&) {};
};

struct TrainResult {
  double testAccuracy = 0;
  int testCount = 0;
  double seconds = 0;
  std::vector<double> epochLoss;
};

const std::vector<std::string>& fashionMnistClassNames();

// Throws InputError for bad data or an unwritable output.
TrainResult trainTinyVgg(const TrainOptions& options);

}  // namespace convoscope
