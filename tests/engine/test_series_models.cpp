// A training series loaded as models (engine/SeriesModels.h): the bundled series' checkpoints all load, the
// image's snapshot at each checkpoint is what PyTorch computes with that checkpoint file
// (tests/fixtures/series_outputs_reference.py), and a checkpoint that crashes libtorch's loader is named
// while the others load.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "FixtureSupport.h"
#include "engine/SeriesModels.h"

namespace convoscope::testing {
namespace {

namespace fs = std::filesystem;

std::string bundledSeries() { return std::string(CONVOSCOPE_SOURCE_DIR) + "/models/tiny-vgg-training"; }
std::string defaultImage() { return std::string(CONVOSCOPE_SOURCE_DIR) + "/assets/samples/default.png"; }

TEST(SeriesModels, EveryCheckpointsSnapshotIsWhatPyTorchComputesWithThatFile) {
  const SeriesModels models = loadSeriesModels(bundledSeries(), LoadOptions{});
  ASSERT_EQ(models.models.size(), 16u);
  for (const CheckpointStatus& s : models.statuses) EXPECT_TRUE(s.loaded) << s.problem;
  const std::vector<std::shared_ptr<const Snapshot>> snapshots = runSeries(models, defaultImage());
  const std::vector<int> checked = {0, 5, 15};
  const nlohmann::json reference =
      pythonReference("series_outputs_reference.py", bundledSeries() + " " + defaultImage() + " 0,5,15");
  ASSERT_EQ(reference["checkpoints"].size(), checked.size());
  for (size_t i = 0; i < checked.size(); ++i) {
    const Snapshot& s = *snapshots[checked[i]];
    const nlohmann::json& r = reference["checkpoints"][i];
    SCOPED_TRACE(r["file"].get<std::string>());
    EXPECT_TRUE(allClose(s.layers[0].output.data, reference["input"].get<std::vector<float>>())) << "the input";
    for (const auto& [name, values] : r["outputs"].items()) {
      const int layer = s.findLayer(name);
      ASSERT_GE(layer, 0) << name;
      EXPECT_TRUE(allClose(s.layers[layer].output.data, values.get<std::vector<float>>())) << name;
    }
    EXPECT_TRUE(allClose(s.probabilities, r["probabilities"].get<std::vector<float>>()));
  }
  // The checkpoints differ: the timeline shows training, not one model sixteen times.
  EXPECT_FALSE(allClose(snapshots[0]->logits, snapshots[15]->logits));
}

TEST(SeriesModels, AFileThatCrashesTheLoaderIsNamedAndTheRestLoad) {
  // A stand-in probe that crashes (SIGSEGV) on one checkpoint, as libtorch's loader does on some malformed files.
  const fs::path script = fs::temp_directory_path() / ("convoscope-crashing-probe-" + std::to_string(::getpid()));
  {
    std::ofstream out(script);
    out << "#!/bin/sh\nfor f in \"$@\"; do case \"$f\" in *step-000004.pt) kill -SEGV $$;; esac; done\nexit 0\n";
  }
  fs::permissions(script, fs::perms::owner_all);
  setModelLoaderProbe(script.string());
  const SeriesModels models = loadSeriesModels(bundledSeries(), LoadOptions{});
  setModelLoaderProbe("");
  fs::remove(script);
  ASSERT_EQ(models.statuses.size(), 16u);
  EXPECT_FALSE(models.statuses[2].loaded);
  EXPECT_EQ(models.models[2], nullptr);
  EXPECT_NE(models.statuses[2].problem.find("step-000004.pt"), std::string::npos) << models.statuses[2].problem;
  EXPECT_NE(models.statuses[2].problem.find("crashed"), std::string::npos) << models.statuses[2].problem;
  for (size_t k = 0; k < 16; ++k)
    if (k != 2) EXPECT_TRUE(models.statuses[k].loaded) << models.statuses[k].problem;
  const std::vector<std::shared_ptr<const Snapshot>> snapshots = runSeries(models, defaultImage());
  EXPECT_EQ(snapshots[2], nullptr);
  EXPECT_NE(snapshots[3], nullptr);
}

}  // namespace
}  // namespace convoscope::testing
