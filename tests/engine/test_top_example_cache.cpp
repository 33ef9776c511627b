// Top examples through the disk cache (engine/TopExampleCache.h): a second ask reads what the first computed,
// a changed dataset or k misses, a corrupt entry is recomputed; the payload format round-trips and refuses
// malformed text.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "FixtureSupport.h"
#include "ScopedEnv.h"
#include "core/ExampleSource.h"
#include "engine/TopExampleCache.h"
#include "engine/TopExamplePayload.h"

namespace convoscope::testing {
namespace {

namespace fs = std::filesystem;
constexpr const char* kFashionMnist = "/usr/share/datasets/fashion-mnist";

bool sameExamples(const LayerExamples& a, const LayerExamples& b) {
  if (a.channels.size() != b.channels.size()) return false;
  for (size_t c = 0; c < a.channels.size(); ++c) {
    if (a.channels[c].channel != b.channels[c].channel || a.channels[c].examples.size() != b.channels[c].examples.size())
      return false;
    for (size_t i = 0; i < a.channels[c].examples.size(); ++i) {
      const TopExample &x = a.channels[c].examples[i], &y = b.channels[c].examples[i];
      if (x.index != y.index || x.label != y.label || x.value != y.value || x.y != y.y || x.x != y.x) return false;
    }
  }
  return true;
}

TEST(TopExampleCache, TheSecondAskIsReadAndEqualsTheFirst) {
  const fs::path cache = fs::temp_directory_path() / ("convoscope-topcache-" + std::to_string(::getpid()));
  const testing_support::ScopedEnv cacheDir("CONVOSCOPE_CACHE_DIR", cache.string());
  const CaptureModel& model = cachedModel("lenet5_scripted");
  const int layer = layerIndex(cachedSnapshot("lenet5_scripted"), "features.3");
  const std::unique_ptr<ExampleSource> source = openExampleSource(kFashionMnist, 150);
  const CachedTopExamples first = topExamplesCached(model, *source, layer, 4);
  EXPECT_FALSE(first.fromCache);
  TopExampleOptions options;
  options.layers = {layer};
  options.k = 4;
  EXPECT_TRUE(sameExamples(first.examples, collectTopExamples(model, *source, options).at(0)));
  const CachedTopExamples second = topExamplesCached(model, *source, layer, 4);
  EXPECT_TRUE(second.fromCache);
  EXPECT_TRUE(sameExamples(first.examples, second.examples));
  // Another k, another dataset (fewer images): not the same entry.
  EXPECT_FALSE(topExamplesCached(model, *source, layer, 3).fromCache);
  EXPECT_FALSE(topExamplesCached(model, *openExampleSource(kFashionMnist, 100), layer, 4).fromCache);
  // A corrupted entry reads as absent and is computed again.
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(cache))
    if (e.is_regular_file()) std::ofstream(e.path(), std::ios::binary | std::ios::app) << "garbage";
  const CachedTopExamples again = topExamplesCached(model, *source, layer, 4);
  EXPECT_FALSE(again.fromCache);
  EXPECT_TRUE(sameExamples(first.examples, again.examples));
  fs::remove_all(cache);
}

TEST(TopExampleCache, ImageFoldersAreKeyedByTheirFiles) {
  const fs::path root = fs::temp_directory_path() / ("convoscope-folder-" + std::to_string(::getpid()));
  const std::unique_ptr<ExampleSource> fashion = openExampleSource(kFashionMnist, 2);
  fs::create_directories(root / "a");
  savePng(fashion->image(0), (root / "a" / "0.png").string());
  const std::string before = openExampleSource(root.string())->fingerprint();
  EXPECT_EQ(openExampleSource(root.string())->fingerprint(), before);
  savePng(fashion->image(1), (root / "a" / "1.png").string());
  EXPECT_NE(openExampleSource(root.string())->fingerprint(), before);
  fs::remove_all(root);
}

// The viewer asks for the layer a slab's channel is visualized at: a folded slab's convolution, else the slab's
// own layer (the poolings). All of them ship for the bundled model over Fashion-MNIST's test set.
TEST(TopExampleCache, BundledModelShipsEverySlabsExamples) {
  const fs::path dir = fs::temp_directory_path() / ("convoscope-empty-cache-" + std::to_string(::getpid()));
  const testing_support::ScopedEnv cacheDir("CONVOSCOPE_CACHE_DIR", dir.string());
  LoadOptions load;
  load.modelPath = bundledModelPath();
  const std::unique_ptr<CaptureModel> model = CaptureModel::load(load);
  const Snapshot snapshot = model->run(std::vector<float>(28 * 28, 0.0f));
  const std::unique_ptr<ExampleSource> source = openExampleSource(kFashionMnist);
  for (const char* name : {"conv_1_1", "conv_1_2", "max_pool_1", "conv_2_1", "conv_2_2", "max_pool_2"}) {
    const CachedTopExamples found = topExamplesCached(*model, *source, snapshot.findLayer(name), 9);
    EXPECT_TRUE(found.fromCache) << name << ": assets/cache is stale; run scripts/make-bundled-features.sh";
    EXPECT_EQ(found.examples.channels.size(), 10u) << name;
  }
  EXPECT_FALSE(fs::exists(dir / "top-examples")) << "nothing was computed, so nothing written";
  fs::remove_all(dir);
}

TEST(TopExamplePayload, RoundTripsAndRefusesMalformedText) {
  LayerExamples examples;
  examples.layer = 3;
  examples.channels = {{0, {{12, 7, 3.25f, 4, 5}, {9, 1, 1.0f / 3.0f, 0, 0}}}, {1, {}}};
  const std::optional<LayerExamples> back = decodeTopExamples(encodeTopExamples(examples), 3);
  ASSERT_TRUE(back);
  EXPECT_TRUE(sameExamples(*back, examples));
  EXPECT_EQ(back->layer, 3);
  EXPECT_FALSE(decodeTopExamples("0 2\n12 7 3.25 4 5\n", 3)) << "one example short";
  EXPECT_FALSE(decodeTopExamples("0 1\n12 seven 3.25 4 5\n", 3));
  EXPECT_FALSE(decodeTopExamples("0 -1\n", 3));
  EXPECT_FALSE(decodeTopExamples("0 1\n12 7 3.25 4 5\nrest", 3));
  EXPECT_TRUE(decodeTopExamples("", 3)) << "a layer without channels is empty, not malformed";
}

}  // namespace
}  // namespace convoscope::testing
