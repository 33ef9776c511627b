// A training series' index (core/TrainingSeries): where checkpoints go in a run, series.json written and read
// back, and every malformed index refused with a message naming the file and the field.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "core/Errors.h"
#include "core/TrainingSeries.h"

namespace convoscope {
namespace {

TEST(TrainingSeries, CheckpointStepsRunFromTheInitialisationToTheEndAndThinOutGeometrically) {
  for (int64_t total : {1, 2, 10, 937, 14070, 1000000})
    for (int count : {2, 3, 5, 12, 16, 40}) {
      const std::vector<int64_t> steps = checkpointSteps(total, count);
      ASSERT_EQ(static_cast<int64_t>(steps.size()), std::min<int64_t>(count, total + 1)) << total << " " << count;
      EXPECT_EQ(steps.front(), 0);
      EXPECT_EQ(steps.back(), total);
      for (size_t i = 1; i < steps.size(); ++i) EXPECT_GT(steps[i], steps[i - 1]) << total << " " << count;
    }
  // Where rounding does not interfere, each step is about the same factor past the one before.
  const std::vector<int64_t> steps = checkpointSteps(1000000, 7);  // 1, 10, 100, ... 1e6
  for (size_t i = 1; i < steps.size(); ++i)
    EXPECT_EQ(steps[i], static_cast<int64_t>(std::llround(std::pow(10.0, static_cast<double>(i))))) << i;
  EXPECT_EQ(checkpointSteps(0, 5), (std::vector<int64_t>{0}));
}

TrainingSeries sampleSeries() {
  TrainingSeries s;
  s.model = "Tiny VGG (Fashion-MNIST)";
  s.stepsPerEpoch = 938;
  s.testCount = 10000;
  s.seed = 1;
  s.checkpoints = {{"step-000000.pt", 0, 0.0, 2.31, 2.30, 0.1},
                   {"step-000042.pt", 42, 42.0 / 938, 1.1, 0.9, 0.66},
                   {"step-014070.pt", 14070, 15.0, 0.21, 0.27, 0.9057}};
  return s;
}

TEST(TrainingSeries, WhatIsWrittenReadsBackTheSame) {
  const TrainingSeries s = sampleSeries();
  const TrainingSeries again = parseTrainingSeries(serializeTrainingSeries(s), "series.json");
  EXPECT_EQ(again.model, s.model);
  EXPECT_EQ(again.stepsPerEpoch, s.stepsPerEpoch);
  EXPECT_EQ(again.testCount, s.testCount);
  EXPECT_EQ(again.seed, s.seed);
  ASSERT_EQ(again.checkpoints.size(), s.checkpoints.size());
  for (size_t i = 0; i < s.checkpoints.size(); ++i) {
    EXPECT_EQ(again.checkpoints[i].file, s.checkpoints[i].file);
    EXPECT_EQ(again.checkpoints[i].step, s.checkpoints[i].step);
    EXPECT_DOUBLE_EQ(again.checkpoints[i].epoch, s.checkpoints[i].epoch);
    EXPECT_DOUBLE_EQ(again.checkpoints[i].loss, s.checkpoints[i].loss);
    EXPECT_DOUBLE_EQ(again.checkpoints[i].testLoss, s.checkpoints[i].testLoss);
    EXPECT_DOUBLE_EQ(again.checkpoints[i].testAccuracy, s.checkpoints[i].testAccuracy);
  }
}

// The message each malformed index gets: it must name the file and say what is wrong.
std::string errorOf(const std::string& text) {
  try {
    parseTrainingSeries(text, "runs/series.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(TrainingSeries, MalformedIndexesAreRefusedNamingTheFileAndTheField) {
  const std::string head = R"({"model": "m", "steps_per_epoch": 10, "test_count": 100, "seed": 1, "checkpoints": )";
  const std::string good = R"({"file": "a.pt", "step": 0, "epoch": 0, "loss": 2.3, "test_loss": 2.3, "test_accuracy": 0.1})";
  EXPECT_EQ(errorOf("{"), "runs/series.json: invalid JSON at byte 2");  // the end, where a key was due
  EXPECT_EQ(errorOf("[]"), "runs/series.json: expected a JSON object");
  EXPECT_EQ(errorOf(R"({"model": "m"})"), "runs/series.json: field 'steps_per_epoch' is missing");
  EXPECT_EQ(errorOf(head + "[]}"), "runs/series.json: field 'checkpoints' must be a non-empty list");
  EXPECT_EQ(errorOf(head + "[" + good + ", " + good + "]}"),
            "runs/series.json: checkpoint 2: steps must increase from one checkpoint to the next");
  auto with = [&](const std::string& from, const std::string& to) {
    std::string entry = good;
    entry.replace(entry.find(from), from.size(), to);
    return errorOf(head + "[" + entry + "]}");
  };
  EXPECT_EQ(with("\"a.pt\"", "\"../x.pt\""),
            "runs/series.json: checkpoint 1: field 'file' must be a plain file name in the series folder, not \"../x.pt\"");
  EXPECT_EQ(with("\"a.pt\"", "\"/etc/passwd\""),
            "runs/series.json: checkpoint 1: field 'file' must be a plain file name in the series folder, not \"/etc/passwd\"");
  EXPECT_EQ(with("\"test_accuracy\": 0.1", "\"test_accuracy\": 1.5"),
            "runs/series.json: checkpoint 1: field 'test_accuracy' must be in [0, 1]");
  EXPECT_EQ(with("\"loss\": 2.3", "\"loss\": \"high\""), "runs/series.json: checkpoint 1: field 'loss' must be a finite number");
  EXPECT_EQ(with("\"step\": 0", "\"step\": -4"),
            "runs/series.json: checkpoint 1: field 'step' must be a whole number, 0 or more");
  EXPECT_EQ(with("\"step\": 0", "\"step\": 1e400"), "runs/series.json: invalid JSON (a number out of range)");
}

TEST(TrainingSeries, AFolderWithoutAnIndexIsNamed) {
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("convoscope-series-core-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  try {
    locateTrainingSeries(folder.string());
    ADD_FAILURE() << "a folder without series.json was accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(folder.string() + ": no series.json here", 0), 0u) << e.what();
  }
  std::ofstream(folder / "series.json") << serializeTrainingSeries(sampleSeries());
  const SeriesLocation where = locateTrainingSeries(folder.string());
  EXPECT_EQ(where.folder, folder.string());
  EXPECT_EQ(readTrainingSeries(where).checkpoints.size(), 3u);
  const SeriesLocation direct = locateTrainingSeries((folder / "series.json").string());
  EXPECT_EQ(direct.folder, folder.string());
  EXPECT_THROW(locateTrainingSeries((folder / "nothing").string()), InputError);
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace convoscope
