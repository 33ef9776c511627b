// A training series end to end: `train --checkpoints` on a slice of Fashion-MNIST writes the checkpoints and
// series.json, every accuracy and test loss in it is checked against PyTorch running the checkpoint files itself
// (tests/fixtures/series_reference.py), and `timeline` reads it back — or names what is wrong with it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/app/CliRunner.h"

namespace convoscope::cli_test {
namespace {

namespace fs = std::filesystem;
const char* kData = "/usr/share/datasets/fashion-mnist";

// PyTorch's own measurements of a series' checkpoint files (tests/fixtures/series_reference.py): all of them,
// or those at the comma-separated `indexes`.
nlohmann::json pytorchReference(const std::string& folder, const std::string& indexes = "") {
  return nlohmann::json::parse(commandOutput("/usr/bin/python3 " + std::string(CONVOSCOPE_SOURCE_DIR) +
                                             "/tests/fixtures/series_reference.py " + folder + " " + kData + " " +
                                             indexes));
}

class TimelineCli : public ::testing::Test {
 protected:
  // One short run for the whole suite: 640 images, one epoch of 10 steps, 5 checkpoints.
  static void SetUpTestSuite() {
    folder_ = new fs::path(fs::temp_directory_path() / ("convoscope-series-" + std::to_string(::getpid())));
    fs::remove_all(*folder_);
    trained_ = new CliResult(runCli(std::string("train --data ") + kData + " --limit 640 --epochs 1 --batch-size 64 "
                                    "--checkpoints 5 --seed 3 -o " + folder_->string()));
  }
  static void TearDownTestSuite() {
    fs::remove_all(*folder_);
    delete folder_;
    delete trained_;
  }
  static nlohmann::json seriesJson() { return nlohmann::json::parse(slurp(*folder_ / "series.json")); }
  // A copy of the series to break, removed at the end of the test.
  fs::path copyOfSeries(const std::string& tag) {
    const fs::path copy = fs::temp_directory_path() / ("convoscope-series-" + tag + std::to_string(::getpid()));
    fs::remove_all(copy);
    fs::copy(*folder_, copy);
    copies_.push_back(copy);
    return copy;
  }
  void TearDown() override {
    for (const fs::path& p : copies_) fs::remove_all(p);
  }

  static fs::path* folder_;
  static CliResult* trained_;
  std::vector<fs::path> copies_;
};
fs::path* TimelineCli::folder_ = nullptr;
CliResult* TimelineCli::trained_ = nullptr;

TEST_F(TimelineCli, TrainingSavesCheckpointsFromInitialisationToTheEndGeometrically) {
  ASSERT_EQ(trained_->exitCode, 0) << trained_->err;
  const nlohmann::json series = seriesJson();
  EXPECT_EQ(series["model"], "Tiny VGG (Fashion-MNIST)");
  EXPECT_EQ(series["steps_per_epoch"], 10);
  EXPECT_EQ(series["test_count"], 10000);
  EXPECT_EQ(series["seed"], 3);
  std::vector<int64_t> steps;
  for (const auto& c : series["checkpoints"]) {
    steps.push_back(c["step"].get<int64_t>());
    EXPECT_TRUE(fs::is_regular_file(*folder_ / c["file"].get<std::string>())) << c["file"];
    EXPECT_NEAR(c["epoch"].get<double>(), c["step"].get<double>() / 10.0, 1e-12);
    EXPECT_GT(c["loss"].get<double>(), 0.0);
  }
  // 10 steps in 5 checkpoints: 0, then 10^(1/4), 10^(2/4), 10^(3/4) rounded, and the last step.
  EXPECT_EQ(steps, (std::vector<int64_t>{0, 2, 3, 6, 10}));
  // The initialisation is near chance; ten steps of Adam already help.
  const auto& first = series["checkpoints"].front();
  EXPECT_LT(first["test_accuracy"].get<double>(), 0.25);
  EXPECT_NEAR(first["loss"].get<double>(), std::log(10.0), 0.3) << "an untrained classifier scores about ln 10";
  EXPECT_GT(series["checkpoints"].back()["test_accuracy"].get<double>(), first["test_accuracy"].get<double>());
}

TEST_F(TimelineCli, EveryAccuracyAndTestLossMatchesPyTorchOnTheCheckpointFiles) {
  ASSERT_EQ(trained_->exitCode, 0) << trained_->err;
  const nlohmann::json theirs = pytorchReference(folder_->string());
  const nlohmann::json ours = seriesJson();
  ASSERT_EQ(theirs["checkpoints"].size(), ours["checkpoints"].size());
  for (size_t i = 0; i < ours["checkpoints"].size(); ++i) {
    const auto &o = ours["checkpoints"][i], &t = theirs["checkpoints"][i];
    // Float32 logits on another BLAS path may flip an argmax that sits on a tie: allow one image in 10,000.
    EXPECT_NEAR(o["test_accuracy"].get<double>(), t["test_accuracy"].get<double>(), 1.5e-4) << o["file"];
    EXPECT_NEAR(o["test_loss"].get<double>(), t["test_loss"].get<double>(), 1e-4) << o["file"];
  }
}

TEST_F(TimelineCli, TimelineListsTheCheckpointsAsJson) {
  ASSERT_EQ(trained_->exitCode, 0) << trained_->err;
  const CliResult r = runCli("timeline --series " + folder_->string() + " --json");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const nlohmann::json doc = nlohmann::json::parse(r.out), series = seriesJson();
  ASSERT_EQ(doc["checkpoints"].size(), series["checkpoints"].size());
  for (size_t i = 0; i < doc["checkpoints"].size(); ++i) {
    const auto &d = doc["checkpoints"][i], &s = series["checkpoints"][i];
    for (const char* key : {"file", "step", "epoch", "loss", "test_loss", "test_accuracy"}) EXPECT_EQ(d[key], s[key]) << key;
    EXPECT_TRUE(d["loaded"].get<bool>());
  }
  EXPECT_TRUE(doc["problems"].empty());
  // series.json itself works as well as its folder, and the table names every checkpoint.
  const CliResult table = runCli("timeline --series " + (*folder_ / "series.json").string());
  ASSERT_EQ(table.exitCode, 0) << table.err;
  EXPECT_NE(table.out.find("step-000010.pt"), std::string::npos) << table.out;
}

TEST_F(TimelineCli, AMissingOrCorruptCheckpointIsNamedAndTheRestStillListed) {
  ASSERT_EQ(trained_->exitCode, 0) << trained_->err;
  const fs::path copy = copyOfSeries("broken");
  fs::remove(copy / "step-000002.pt");
  std::ofstream(copy / "step-000006.pt") << "not a model";
  const CliResult r = runCli("timeline --series " + copy.string() + " --json");
  EXPECT_EQ(r.exitCode, 1) << "a partly broken series is no silent success";
  EXPECT_NE(r.err.find("step-000002.pt: missing"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("step-000006.pt: not a loadable TorchScript model"), std::string::npos) << r.err;
  const nlohmann::json doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc["checkpoints"].size(), 5u);
  EXPECT_EQ(doc["problems"].size(), 2u);
  std::vector<bool> loaded;
  for (const auto& c : doc["checkpoints"]) loaded.push_back(c["loaded"].get<bool>());
  EXPECT_EQ(loaded, (std::vector<bool>{true, false, true, false, true}));
}

TEST_F(TimelineCli, CheckpointsOfAnotherArchitectureAreRefusedNamingBoth) {
  ASSERT_EQ(trained_->exitCode, 0) << trained_->err;
  const fs::path copy = copyOfSeries("mixed");
  fs::copy_file(fixture("lenet5_meta.pt"), copy / "step-000003.pt", fs::copy_options::overwrite_existing);
  const CliResult r = runCli("timeline --series " + copy.string());
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_NE(r.err.find("step-000003.pt is not the architecture of step-000000.pt"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("series.json"), std::string::npos) << r.err;
}

// The series shipped in models/: the bundled model's own training, from chance to the trained model, every
// accuracy and test loss in it what PyTorch measures on its checkpoint files.
TEST(BundledSeries, RunsFromChanceToTheTrainedModelAndSaysWhatEachCheckpointScores) {
  const std::string folder = std::string(CONVOSCOPE_SOURCE_DIR) + "/models/tiny-vgg-training";
  const CliResult r = runCli("timeline --series " + folder + " --json");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const nlohmann::json doc = nlohmann::json::parse(r.out);
  const auto& checkpoints = doc["checkpoints"];
  ASSERT_GE(checkpoints.size(), 12u);
  EXPECT_EQ(doc["test_count"], 10000);
  EXPECT_EQ(checkpoints.front()["step"], 0);
  EXPECT_LE(checkpoints.front()["test_accuracy"].get<double>(), 0.12) << "the initialisation is near chance";
  EXPECT_GE(checkpoints.back()["test_accuracy"].get<double>(), 0.89);
  for (const auto& c : checkpoints) EXPECT_TRUE(c["loaded"].get<bool>()) << c["file"];
  // Four of them, spread over the run, keep the reference's time down (each is 10,000 images in PyTorch).
  const std::vector<size_t> checked{0, checkpoints.size() / 3, 2 * checkpoints.size() / 3, checkpoints.size() - 1};
  std::string indexes;
  for (size_t i : checked) indexes += (indexes.empty() ? "" : ",") + std::to_string(i);
  const nlohmann::json theirs = pytorchReference(folder, indexes);
  ASSERT_EQ(theirs["checkpoints"].size(), checked.size());
  for (size_t k = 0; k < checked.size(); ++k) {
    const auto &ours = checkpoints[checked[k]], &reference = theirs["checkpoints"][k];
    EXPECT_EQ(ours["file"], reference["file"]);
    EXPECT_NEAR(ours["test_accuracy"].get<double>(), reference["test_accuracy"].get<double>(), 1.5e-4) << ours["file"];
    EXPECT_NEAR(ours["test_loss"].get<double>(), reference["test_loss"].get<double>(), 1e-4) << ours["file"];
  }
}

TEST_F(TimelineCli, BadSeriesAndTrainArgumentsAreClearErrors) {
  const fs::path empty = fs::temp_directory_path() / ("convoscope-no-series-" + std::to_string(::getpid()));
  fs::create_directories(empty);
  copies_.push_back(empty);
  const CliResult noIndex = runCli("timeline --series " + empty.string());
  EXPECT_EQ(noIndex.exitCode, 2);
  EXPECT_NE(noIndex.err.find(empty.string() + ": no series.json here"), std::string::npos) << noIndex.err;

  std::ofstream(empty / "series.json") << R"({"model": "x", "steps_per_epoch": 1, "test_count": 1, "seed": 1,
    "checkpoints": [{"file": "../../etc/passwd", "step": 0, "epoch": 0, "loss": 1, "test_loss": 1, "test_accuracy": 0.1}]})";
  const CliResult escape = runCli("timeline --series " + empty.string());
  EXPECT_EQ(escape.exitCode, 2);
  EXPECT_NE(escape.err.find("checkpoint 1: field 'file' must be a plain file name"), std::string::npos) << escape.err;

  const CliResult one = runCli(std::string("train --data ") + kData + " --checkpoints 1 -o " + empty.string());
  EXPECT_EQ(one.exitCode, 2);
  EXPECT_NE(one.err.find("--checkpoints must be at least 2"), std::string::npos) << one.err;
  const CliResult file = runCli(std::string("train --data ") + kData + " --checkpoints 3 -o " + (empty / "series.json").string());
  EXPECT_EQ(file.exitCode, 2);
  EXPECT_NE(file.err.find("-o names a folder"), std::string::npos) << file.err;
}

}  // namespace
}  // namespace convoscope::cli_test
