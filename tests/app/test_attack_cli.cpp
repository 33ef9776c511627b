// `convoscope attack` and `convoscope compare` end to end on the bundled model: the JSON carries what the
// issue promised, the PNG is exactly what the model saw (compare reads it back and gets the same class), and
// bad requests exit 2 naming the problem. The numbers are checked against PyTorch in
// tests/engine/test_adversarial.cpp.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/PngFile.h"
#include "tests/app/CliRunner.h"

namespace convoscope::cli_test {
namespace {

std::filesystem::path temporaryPng(const std::string& tag) {
  return std::filesystem::temp_directory_path() /
         ("convoscope-" + tag + "-" + std::to_string(::getpid()) + ".png");
}

TEST(AttackCli, FgsmFlipsTheBundledModelAndThePngIsWhatTheModelSaw) {
  const auto out = temporaryPng("fgsm");
  const CliResult r = runCli("attack --epsilon 0.03 --find-epsilon --json -o " + out.string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["method"], "fgsm");
  EXPECT_EQ(doc["original"]["label"], "Ankle boot");
  EXPECT_NE(doc["adversarial"]["class"], doc["original"]["class"]) << "eps 0.03 fools the bundled model";
  EXPECT_TRUE(doc["flipped"].get<bool>());
  EXPECT_LE(doc["linf"].get<double>(), 0.03 + 1e-6);
  EXPECT_GT(doc["l2"].get<double>(), doc["linf"].get<double>());
  const double smallest = doc["smallest_flip_epsilon"].get<double>();
  EXPECT_GT(smallest, 0);
  EXPECT_LE(smallest, 0.03 + 1e-6) << "0.03 flips, so the smallest flipping epsilon is at most that";
  const RgbaImage png = readPng(out.string());
  EXPECT_EQ(png.width, 28);
  EXPECT_EQ(png.height, 28);

  const CliResult compared = runCli("compare --json -b " + out.string());
  ASSERT_EQ(compared.exitCode, 0) << compared.err;
  const auto c = nlohmann::json::parse(compared.out);
  EXPECT_EQ(c["b"]["class"], doc["adversarial"]["class"]);
  EXPECT_NEAR(c["b"]["probability"].get<double>(), doc["adversarial"]["probability"].get<double>(), 1e-5);
  EXPECT_TRUE(c["notes"].empty()) << "the PNG already has the model's input size";
  std::filesystem::remove(out);
}

TEST(AttackCli, PgdWithARandomStartRepeatsWithItsSeed) {
  const std::string args = "attack --method pgd --epsilon 0.02 --steps 4 --random-start --seed 3 --json";
  const CliResult first = runCli(args), second = runCli(args);
  ASSERT_EQ(first.exitCode, 0) << first.err;
  const auto a = nlohmann::json::parse(first.out), b = nlohmann::json::parse(second.out);
  EXPECT_EQ(a["l2"], b["l2"]);
  EXPECT_EQ(a["steps"], 4);
  EXPECT_NEAR(a["alpha"].get<double>(), 2.5 * 0.02 / 4, 1e-6);
  EXPECT_LE(a["linf"].get<double>(), 0.02 + 1e-6);
}

TEST(CompareCli, IdenticalInputsNeverDivergeAndEveryLayerIsListed) {
  const CliResult inspect = runCli("inspect --json");
  ASSERT_EQ(inspect.exitCode, 0) << inspect.err;
  const size_t layers = nlohmann::json::parse(inspect.out)["layers"].size();
  const std::string image = std::string(CONVOSCOPE_SOURCE_DIR) + "/assets/samples/ankle-boot-1.png";
  const CliResult r = runCli("compare --json -i " + image + " -b " + image);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc["layers"].size(), layers);
  for (const auto& layer : doc["layers"]) EXPECT_EQ(layer["distance"], 0.0) << layer["name"];
  EXPECT_TRUE(doc["first_divergent"].is_null());
  EXPECT_EQ(doc["a"]["probabilities"], doc["b"]["probabilities"]);
}

TEST(CompareCli, ABigColourBIsResizedLikeAAndSaysSo) {
  const CliResult r = runCli("compare --json -b " + fixture("rgb_64x64.png"));
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc["notes"].size(), 1u);
  EXPECT_NE(doc["notes"][0].get<std::string>().find("resized from 64x64 to 28x28, RGB to gray"),
            std::string::npos);
  EXPECT_FALSE(doc["first_divergent"].is_null()) << "a colour gradient is no ankle boot";
}

TEST(ShotCompare, TheViewsDrawDifferentPicturesAndBadFlagsAreExitTwo) {
  const auto diff = temporaryPng("shot-diff"), b = temporaryPng("shot-b");
  const CliResult first = runCli("shot --attack fgsm --epsilon 0.03 --size 640x360 -o " + diff.string());
  ASSERT_EQ(first.exitCode, 0) << first.err;
  const CliResult second =
      runCli("shot --attack fgsm --epsilon 0.03 --compare-view b --size 640x360 -o " + b.string());
  ASSERT_EQ(second.exitCode, 0) << second.err;
  const RgbaImage d = readPng(diff.string()), bb = readPng(b.string());
  EXPECT_EQ(d.width, 640);
  EXPECT_NE(d.pixels, bb.pixels) << "A - B and B are different pictures";
  std::filesystem::remove(diff);
  std::filesystem::remove(b);
  const auto expectTwo = [](const std::string& args, const std::string& part) {
    const CliResult r = runCli(args);
    EXPECT_EQ(r.exitCode, 2) << args;
    EXPECT_NE(r.err.find(part), std::string::npos) << args << ": " << r.err;
  };
  const std::string out = " -o " + temporaryPng("shot-bad").string();
  expectTwo("shot --attack fgsm --image-b " + fixture("rgb_64x64.png") + out, "not both");
  expectTwo("shot --attack cw" + out, "choose fgsm or pgd");
  expectTwo("shot --attack fgsm --compare-view c" + out, "one of a, b, diff");
  expectTwo("shot --compare-view b" + out, "--compare-view needs --image-b or --attack");
  expectTwo("shot --image-b " + fixture("not-an-image.png") + out, "not-an-image.png");
}

TEST(AttackCli, BadRequestsAreExitTwoWithAReason) {
  const auto expectTwo = [](const std::string& args, const std::string& part) {
    const CliResult r = runCli(args);
    EXPECT_EQ(r.exitCode, 2) << args;
    EXPECT_NE(r.err.find(part), std::string::npos) << args << ": " << r.err;
  };
  expectTwo("attack --epsilon 1.5", "epsilon must be between 0 and 1");
  expectTwo("attack --epsilon -0.1", "epsilon must be between 0 and 1");
  expectTwo("attack --method cw", "choose fgsm or pgd");
  expectTwo("attack --target 10", "out of range");
  expectTwo("attack --method pgd --steps 0", "steps");
  expectTwo("attack --target -5", "--target must be a class index");
  expectTwo("view --attack fgsm --epsilon 5", "epsilon must be between 0 and 1");
  expectTwo("view --attack cw", "choose fgsm or pgd");
  expectTwo("attack --model " + fixture("no_grad_head_scripted.pt") + " --input-shape 1,8,8", "differentiabl");
  expectTwo("compare -b " + fixture("not-an-image.png"), "not-an-image.png");
  expectTwo("compare", "--image-b");
  expectTwo("compare -b " + fixture("rgb_64x64.png") + " --threshold 0", "--threshold");
}

}  // namespace
}  // namespace convoscope::cli_test
