// A training series in pictures: `shot --series --checkpoint` shows that checkpoint's numbers (checked against
// PyTorch running the checkpoint file) with the timeline card, `record` renders a tour's checkpoint steps, and
// every mistake in the flags or the tour is a named exit-2 error.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/app/CliRunner.h"

namespace convoscope::cli_test {
namespace {

namespace fs = std::filesystem;

const std::string kSeries = std::string(CONVOSCOPE_SOURCE_DIR) + "/models/tiny-vgg-training";
const std::string kImage = std::string(CONVOSCOPE_SOURCE_DIR) + "/assets/samples/default.png";

class SeriesCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("convoscope-series-cli-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  nlohmann::json readJson(const fs::path& path) { return nlohmann::json::parse(slurp(path)); }
  fs::path writeTour(const std::string& steps, const std::string& series) {
    const fs::path tour = dir_ / "tour.json";
    std::ofstream(tour) << R"({"format": "convoscope-tour", "version": 1, "model": ")" << kSeries
                        << R"(/step-014070.pt", "image": ")" << kImage << R"(", )" << series << R"( "steps": [)"
                        << steps << "]}";
    return tour;
  }
  fs::path dir_;
};

bool overlaps(const nlohmann::json& a, const nlohmann::json& b) {
  return a[0].get<double>() < b[2].get<double>() && b[0].get<double>() < a[2].get<double>() &&
         a[1].get<double>() < b[3].get<double>() && b[1].get<double>() < a[3].get<double>();
}

TEST_F(SeriesCli, AShotOfACheckpointShowsItsOwnPredictionAndTheTimelineCard) {
  const CliResult r = runCli("shot --series " + kSeries + " --checkpoint 3 --weights --size 1280x720 -o " +
                             (dir_ / "c3.png").string() + " --layout-report " + (dir_ / "c3.json").string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const nlohmann::json report = readJson(dir_ / "c3.json");
  ASSERT_FALSE(report["timeline"].is_null());
  const nlohmann::json& card = report["timeline"];
  EXPECT_GE(card[0].get<double>(), 0.0);
  EXPECT_LE(card[2].get<double>(), 1280.0);
  for (const auto& label : report["labels"]) EXPECT_FALSE(overlaps(label["rect"], card)) << label["text"];
  // The prediction panel's first class and percentage are checkpoint 3's, as PyTorch computes them.
  const nlohmann::json reference = nlohmann::json::parse(commandOutput(
      "/usr/bin/python3 " + std::string(CONVOSCOPE_SOURCE_DIR) + "/tests/fixtures/series_outputs_reference.py " +
      kSeries + " " + kImage + " 3"));
  const std::vector<double> p = reference["checkpoints"][0]["probabilities"].get<std::vector<double>>();
  const size_t top = std::max_element(p.begin(), p.end()) - p.begin();
  char percent[16];
  std::snprintf(percent, sizeof percent, "%.1f%%", 100.0 * p[top]);
  std::vector<std::string> texts;
  for (const auto& label : report["labels"]) texts.push_back(label["text"]);
  const auto title = std::find(texts.begin(), texts.end(), "Prediction");
  ASSERT_TRUE(title != texts.end() && title + 2 < texts.end());
  EXPECT_EQ(*(title + 2), percent);
  EXPECT_NE(p[top], 0.0);
}

TEST_F(SeriesCli, MistakenSeriesFlagsAreNamedExitTwo) {
  const std::string out = " -o " + (dir_ / "x.png").string();
  CliResult r = runCli("shot --checkpoint 3" + out);
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("--checkpoint needs --series"), std::string::npos) << r.err;
  r = runCli("shot --series " + kSeries + " --checkpoint 16" + out);
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("has checkpoints 0 to 15"), std::string::npos) << r.err;
  r = runCli("shot --series " + kSeries + " --model " + kSeries + "/step-000000.pt" + out);
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("not both"), std::string::npos) << r.err;
  r = runCli("shot --series " + dir_.string() + out);
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("series.json"), std::string::npos) << r.err;
  r = runCli("view --series " + dir_.string());
  EXPECT_EQ(r.exitCode, 2) << "refused before a window opens";
  EXPECT_NE(r.err.find("series.json"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "x.png"));
}

TEST_F(SeriesCli, RecordShowsEachCheckpointStepWithItsCardAndThePlainStepWithout) {
  const fs::path tour = writeTour(R"({"title": "before", "duration": 2, "checkpoint": 0, "weights": true},
                                     {"title": "learning", "duration": 3, "checkpoints": [0, 15]},
                                     {"title": "the model", "duration": 2})",
                                  R"("series": ")" + kSeries + R"(",)");
  const CliResult r = runCli("record --tour " + tour.string() + " --stills --size 960x540 -o " + (dir_ / "stills").string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const nlohmann::json stills = readJson(dir_ / "stills" / "layout.json");
  ASSERT_EQ(stills.size(), 3u);
  EXPECT_FALSE(stills[0]["timeline"].is_null());
  EXPECT_FALSE(stills[1]["timeline"].is_null());
  EXPECT_TRUE(stills[2]["timeline"].is_null()) << "a step without a checkpoint shows the tour's own model";
  const auto topPercent = [](const nlohmann::json& still) {
    for (size_t i = 0; i + 2 < still["labels"].size(); ++i)
      if (still["labels"][i]["text"] == "Prediction") return still["labels"][i + 2]["text"].get<std::string>();
    return std::string();
  };
  // Step 1 is the untrained network (about chance); step 3 the trained one, far more certain.
  EXPECT_LT(std::stod(topPercent(stills[0])), 20.0) << topPercent(stills[0]);
  EXPECT_GT(std::stod(topPercent(stills[2])), 90.0) << topPercent(stills[2]);
}

TEST_F(SeriesCli, TheBundledToursChapterRecordsOnItsOwnWithSteps) {
  const std::string tour = std::string(CONVOSCOPE_SOURCE_DIR) + "/assets/tours/tiny-vgg.json";
  const nlohmann::json steps = nlohmann::json::parse(slurp(tour))["steps"];
  int first = 0;  // the chapter "How did it learn?": the first step showing a checkpoint (1-based)
  while (first < static_cast<int>(steps.size()) && !steps[first].contains("checkpoint")) ++first;
  ASSERT_LT(first, static_cast<int>(steps.size())) << "the bundled tour has no training chapter";
  const std::string range = std::to_string(first + 1) + "-" + std::to_string(first + 4);
  const CliResult r = runCli("record --tour " + tour + " --steps " + range + " --stills --size 960x540 -o " +
                             (dir_ / "chapter").string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const nlohmann::json stills = readJson(dir_ / "chapter" / "layout.json");
  ASSERT_EQ(stills.size(), 4u);
  for (const nlohmann::json& still : stills) EXPECT_FALSE(still["timeline"].is_null()) << still["title"];
  EXPECT_EQ(stills[0]["title"], steps[first]["title"]);
  // The chapter to MP4, as a lecturer records it (small and slow here: the frames, not the pixels, matter).
  if (!commandOutput("command -v ffprobe").empty()) {
    double seconds = 0;
    for (int i = first; i < first + 4; ++i) seconds += steps[i]["duration"].get<double>();
    const std::string video = (dir_ / "chapter.mp4").string();
    const CliResult mp4 = runCli("record --tour " + tour + " --steps " + range + " --size 320x180 --fps 4 -o " + video);
    ASSERT_EQ(mp4.exitCode, 0) << mp4.err;
    const std::string probe = commandOutput(
        "ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=codec_name,nb_read_frames "
        "-of default=nw=1 " + video);
    EXPECT_NE(probe.find("codec_name=h264"), std::string::npos) << probe;
    EXPECT_NE(probe.find("nb_read_frames=" + std::to_string(std::llround(seconds * 4))),
              std::string::npos)
        << probe << " (" << seconds << " s)";
  }
  const CliResult bad = runCli("record --tour " + tour + " --steps 0-2 --stills -o " + (dir_ / "x").string());
  EXPECT_EQ(bad.exitCode, 2);
  EXPECT_NE(bad.err.find("the tour has steps 1 to"), std::string::npos) << bad.err;
}

TEST_F(SeriesCli, ASeriesOfAnotherArchitectureIsRefused) {
  const fs::path tour = dir_ / "lenet-tour.json";
  std::ofstream(tour) << R"({"format": "convoscope-tour", "version": 1, "model": ")" << fixture("lenet5_meta.pt")
                      << R"(", "series": ")" << kSeries << R"(", "steps": [{"title": "a", "duration": 2, "checkpoint": 1}]})";
  const CliResult r = runCli("record --tour " + tour.string() + " --stills -o " + (dir_ / "s").string());
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("is not the architecture of the tour's model"), std::string::npos) << r.err;
}

TEST_F(SeriesCli, AToursCheckpointMistakesAreNamed) {
  CliResult r = runCli("record --tour " + writeTour(R"({"title": "a", "duration": 2, "checkpoint": 3})", "").string() +
                       " --stills -o " + (dir_ / "s").string());
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("needs the tour's \"series\""), std::string::npos) << r.err;
  r = runCli("record --tour " +
             writeTour(R"({"title": "a", "duration": 2, "checkpoint": 40})", R"("series": ")" + kSeries + R"(",)").string() +
             " --stills -o " + (dir_ / "s").string());
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("step 1: checkpoint 40 is past the series' last (15)"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace convoscope::cli_test
