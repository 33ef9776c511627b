// Feature visualization (engine/FeatureVisualization.h) against 1,000 real Fashion-MNIST test images, on the
// bundled Tiny VGG and on a LeNet: every channel's picture excites it more than 95 % of them, and most
// channels' more than all of them. (Not every channel's: the recipe keeps pictures smooth and robust to
// jitter, while the best real image of some early channels wins with sharp edges against the zero padding
// that a smooth picture cannot draw; docs/PERFORMANCE.md has the figures.) The objective is the captured
// activation, itself checked against PyTorch in test_capture_reference.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "FixtureSupport.h"
#include "core/Errors.h"
#include "core/IdxDataset.h"
#include "engine/FeatureCache.h"
#include "engine/FeatureVisualization.h"

namespace convoscope::testing {
namespace {

constexpr const char* kFashionMnist = "/usr/share/datasets/fashion-mnist";

// The first `count` test images in pixel space ([0, 1], one channel), laid end to end.
std::vector<float> realImages(int count) {
  const IdxDataset data = loadIdxDataset(kFashionMnist, IdxSplit::Test, count);
  std::vector<float> pixels(data.pixels.size());
  for (size_t i = 0; i < pixels.size(); ++i) pixels[i] = data.pixels[i] / 255.0f;
  return pixels;
}

const CaptureModel& bundledModel() {
  static const std::unique_ptr<CaptureModel> model = [] {
    LoadOptions options;
    options.modelPath = bundledModelPath();
    return CaptureModel::load(options);
  }();
  return *model;
}

// The real images' objectives for one channel, sorted.
std::vector<float> realObjectives(const CaptureModel& model, int layer, int channel, const std::vector<float>& images) {
  const std::vector<int> channels(images.size() / (28 * 28), channel);
  std::vector<float> values = channelObjective(model, layer, channels, images);
  std::sort(values.begin(), values.end());
  return values;
}

void expectBeatsRealImages(const CaptureModel& model, const std::string& layerName, std::vector<int> channels) {
  const Snapshot snapshot = model.run(std::vector<float>(28 * 28, 0.0f));
  const int layer = snapshot.findLayer(layerName);
  ASSERT_GE(layer, 0) << layerName;
  FeatureOptions options;
  options.layer = layer;
  options.channels = channels;
  const std::vector<FeatureImage> images = visualizeFeatures(model, options);
  ASSERT_EQ(images.size(), channels.size());
  const std::vector<float> real = realImages(1000);
  size_t beatAll = 0;
  for (const FeatureImage& image : images) {
    SCOPED_TRACE(layerName + " channel " + std::to_string(image.channel));
    EXPECT_EQ(image.shape, (std::vector<int64_t>{1, 28, 28}));
    for (float p : image.pixels) ASSERT_TRUE(p >= 0.0f && p <= 1.0f);
    const std::vector<float> values = realObjectives(model, layer, image.channel, real);
    EXPECT_GT(image.activation, values[values.size() * 95 / 100]);
    beatAll += image.activation > values.back();
    // The reported activation is the objective of the returned picture.
    EXPECT_NEAR(channelObjective(model, layer, {image.channel}, image.pixels)[0], image.activation, 1e-4f);
  }
  std::printf("%s: %zu of %zu channels beat all 1,000 real images\n", layerName.c_str(), beatAll, images.size());
  EXPECT_GE(beatAll * 2, images.size()) << layerName << ": " << beatAll << " of " << images.size()
                                        << " channels beat every real image";
}

TEST(FeatureVisualization, ExcitesItsChannelMoreThanRealImagesOnTheBundledTinyVgg) {
  expectBeatsRealImages(bundledModel(), "conv_2_2", {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  expectBeatsRealImages(bundledModel(), "conv_1_2", {0, 2, 4, 6, 8});
}

TEST(FeatureVisualization, ExcitesItsChannelMoreThanRealImagesOnALeNet) {
  expectBeatsRealImages(cachedModel("lenet5_scripted"), "features.3", {0, 1, 2, 3, 4, 5});
}

// The objective is the mean of the channel's captured map (the numbers the viewer shows for that image).
TEST(FeatureVisualization, ObjectiveIsTheCapturedMapsMean) {
  const CaptureModel& model = bundledModel();
  const std::vector<float> image = realImages(1);
  const Snapshot snapshot = model.run(image);  // the bundled model takes pixels as they are
  const int layer = snapshot.findLayer("conv_1_2");
  const Layer& captured = snapshot.layers[layer];
  const int64_t plane = captured.output.shape[1] * captured.output.shape[2];
  double sum = 0;
  for (int64_t i = 0; i < plane; ++i) sum += captured.output.data[5 * plane + i];
  EXPECT_NEAR(channelObjective(model, layer, {5}, image)[0], sum / plane, 1e-5);
  EXPECT_NEAR(channelObjective(model, layer, {5}, image, 3, 4)[0], captured.output.data[5 * plane + 3 * 28 + 4], 1e-5);
}

// A second look is read from the disk cache; a corrupt entry is computed again.
TEST(FeatureVisualization, CachedOnDiskByContent) {
  const std::string dir = "/tmp/convoscope-feature-cache-" + std::to_string(::getpid());
  setenv("CONVOSCOPE_CACHE_DIR", dir.c_str(), 1);
  const CaptureModel& model = bundledModel();
  FeatureOptions options;
  options.layer = model.run(std::vector<float>(28 * 28, 0.0f)).findLayer("conv_1_2");
  options.channels = {2, 5};
  options.steps = 8;
  const CachedFeatures first = visualizeFeaturesCached(model, options);
  EXPECT_EQ(first.fromCache, 0);
  options.channels = {5, 2, 7};
  const CachedFeatures second = visualizeFeaturesCached(model, options);
  EXPECT_EQ(second.fromCache, 2);
  EXPECT_EQ(second.images[0].pixels, first.images[1].pixels);
  EXPECT_EQ(second.images[1].pixels, first.images[0].pixels);
  EXPECT_EQ(second.images[2].channel, 7);
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file()) std::ofstream(e.path(), std::ios::binary | std::ios::trunc) << "garbage";
  EXPECT_EQ(visualizeFeaturesCached(model, options).fromCache, 0);
  options.steps = 9;  // another setting, another key
  EXPECT_EQ(visualizeFeaturesCached(model, options).fromCache, 0);
  std::filesystem::remove_all(dir);
  unsetenv("CONVOSCOPE_CACHE_DIR");
}

// The first launch shows every conv channel's picture at once: assets/cache holds them for the bundled model
// as it is now (after retraining, scripts/make-bundled-features.sh remakes them).
TEST(FeatureVisualization, BundledModelShipsEveryConvChannel) {
  const std::string dir = "/tmp/convoscope-empty-cache-" + std::to_string(::getpid());
  setenv("CONVOSCOPE_CACHE_DIR", dir.c_str(), 1);
  const CaptureModel& model = bundledModel();
  const Snapshot snapshot = model.run(std::vector<float>(28 * 28, 0.0f));
  for (const Layer& layer : snapshot.layers) {
    if (layer.kind != LayerKind::Conv2d) continue;
    FeatureOptions options;
    options.layer = snapshot.findLayer(layer.name);
    for (int c = 0; c < layer.output.shape[0]; ++c) options.channels.push_back(c);
    const CachedFeatures found = visualizeFeaturesCached(model, options);
    EXPECT_EQ(found.fromCache, static_cast<int>(options.channels.size()))
        << layer.name << ": assets/cache is stale; run scripts/make-bundled-features.sh";
  }
  EXPECT_FALSE(std::filesystem::exists(dir + "/features")) << "nothing was computed, so nothing written";
  std::filesystem::remove_all(dir);
  unsetenv("CONVOSCOPE_CACHE_DIR");
}

TEST(FeatureVisualization, IsSeededAndBadRequestsSayWhy) {
  const CaptureModel& model = bundledModel();
  const int layer = model.run(std::vector<float>(28 * 28, 0.0f)).findLayer("conv_1_1");
  FeatureOptions options;
  options.layer = layer;
  options.channels = {1};
  options.steps = 16;
  const std::vector<FeatureImage> a = visualizeFeatures(model, options), b = visualizeFeatures(model, options);
  EXPECT_EQ(a[0].pixels, b[0].pixels);
  options.seed = 5;
  EXPECT_NE(visualizeFeatures(model, options)[0].pixels, a[0].pixels);
  options.channels = {10};
  EXPECT_TRUE(contains(inputErrorOf([&] { visualizeFeatures(model, options); }), "channels 0..9"));
  options.channels = {1};
  options.steps = 0;
  EXPECT_TRUE(contains(inputErrorOf([&] { visualizeFeatures(model, options); }), "--steps"));
  options.steps = 4;
  options.layer = model.run(std::vector<float>(28 * 28, 0.0f)).findLayer("output");
  EXPECT_TRUE(contains(inputErrorOf([&] { visualizeFeatures(model, options); }), "no channels"));
}

}  // namespace
}  // namespace convoscope::testing
