// `convoscope features` and `convoscope top-examples` end to end: files, JSON, and bad requests as exit 2 with
// a reason. The numbers are checked in tests/engine/test_features.cpp and test_top_examples.cpp.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "ScopedEnv.h"
#include "core/PngFile.h"
#include "tests/app/CliRunner.h"

namespace convoscope::cli_test {
namespace {

namespace fs = std::filesystem;

fs::path scratch(const std::string& name, const std::string& extension = "") {
  return fs::temp_directory_path() / ("convoscope-" + name + "-" + std::to_string(::getpid()) + extension);
}

TEST(FeaturesCli, OneChannelToAPngAndAllChannelsToAFolder) {
  const fs::path cache = scratch("cache");
  const testing_support::ScopedEnv cacheDir("CONVOSCOPE_CACHE_DIR", cache.string());  // the children inherit it
  const fs::path one = scratch("feature", ".png"), folder = scratch("features");
  const CliResult r = runCli("features --layer conv_2_2 --channel 3 --steps 64 --json -o " + one.string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["layer"], "conv_2_2");
  EXPECT_EQ(doc["steps"], 64);
  ASSERT_EQ(doc["channels"].size(), 1u);
  EXPECT_EQ(doc["channels"][0]["channel"], 3);
  EXPECT_TRUE(doc["channels"][0]["activation"].is_number());
  const RgbaImage image = readPng(one.string());
  EXPECT_EQ(image.width, 28 * 8);  // 28×28 shown as whole pixels, at least 224 px
  const CliResult all = runCli("features --layer conv_1_1 --all --steps 16 -o " + folder.string());
  ASSERT_EQ(all.exitCode, 0) << all.err;
  for (int c = 0; c < 10; ++c) EXPECT_TRUE(fs::exists(folder / ("conv_1_1-c" + std::to_string(c) + ".png"))) << c;
  const CliResult again = runCli("features --layer conv_2_2 --channel 3 --steps 64 --json -o " + one.string());
  EXPECT_EQ(nlohmann::json::parse(again.out)["from_cache"], 1);
  fs::remove(one);
  fs::remove_all(folder);
  fs::remove_all(cache);
}

TEST(FeaturesCli, BadRequestsAreExitTwoWithAReason) {
  const std::string out = " -o " + scratch("bad", ".png").string();
  const CliResult flat = runCli("features --layer output --channel 0" + out);
  EXPECT_EQ(flat.exitCode, 2);
  EXPECT_NE(flat.err.find("no channels"), std::string::npos) << flat.err;
  const CliResult neither = runCli("features --layer conv_1_1" + out);
  EXPECT_EQ(neither.exitCode, 2);
  EXPECT_NE(neither.err.find("--channel C or --all"), std::string::npos) << neither.err;
  const CliResult range = runCli("features --layer conv_1_1 --channel 10" + out);
  EXPECT_EQ(range.exitCode, 2);
  EXPECT_NE(range.err.find("channels 0..9"), std::string::npos) << range.err;
  const CliResult layer = runCli("features --layer conv_9 --channel 0" + out);
  EXPECT_EQ(layer.exitCode, 2);
  EXPECT_NE(layer.err.find("no layer named 'conv_9'"), std::string::npos) << layer.err;
}

TEST(TopExamplesCli, JsonListsEachChannelsStrongestImagesInOrder) {
  const fs::path sheets = scratch("top"), cache = scratch("top-cache");
  const testing_support::ScopedEnv cacheDir("CONVOSCOPE_CACHE_DIR", cache.string());  // the children inherit it
  const std::string args =
      "top-examples --data /usr/share/datasets/fashion-mnist --layer conv_2_2 --channel 4 --k 5 --limit 500 --json";
  // Once: a rerun after a sanitizer crash at exit (runCli) would find the first run's cache entry.
  const CliResult r = runCliOnce(args + " -o " + sheets.string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["images"], 500);
  EXPECT_EQ(doc["from_cache"], false);
  // The second run reads the layer's examples from the disk cache, the same as computed.
  const auto again = nlohmann::json::parse(runCli(args).out);
  EXPECT_EQ(again["from_cache"], true);
  EXPECT_EQ(again["channels"], doc["channels"]);
  fs::remove_all(cache);
  ASSERT_EQ(doc["channels"].size(), 1u);
  const auto& examples = doc["channels"][0]["examples"];
  ASSERT_EQ(examples.size(), 5u);
  for (size_t i = 1; i < examples.size(); ++i) EXPECT_GE(examples[i - 1]["value"], examples[i]["value"]);
  EXPECT_TRUE(examples[0]["label_name"].is_string());
  EXPECT_EQ(examples[0]["receptive_field"].size(), 4u);
  EXPECT_TRUE(fs::exists(sheets / "conv_2_2-c4-top.png"));
  fs::remove_all(sheets);
}

TEST(TopExamplesCli, BadDatasetsAreExitTwoWithAReason) {
  const CliResult missing = runCli("top-examples --data /nonexistent --layer conv_2_2");
  EXPECT_EQ(missing.exitCode, 2);
  EXPECT_NE(missing.err.find("/nonexistent: no such folder"), std::string::npos) << missing.err;
  const fs::path empty = scratch("empty-data");
  fs::create_directories(empty);
  const CliResult none = runCli("top-examples --data " + empty.string() + " --layer conv_2_2");
  EXPECT_EQ(none.exitCode, 2);
  EXPECT_NE(none.err.find("no images found"), std::string::npos) << none.err;
  fs::remove_all(empty);
  const CliResult flat = runCli("top-examples --data /usr/share/datasets/fashion-mnist --layer output");
  EXPECT_EQ(flat.exitCode, 2);
  EXPECT_NE(flat.err.find("no channels"), std::string::npos) << flat.err;
}

// `shot --features`: the conv tiles show the bundled model's shipped pictures (grey, like its input) where
// the plain shot shows coloured activations; the other slabs are unchanged.
TEST(FeaturesCli, ShotShowsThePicturesOnTheConvTiles) {
  const fs::path plain = scratch("plain", ".png"), features = scratch("features", ".png");
  ASSERT_EQ(runCli("shot --size 640x360 -o " + plain.string()).exitCode, 0);
  const CliResult r = runCli("shot --size 640x360 --features -o " + features.string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const RgbaImage a = readPng(plain.string()), b = readPng(features.string());
  ASSERT_EQ(a.pixels.size(), b.pixels.size());
  const auto grey = [](const uint8_t* p) { return std::abs(p[0] - p[1]) < 8 && std::abs(p[1] - p[2]) < 8; };
  const auto coloured = [](const uint8_t* p) { return std::abs(p[0] - p[1]) > 30 || std::abs(p[1] - p[2]) > 30; };
  size_t turnedGrey = 0, turnedColoured = 0;
  // Above the legend (whose card grows a line saying what the conv tiles show).
  for (size_t i = 0; i < static_cast<size_t>(a.width) * (a.height * 7 / 10) * 4; i += 4) {
    const uint8_t *before = &a.pixels[i], *after = &b.pixels[i];
    turnedGrey += coloured(before) && grey(after) && after[0] > 60;
    turnedColoured += grey(before) && coloured(after);
  }
  EXPECT_GT(turnedGrey, 2000u);
  EXPECT_LT(turnedColoured, turnedGrey / 20);
  fs::remove(plain);
  fs::remove(features);
}

// `shot --examples`: the focused channel's nine top examples float right of its slab (the frame gains grey
// pictures there), and a request without a channel or dataset fails before rendering.
TEST(FeaturesCli, ShotShowsTheFocusedChannelsTopExamples) {
  const fs::path plain = scratch("focus", ".png"), gallery = scratch("gallery", ".png");
  const std::string focus = "shot --size 640x360 --focus conv_2_1:3";
  ASSERT_EQ(runCli(focus + " -o " + plain.string()).exitCode, 0);
  const CliResult r = runCli(focus + " --examples /usr/share/datasets/fashion-mnist -o " + gallery.string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const RgbaImage a = readPng(plain.string()), b = readPng(gallery.string());
  ASSERT_EQ(a.pixels.size(), b.pixels.size());
  size_t brightGreyRight = 0;  // the garments are light grey on black, right of the frame's middle
  for (int y = 0; y < b.height; ++y)
    for (int x = b.width / 2; x < b.width; ++x) {
      const uint8_t* p = &b.pixels[(static_cast<size_t>(y) * b.width + x) * 4];
      brightGreyRight += p[0] > 150 && std::abs(p[0] - p[1]) < 8 && std::abs(p[1] - p[2]) < 8;
    }
  EXPECT_GT(brightGreyRight, 3000u);
  const CliResult noChannel = runCli("shot --focus conv_2_1 --examples /usr/share/datasets/fashion-mnist -o " + gallery.string());
  EXPECT_EQ(noChannel.exitCode, 2);
  EXPECT_NE(noChannel.err.find("--focus LAYER:CHANNEL"), std::string::npos) << noChannel.err;
  const CliResult missing = runCli(focus + " --examples /nonexistent -o " + gallery.string());
  EXPECT_EQ(missing.exitCode, 2);
  EXPECT_NE(missing.err.find("/nonexistent: no such folder"), std::string::npos) << missing.err;
  fs::remove(plain);
  fs::remove(gallery);
}

}  // namespace
}  // namespace convoscope::cli_test

namespace convoscope::cli_test {
namespace {

// `shot --layout-report`: the frame, every slab's rectangle inside it for the overview, and every label drawn
// with its text and a rectangle of positive area.
TEST(ShotLayoutReport, ListsEverySlabAndLabelInPixels) {
  const auto dir = std::filesystem::temp_directory_path() / ("convoscope-report-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const CliResult r = runCli("shot --size 1280x720 -o " + (dir / "s.png").string() + " --layout-report " +
                             (dir / "r.json").string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto report = nlohmann::json::parse(slurp(dir / "r.json"));
  EXPECT_EQ(report["frame"], nlohmann::json({1280, 720}));
  ASSERT_EQ(report["slabs"].size(), 9u) << "Tiny VGG shows nine slabs";
  for (const auto& slab : report["slabs"]) {
    const std::vector<float> rect = slab["rect"].get<std::vector<float>>();
    EXPECT_LT(rect[0], rect[2]) << slab["name"];
    EXPECT_LT(rect[1], rect[3]) << slab["name"];
    EXPECT_GE(rect[0], 0.0f) << slab["name"] << " the overview frames the whole network";
    EXPECT_LE(rect[2], 1280.0f) << slab["name"];
  }
  bool conv = false, prediction = false;
  for (const auto& label : report["labels"]) {
    const std::vector<float> rect = label["rect"].get<std::vector<float>>();
    EXPECT_GT((rect[2] - rect[0]) * (rect[3] - rect[1]), 0.0f) << label["text"];
    conv |= label["text"].get<std::string>().rfind("conv_1_1", 0) == 0;
    prediction |= label["text"] == "Prediction";
  }
  EXPECT_TRUE(conv) << "slab names are reported";
  EXPECT_TRUE(prediction) << "the prediction panel's labels are reported";
  std::filesystem::remove_all(dir);
}

// The ` --model FILE --input-shape C,H,W` arguments for a fixture model, or "" for the bundled one.
std::string fixtureModelArguments(const std::string& name) {
  if (name == "bundled") return "";
  const auto manifest = nlohmann::json::parse(slurp(std::string(CONVOSCOPE_FIXTURE_DIR) + "/manifest.json"));
  const auto& entry = manifest["models"][name];
  std::string shape;
  for (const auto& d : entry["input_shape"]) shape += (shape.empty() ? "" : ",") + std::to_string(d.get<int>());
  return " --model " + std::string(CONVOSCOPE_FIXTURE_DIR) + "/" + entry["file"].get<std::string>() +
         " --input-shape " + shape;
}

// The overview at 16:9 and at a 4:3 projector's size, as `shot --layout-report` describes it.
std::vector<nlohmann::json> overviewReports(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("convoscope-overview-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::create_directories(dir);
  std::vector<nlohmann::json> reports;
  for (const char* size : {"1920x1080", "1024x768"}) {
    const CliResult r = runCli("shot" + fixtureModelArguments(name) + " --size " + size + " -o " +
                               (dir / "s.png").string() + " --layout-report " + (dir / "r.json").string());
    EXPECT_EQ(r.exitCode, 0) << r.err;
    reports.push_back(nlohmann::json::parse(slurp(dir / "r.json")));
  }
  std::filesystem::remove_all(dir);
  return reports;
}

// Every overview, at 16:9 and at a 4:3 projector's size, for the bundled model and torchvision-style fixtures
// (scripted and traced): labels are placed through one placer per frame, the cards and the prediction's
// first, so no two labels drawn overlap and none runs off the frame (a slab name gives way, name-only or
// hidden, as labels_hidden counts).
// Every network wraps into lanes and fills at least half the frame, every slab inside it and a few pixels
// tall at least; a deep one (16+ levels) names its stages, a short one (Tiny VGG, LeNet) needs none. The
// prediction panel covers neither the header nor the legend card.
class Overview : public ::testing::TestWithParam<std::string> {};

void expectNoLabelsOverlap(const nlohmann::json& report) {
  const auto& labels = report["labels"];
  const std::string size = report["frame"].dump();
  EXPECT_GE(labels.size(), 5u) << size;
  const std::vector<float> frame = report["frame"].get<std::vector<float>>();
  for (size_t i = 0; i < labels.size(); ++i) {
    const auto a = labels[i]["rect"].get<std::vector<float>>();
    EXPECT_TRUE(a[0] >= 0.0f && a[1] >= 0.0f && a[2] <= frame[0]) << size << ": " << labels[i]["text"] << " is cut off";
    for (size_t j = i + 1; j < labels.size(); ++j) {
      const auto b = labels[j]["rect"].get<std::vector<float>>();
      EXPECT_FALSE(a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3])
          << size << ": " << labels[i]["text"] << " overlaps " << labels[j]["text"];
    }
  }
}

void expectFillsHalfTheFrameInLanes(const nlohmann::json& report) {
  const std::string size = report["frame"].dump();
  const std::vector<float> frame = report["frame"].get<std::vector<float>>();
  EXPECT_GE(report["fill"].get<float>(), 0.5f) << size;
  EXPECT_GE(report["lanes"].get<int>(), 2) << size;
  for (const auto& slab : report["slabs"]) {
    const std::vector<float> r = slab["rect"].get<std::vector<float>>();
    EXPECT_TRUE(r[0] >= 0.0f && r[1] >= 0.0f && r[2] <= frame[0] && r[3] <= frame[1]) << size << " " << slab["name"];
    EXPECT_GE(r[3] - r[1], frame[1] >= 1080 ? 3.0f : 2.0f) << size << " " << slab["name"];
  }
}

void expectPredictionClearOfTheCards(const nlohmann::json& report) {
  const std::string size = report["frame"].dump();
  ASSERT_FALSE(report["prediction"].is_null()) << size;
  const std::vector<float> panel = report["prediction"].get<std::vector<float>>();
  for (const char* card : {"header", "legend"}) {
    ASSERT_FALSE(report[card].is_null()) << size << " " << card;
    const std::vector<float> c = report[card].get<std::vector<float>>();
    EXPECT_FALSE(panel[0] < c[2] && c[0] < panel[2] && panel[1] < c[3] && c[1] < panel[3])
        << size << ": the prediction panel covers the " << card;
  }
}

TEST_P(Overview, FillsTheFrameWithoutOverlappingLabels) {
  const bool shortNetwork = GetParam() == "bundled" || GetParam() == "lenet5_traced";
  for (const nlohmann::json& report : overviewReports(GetParam())) {
    expectNoLabelsOverlap(report);
    expectFillsHalfTheFrameInLanes(report);
    expectPredictionClearOfTheCards(report);
    EXPECT_EQ(report["stages"].empty(), shortNetwork) << report["frame"].dump();
  }
}

INSTANTIATE_TEST_SUITE_P(Models, Overview,
                         ::testing::Values("bundled", "resnet18_scripted", "resnet50_traced", "mobilenet_v2_traced",
                                           "squeezenet1_1_traced", "vgg11_bn_traced", "lenet5_traced"));

}  // namespace
}  // namespace convoscope::cli_test
