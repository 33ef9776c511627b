// `convoscope attribute` end to end: the JSON carries what the issue promised, -o writes a heat overlay over
// the image, and bad requests are exit 2 with a message that says what to do. The numbers themselves are
// checked against PyTorch in tests/engine/test_attribution.cpp.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/PngFile.h"
#include "tests/app/CliRunner.h"

namespace convoscope::cli_test {
namespace {

TEST(AttributeCli, GradCamJsonOnTheBundledModel) {
  const CliResult r = runCli("attribute --json");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["method"], "gradcam");
  EXPECT_EQ(doc["layer"], "conv_2_2");  // the last spatial convolution
  EXPECT_EQ(doc["shape"], nlohmann::json({14, 14}));
  EXPECT_EQ(doc["values"].size(), 14u * 14u);
  EXPECT_EQ(doc["class"], 9);  // the top prediction: Ankle boot
  EXPECT_EQ(doc["class_name"], "Ankle boot");
  EXPECT_TRUE(doc["score"].is_number());
}

TEST(AttributeCli, IntegratedGradientsReportTheirCompletenessAndWriteAnOverlay) {
  const auto out =
      std::filesystem::temp_directory_path() / ("convoscope-ig-" + std::to_string(::getpid()) + ".png");
  const CliResult r = runCli("attribute --method ig --steps 32 --class 7 --json -o " + out.string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["shape"], nlohmann::json({1, 28, 28}));
  EXPECT_TRUE(doc["delta"].is_number());
  EXPECT_EQ(doc["class"], 7);
  const RgbaImage overlay = readPng(out.string());
  EXPECT_GE(overlay.width, 256);  // the 28×28 input scaled up to be seen
  EXPECT_EQ(overlay.width, overlay.height);
  std::filesystem::remove(out);
}

TEST(AttributeCli, BadRequestsAreExitTwoWithAReason) {
  const CliResult method = runCli("attribute --method lime");
  EXPECT_EQ(method.exitCode, 2);
  EXPECT_NE(method.err.find("gradcam, saliency, smoothgrad, ig, occlusion"), std::string::npos) << method.err;
  const CliResult cls = runCli("attribute --class 10");
  EXPECT_EQ(cls.exitCode, 2);
  EXPECT_NE(cls.err.find("out of range"), std::string::npos) << cls.err;
  const CliResult flat = runCli("attribute --layer output");
  EXPECT_EQ(flat.exitCode, 2);
  EXPECT_NE(flat.err.find("output"), std::string::npos) << flat.err;
  const CliResult steps = runCli("attribute --method ig --steps 0");
  EXPECT_EQ(steps.exitCode, 2);
  EXPECT_NE(steps.err.find("--steps"), std::string::npos) << steps.err;
  const CliResult layer = runCli("attribute --layer conv_9");
  EXPECT_EQ(layer.exitCode, 2);
  EXPECT_NE(layer.err.find("no layer named 'conv_9'"), std::string::npos) << layer.err;
}

// --every-layer: one Grad-CAM per spatial slab, each the same numbers `--layer L` gives on its own (those are
// checked against PyTorch in tests/engine/test_attribution.cpp).
TEST(AttributeCli, EveryLayerGivesEachSpatialSlabItsOwnGradCam) {
  const CliResult r = runCli("attribute --every-layer --class 7 --json");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc["layers"].size(), 6u);  // conv_1_1, conv_1_2, max_pool_1, conv_2_1, conv_2_2 (as relus), max_pool_2
  for (const auto& layer : {doc["layers"][0], doc["layers"][5]}) {
    const CliResult alone = runCli("attribute --class 7 --json --layer " + layer["layer"].get<std::string>());
    ASSERT_EQ(alone.exitCode, 0) << alone.err;
    const auto single = nlohmann::json::parse(alone.out);
    EXPECT_EQ(layer["shape"], single["shape"]);
    ASSERT_EQ(layer["values"].size(), single["values"].size());
    for (size_t i = 0; i < single["values"].size(); ++i)
      EXPECT_FLOAT_EQ(layer["values"][i].get<float>(), single["values"][i].get<float>()) << layer["layer"];
  }
  EXPECT_EQ(doc["layers"][5]["shape"], nlohmann::json({7, 7}));
  EXPECT_EQ(runCli("attribute --every-layer --method ig").exitCode, 2);
}

// `shot --attribution` lays the maps over the slabs: the picture changes, and bad requests fail before rendering.
TEST(AttributeCli, ShotDrawsTheHeatMapsOverTheSlabs) {
  const auto dir = std::filesystem::temp_directory_path();
  const std::string tag = std::to_string(::getpid());
  const std::string plain = (dir / ("convoscope-plain-" + tag + ".png")).string();
  const std::string heat = (dir / ("convoscope-heat-" + tag + ".png")).string();
  ASSERT_EQ(runCli("shot --size 480x270 -o " + plain).exitCode, 0);
  const CliResult r = runCli("shot --size 480x270 --attribution gradcam --every-layer -o " + heat);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const RgbaImage a = readPng(plain), b = readPng(heat);
  ASSERT_EQ(a.pixels.size(), b.pixels.size());
  size_t warmer = 0;
  for (size_t i = 0; i < a.pixels.size(); i += 4)
    warmer += b.pixels[i] > a.pixels[i] + 30 && b.pixels[i] > b.pixels[i + 2] + 30;  // red above blue: heat
  EXPECT_GT(warmer, 200u);
  const CliResult method = runCli("shot --attribution lime -o " + heat);
  EXPECT_EQ(method.exitCode, 2);
  EXPECT_NE(method.err.find("gradcam, saliency"), std::string::npos) << method.err;
  const CliResult orphan = runCli("shot --attribution-class 3 -o " + heat);
  EXPECT_EQ(orphan.exitCode, 2);
  EXPECT_NE(orphan.err.find("need --attribution"), std::string::npos) << orphan.err;
  std::filesystem::remove(plain);
  std::filesystem::remove(heat);
}

}  // namespace
}  // namespace convoscope::cli_test
