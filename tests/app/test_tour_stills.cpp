// `record --stills` on the bundled tour at 16:9 and 4:3: one picture per step, and in every step that opens
// the computation the card lies inside the frame, below the header card and above the caption, its numbers
// large enough to read.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "CliRunner.h"
#include "core/PngFile.h"

namespace convoscope {
namespace {

namespace fs = std::filesystem;
using cli_test::CliResult;
using cli_test::runCli;

const std::string kTour = std::string(CONVOSCOPE_SOURCE_DIR) + "/assets/tours/tiny-vgg.json";

class TourStills : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("convoscope-stills-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(std::hash<std::string>{}(GetParam())));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_P(TourStills, EveryComputationCardClearsTheCaptionAndStaysInTheFrame) {
  const CliResult r = runCli("record --tour " + kTour + " --stills --size " + GetParam() + " -o " + dir_.string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const nlohmann::json tour = nlohmann::json::parse(std::ifstream(kTour));
  const nlohmann::json stills = nlohmann::json::parse(std::ifstream(dir_ / "layout.json"));
  ASSERT_EQ(stills.size(), tour["steps"].size());
  int cards = 0;
  for (size_t i = 0; i < stills.size(); ++i) {
    const nlohmann::json& still = stills[i];
    const nlohmann::json& step = tour["steps"][i];
    SCOPED_TRACE("step " + std::to_string(i + 1) + ": " + step["title"].get<std::string>());
    const float width = still["frame"][0], height = still["frame"][1];
    const RgbaImage picture = readPng((dir_ / still["image"].get<std::string>()).string());
    EXPECT_EQ(picture.width, static_cast<int>(width));
    EXPECT_EQ(picture.height, static_cast<int>(height));
    ASSERT_FALSE(still["caption"].is_null()) << "every tour step has a caption";
    const bool opensMath = step.contains("math") && step["math"].value("open", false);
    ASSERT_EQ(!still["computation"].is_null(), opensMath) << "the card shows exactly where the step opens it";
    if (!opensMath) continue;
    ++cards;
    const auto card = still["computation"].get<std::vector<float>>();
    const auto caption = still["caption"].get<std::vector<float>>();
    EXPECT_GE(card[0], 0.0f);
    EXPECT_LE(card[2], width);
    EXPECT_GE(card[1], 0.094f * height) << "below the header card (94 px at 1080p)";
    EXPECT_LT(card[3], caption[1]) << "above the caption";
    EXPECT_GT((card[2] - card[0]) * (card[3] - card[1]), 0.15f * width * height) << "large enough to read";
    // Laid out for the frame (ReadableComputation): 11 px numbers at 16:9; a 1024x768 projector loses a little
    // to the caption's extra line.
    EXPECT_GE(still["computation_number_px"].get<float>(), width / height > 1.5f ? 11.0f : 10.0f);
  }
  EXPECT_GE(cards, 3) << "the convolution, pooling and dense steps open their computation";
}

INSTANTIATE_TEST_SUITE_P(WideAndProjector, TourStills, ::testing::Values("1280x720", "1024x768"),
                         [](const ::testing::TestParamInfo<std::string>& p) {
                           return p.param == "1280x720" ? std::string("16x9") : std::string("4x3");
                         });

}  // namespace
}  // namespace convoscope
