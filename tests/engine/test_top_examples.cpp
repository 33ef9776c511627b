// Top dataset examples (engine/TopExamples.h) and receptive fields (core/ReceptiveField.h): against PyTorch
// (forward hooks and autograd on the eager LeNet, tests/fixtures/features_reference.py), against image-by-image
// captures of the bundled Tiny VGG, and against fields worked out by hand for ResNet-18's stem.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "FixtureSupport.h"
#include "core/ExampleSource.h"
#include "core/ReceptiveField.h"
#include "engine/TopExamples.h"

namespace convoscope::testing {
namespace {

constexpr const char* kFashionMnist = "/usr/share/datasets/fashion-mnist";

// Same rank, same image, same place — or, where two images tie to float precision, the same value.
void expectSameExamples(const std::vector<TopExample>& ours, const std::vector<TopExample>& theirs, int channel) {
  ASSERT_EQ(ours.size(), theirs.size()) << "channel " << channel;
  for (size_t i = 0; i < ours.size(); ++i) {
    SCOPED_TRACE("channel " + std::to_string(channel) + " rank " + std::to_string(i));
    EXPECT_NEAR(ours[i].value, theirs[i].value, 1e-4f * std::max(1.0f, std::fabs(theirs[i].value)));
    if (ours[i].index != theirs[i].index) {
      EXPECT_NEAR(ours[i].value, theirs[i].value, 1e-5f) << "different image without a tie";
      continue;
    }
    EXPECT_EQ(ours[i].y, theirs[i].y);
    EXPECT_EQ(ours[i].x, theirs[i].x);
  }
}

std::vector<float> modelInputs(const CaptureModel& model, const ExampleSource& source) {
  std::vector<float> all;
  for (int i = 0; i < source.count(); ++i) {
    const std::vector<float> one = imageToInput(source.image(i), model.metadata().inputShape, model.metadata().normalization);
    all.insert(all.end(), one.begin(), one.end());
  }
  return all;
}

TEST(TopExamples, MatchPyTorchHooksOnLeNet) {
  for (const std::string name : {"lenet5_scripted", "lenet5_traced"}) {
    SCOPED_TRACE(name);
    const CaptureModel& model = cachedModel(name);
    const std::unique_ptr<ExampleSource> source = openExampleSource(kFashionMnist, 300);
    const Snapshot& snapshot = cachedSnapshot(name);
    TopExampleOptions options;
    options.layers = {layerIndex(snapshot, "features.3")};
    options.k = 5;
    options.batch = 48;  // 300 is not a multiple: the last batch is short
    const LayerExamples ours = collectTopExamples(model, *source, options).at(0);
    const std::string images = writeTemporaryFloats(modelInputs(model, *source), "top");
    const nlohmann::json theirs = pythonReference(
        "features_reference.py", "top lenet5 " + fixturePath(modelEntry(name).at("file").get<std::string>()) + " " +
                                     images + " 1,28,28 features.3 5");
    std::remove(images.c_str());
    ASSERT_EQ(ours.channels.size(), theirs.at("channels").size());
    for (const nlohmann::json& c : theirs.at("channels")) {
      std::vector<TopExample> expected;
      for (const nlohmann::json& e : c.at("examples"))
        expected.push_back({e.at("index").get<int>(), -1, e.at("value").get<float>(), e.at("y").get<int>(), e.at("x").get<int>()});
      expectSameExamples(ours.channels.at(c.at("channel").get<int>()).examples, expected, c.at("channel").get<int>());
    }
    EXPECT_EQ(ours.channels[0].examples[0].label, source->label(ours.channels[0].examples[0].index));
  }
}

// One pass collects every spatial layer; each equals what image-by-image captures (the viewer's numbers) give.
TEST(TopExamples, EveryLayerInOnePassEqualsImageByImageCaptures) {
  LoadOptions load;
  load.modelPath = bundledModelPath();
  const std::unique_ptr<CaptureModel> model = CaptureModel::load(load);
  const std::unique_ptr<ExampleSource> source = openExampleSource(kFashionMnist, 120);
  TopExampleOptions options;
  options.k = 3;
  const std::vector<LayerExamples> all = collectTopExamples(*model, *source, options);
  std::vector<Snapshot> captures;
  for (int i = 0; i < source->count(); ++i)
    captures.push_back(model->run(imageToInput(source->image(i), model->metadata().inputShape, model->metadata().normalization)));
  EXPECT_EQ(all.size(), 10u);  // 4 conv, 4 relu, 2 pool: every C×H×W layer but the input
  for (const LayerExamples& layer : all) {
    SCOPED_TRACE(captures[0].layers[layer.layer].name);
    const int64_t width = captures[0].layers[layer.layer].output.shape[2];
    const int64_t plane = captures[0].layers[layer.layer].output.shape[1] * width;
    for (const ChannelExamples& channel : layer.channels) {
      std::vector<TopExample> expected;
      for (int i = 0; i < source->count(); ++i) {
        const float* map = captures[i].layers[layer.layer].output.data.data() + channel.channel * plane;
        const int64_t p = std::max_element(map, map + plane) - map;
        expected.push_back({i, source->label(i), map[p], static_cast<int>(p / width), static_cast<int>(p % width)});
      }
      std::stable_sort(expected.begin(), expected.end(), [](const TopExample& a, const TopExample& b) { return a.value > b.value; });
      expected.resize(3);
      expectSameExamples(channel.examples, expected, channel.channel);
    }
  }
}

TEST(TopExamples, BadRequestsSayWhat) {
  const CaptureModel& model = cachedModel("lenet5_scripted");
  const std::unique_ptr<ExampleSource> source = openExampleSource(kFashionMnist, 4);
  TopExampleOptions options;
  options.k = 0;
  EXPECT_TRUE(contains(inputErrorOf([&] { collectTopExamples(model, *source, options); }), "--k"));
  options.k = 2;
  options.layers = {layerIndex(cachedSnapshot("lenet5_scripted"), "classifier.0")};
  EXPECT_TRUE(contains(inputErrorOf([&] { collectTopExamples(model, *source, options); }), "no channels"));
  EXPECT_TRUE(contains(inputErrorOf([] { openExampleSource("/nonexistent/data"); }), "no such folder"));
  const std::filesystem::path empty = std::filesystem::temp_directory_path() / ("convoscope-empty-" + std::to_string(::getpid()));
  std::filesystem::create_directories(empty / "shoes");
  std::ofstream(empty / "shoes" / "notes.txt") << "not an image";
  EXPECT_TRUE(contains(inputErrorOf([&] { openExampleSource(empty.string()); }), "no images found"));
  std::filesystem::remove_all(empty);
}

TEST(ReceptiveField, MatchesAutogradOnLeNet) {
  const Snapshot& snapshot = cachedSnapshot("lenet5_scripted");
  const int layer = layerIndex(snapshot, "features.3");
  for (const auto& [y, x] : std::vector<std::pair<int, int>>{{0, 0}, {4, 7}, {9, 9}}) {
    const PixelBox ours = receptiveField(snapshot, layer, y, x);
    const nlohmann::json theirs = pythonReference(
        "features_reference.py", "rf lenet5 " + fixturePath(modelEntry("lenet5_scripted").at("file").get<std::string>()) +
                                     " 1,28,28 features.3 " + std::to_string(y) + " " + std::to_string(x));
    EXPECT_EQ((std::vector<int64_t>{ours.y0, ours.x0, ours.y1, ours.x1}), theirs.get<std::vector<int64_t>>())
        << "cell " << y << "," << x;
  }
}

// ResNet-18's stem by hand: conv1 7×7 stride 2 padding 3, max pool 3×3 stride 2 padding 1, then a 3×3 conv.
TEST(ReceptiveField, ResNetStemWorkedOutByHand) {
  const Snapshot& snapshot = cachedSnapshot("resnet18_traced");
  const int layer = layerIndex(snapshot, "layer1.0.conv1");
  EXPECT_EQ(receptiveField(snapshot, layer, 0, 0), (PixelBox{0, 0, 9, 9}));      // rows -9..9, clamped
  EXPECT_EQ(receptiveField(snapshot, layer, 5, 5), (PixelBox{11, 11, 29, 29}));  // 5 → 4..6 → 7..13 → 11..29
  // The bottom edge of a 64×64 input: rows 14..16 → 27..33 → 51..69, clamped; columns 1..3 → 1..7 → -1..17.
  EXPECT_EQ(receptiveField(snapshot, layer, 15, 2), (PixelBox{51, 0, 63, 17}));
}

}  // namespace
}  // namespace convoscope::testing
