#pragma once
// A training series: checkpoints of one model saved while it trains (`convoscope train --checkpoints N`), and
// its index series.json, which says for each checkpoint its file, training step, epoch, training loss and
// test accuracy. Pure data and JSON: loading the checkpoints themselves is the engine's (TrainingSeriesModels).
#include <cstdint>
#include <string>
#include <vector>

namespace convoscope {

struct TrainingCheckpoint {
  std::string file;         // relative to the series folder, a plain file name
  int64_t step = 0;         // optimizer steps taken; 0 is the random initialisation
  double epoch = 0.0;       // step / steps per epoch
  double loss = 0.0;        // training loss: the mean over the steps since the previous checkpoint
  double testLoss = 0.0;    // mean cross-entropy over the test images
  double testAccuracy = 0.0;
};

struct TrainingSeries {
  std::string model;        // display name, e.g. "Tiny VGG (Fashion-MNIST)"
  int64_t stepsPerEpoch = 0;
  int testCount = 0;        // how many test images every accuracy and test loss is measured on
  uint64_t seed = 0;
  std::vector<TrainingCheckpoint> checkpoints;  // by step, increasing
};

constexpr const char* kSeriesFileName = "series.json";

// The steps at which `count` checkpoints are saved over `totalSteps`: 0 (the initialisation), the last step, and
// between them geometrically spaced steps, because early training changes fastest. Distinct and increasing;
// fewer than `count` only when there are not that many steps.
std::vector<int64_t> checkpointSteps(int64_t totalSteps, int count);

// series.json text. Parsing checks every field and names `origin` in the InputError it throws: checkpoints in
// increasing step order, file names without folders, accuracies in [0, 1], finite losses.
std::string serializeTrainingSeries(const TrainingSeries& series);
TrainingSeries parseTrainingSeries(const std::string& jsonText, const std::string& origin);

// The series.json of a folder, or the file itself when `path` names it. Throws InputError naming the file.
struct SeriesLocation {
  std::string folder;  // where the checkpoint files are
  std::string index;   // the series.json path
};
SeriesLocation locateTrainingSeries(const std::string& path);
TrainingSeries readTrainingSeries(const SeriesLocation& where);

}  // namespace convoscope
