// The CLI end to end: JSON contracts of inspect/evaluate on real models, and every bad input answered with
// exit code 2 and a one-line message naming the file and the problem.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/app/CliRunner.h"

namespace convoscope::cli_test {
namespace {

nlohmann::json parseJson(const CliResult& r) {
  EXPECT_EQ(r.exitCode, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

TEST(CliTest, InspectBundledModelJson) {
  const auto doc = parseJson(runCli("inspect --json"));
  EXPECT_EQ(doc["input_shape"], nlohmann::json({1, 28, 28}));
  const auto& layers = doc["layers"];
  ASSERT_EQ(layers.size(), 13u);  // input + 12 Tiny VGG layers
  EXPECT_EQ(layers[0]["kind"], "input");
  EXPECT_EQ(layers[1]["name"], "conv_1_1");
  EXPECT_EQ(layers[1]["kind"], "conv2d");
  EXPECT_EQ(layers[1]["output_shape"], nlohmann::json({10, 28, 28}));
  EXPECT_EQ(layers[1]["params"], 100);
  EXPECT_EQ(layers[5]["kind"], "max_pool");
  EXPECT_EQ(layers[5]["output_shape"], nlohmann::json({10, 14, 14}));
  EXPECT_EQ(layers[12]["kind"], "linear");
  for (const auto& l : layers) {
    for (const char* field : {"name", "kind", "output_shape", "min", "max", "mean", "params"})
      EXPECT_TRUE(l.contains(field)) << field;
    EXPECT_LE(l["min"].get<double>(), l["mean"].get<double>());
    EXPECT_LE(l["mean"].get<double>(), l["max"].get<double>());
  }
  const auto& out = doc["output"];
  ASSERT_EQ(out["logits"].size(), 10u);
  double total = 0;
  for (double p : out["probabilities"]) total += p;
  EXPECT_NEAR(total, 1.0, 1e-5);
  ASSERT_EQ(out["top"].size(), 5u);
  // The default sample is a test-set ankle boot, which the trained model gets right.
  EXPECT_EQ(out["top"][0]["label"], "Ankle boot");
  EXPECT_GE(out["top"][0]["probability"].get<double>(), out["top"][1]["probability"].get<double>());
}

TEST(CliTest, InspectTableListsLayersAndClasses) {
  const auto r =
      runCli("inspect --image " + std::string(CONVOSCOPE_SOURCE_DIR) + "/assets/samples/trouser-1.png");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("conv_2_2"), std::string::npos);
  EXPECT_NE(r.out.find("Trouser"), std::string::npos);
}

TEST(CliTest, EvaluateBundledModel) {
  const auto doc = parseJson(runCli("evaluate --data /usr/share/datasets/fashion-mnist --json"));
  EXPECT_EQ(doc["count"], 10000);
  EXPECT_GE(doc["accuracy"].get<double>(), 0.89);
}

TEST(CliTest, InspectResNet18MatchesPyTorchLogits) {
  for (const char* model : {"resnet18_scripted.pt", "resnet18_traced.pt"}) {
    const auto doc = parseJson(runCli("inspect --json --model " + fixture(model) +
                                      " --input-shape 3,64,64 --image " + fixture("rgb_64x64.png")));
    EXPECT_EQ(doc["input_shape"], nlohmann::json({3, 64, 64}));
    bool sawSkipAdd = false;
    for (const auto& l : doc["layers"])
      if (l["name"] == "layer1.0.add") sawSkipAdd = l["inputs"].size() == 2;
    EXPECT_TRUE(sawSkipAdd) << model;
    EXPECT_EQ(doc["layers"].back()["output_shape"], nlohmann::json({1000}));
    EXPECT_EQ(doc["output"]["logits"].size(), 1000u);
  }
}

struct BadInput {
  std::string args;
  std::string mustMention;  // the file (or flag) the message names
  std::string problem;      // a word of the problem
};

class CliBadInputTest : public ::testing::TestWithParam<BadInput> {};

TEST_P(CliBadInputTest, ExitsTwoWithOneLineMessage) {
  const BadInput& bad = GetParam();
  const auto r = runCli(bad.args);
  EXPECT_FALSE(r.signalled) << r.err;
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find(bad.mustMention), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(bad.problem), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

std::string hugePng() {
  // Only the header matters: the loader must refuse 20000x20000 before decoding.
  const auto path = std::filesystem::temp_directory_path() / "convoscope-huge-20000.png";
  std::ofstream out(path, std::ios::binary);
  const unsigned char header[] = {0x89, 'P',  'N', 'G', '\r', '\n', 0x1a, '\n', 0,    0, 0,
                                  13,   'I',  'H', 'D', 'R',  0,    0,    0x4e, 0x20, 0, 0,
                                  0x4e, 0x20, 8,   2,   0,    0,    0,    0,    0,    0, 0};
  out.write(reinterpret_cast<const char*>(header), sizeof header);
  return path.string();
}

INSTANTIATE_TEST_SUITE_P(
    BadInputs, CliBadInputTest,
    ::testing::Values(
        BadInput{"inspect --model /nonexistent/model.pt", "/nonexistent/model.pt", "no such file"},
        BadInput{"inspect --model " + fixture("empty.pt"), "empty.pt", "empty"},
        BadInput{"inspect --model " + fixture("random-bytes.pt"), "random-bytes.pt", "TorchScript"},
        BadInput{"inspect --model " + fixture("truncated-resnet18.pt") + " --input-shape 3,64,64",
                 "truncated-resnet18.pt", "TorchScript"},
        BadInput{"inspect --model " + fixture("resnet18_scripted.pt"), "resnet18_scripted.pt",
                 "--input-shape"},
        BadInput{"inspect --model " + fixture("resnet18_scripted.pt") + " --input-shape 3,64",
                 "resnet18_scripted.pt", "rejected"},
        BadInput{"inspect --model " + fixture("resnet18_scripted.pt") + " --input-shape 3,x,64",
                 "--input-shape", "positive integers"},
        BadInput{"inspect --model " + fixture("mlp784_scripted.pt") + " --input-shape 1,28,28",
                 "mlp784_scripted.pt", "rejected"},
        BadInput{"inspect --model " + fixture("tuple_output_scripted.pt") + " --input-shape 3,8,8",
                 "tuple_output_scripted.pt", "not a tensor"},
        BadInput{"inspect --model " + fixture("dict_output_scripted.pt") + " --input-shape 3,8,8",
                 "dict_output_scripted.pt", "not a tensor"},
        BadInput{"inspect --model " + fixture("resnet18_scripted.pt") +
                     " --input-shape 3,64,64 --memory-budget 0.001",
                 "resnet18_scripted.pt", "memory budget"},
        BadInput{"inspect --image " + fixture("not-an-image.png"), "not-an-image.png", "image"},
        BadInput{"inspect --image " + fixture("truncated.png"), "truncated.png", "image"},
        BadInput{"inspect --image /tmp", "/tmp", "directory"},
        BadInput{"inspect --image " + hugePng(), "convoscope-huge-20000.png", "20000x20000"},
        BadInput{"inspect --normalize banana", "--normalize", "expected"},
        BadInput{"evaluate --data /nonexistent", "/nonexistent", "not a directory"},
        BadInput{"inspect --no-such-flag", "--no-such-flag", "--no-such-flag"}));

TEST(CliTest, FlatInputMlpShowsWhatCanBeShown) {
  // Not a CNN: an MLP on 784 values still loads with --input-shape 784 and its layers are listed.
  const auto doc =
      parseJson(runCli("inspect --json --model " + fixture("mlp784_scripted.pt") + " --input-shape 784"));
  EXPECT_EQ(doc["input_shape"], nlohmann::json({784}));
  EXPECT_GE(doc["layers"].size(), 3u);
  EXPECT_EQ(doc["layers"][1]["kind"], "linear");
}

TEST(CliTest, FlatLayerFocusByOutputIndexFramesThatCellsComputation) {
  // Tiny VGG's 10 logits lie in a 3×4 tile: output 9 is cell (2, 1). Both spellings give the same frame,
  // and it differs from the plain tile (the computation view is open).
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("convoscope-focus-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto shot = [&](const std::string& focus) {
    const fs::path out = dir / (std::to_string(std::hash<std::string>{}(focus)) + ".png");
    const CliResult r = runCli("shot --size 320x180 --focus " + focus + " -o " + out.string());
    EXPECT_EQ(r.exitCode, 0) << focus << ": " << r.err;
    std::ifstream in(out, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const std::string byIndex = shot("output:9"), byCell = shot("output:0:2,1"), tile = shot("output");
  ASSERT_FALSE(byIndex.empty());
  EXPECT_EQ(byIndex, byCell);
  EXPECT_NE(byIndex, tile);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace convoscope::cli_test
