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

}  // namespace
}  // namespace convoscope::cli_test
