// Features mode's placement (scene/FeatureOverlay.h): which slabs get pictures, where each one goes, and in
// which order the window fills them.
#include <gtest/gtest.h>

#include "SnapshotFixtures.h"
#include "scene/FeatureOverlay.h"

namespace convoscope {
namespace {

FeaturePicture pictureOf(int layer, int channel) { return FeaturePicture{layer, channel, 2, 2, std::vector<uint8_t>(16, 200)}; }

TEST(FeatureOverlay, OnlyConvolutionSlabsWithChannelsAreVisualized) {
  const Snapshot snapshot = scene_fixtures::chainSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);  // conv → bn → relu folds into one slab headed by conv1
  EXPECT_EQ(featureLayers(snapshot, layout),
            (std::vector<int>{snapshot.findLayer("conv1"), snapshot.findLayer("conv2")}));
  LayoutOptions unfolded;
  unfolded.foldActivations = false;
  // Unfolded, the ReLU and BatchNorm slabs keep their activations: only the conv slabs are heads of kind conv.
  EXPECT_EQ(featureLayers(snapshot, layoutSlabs(snapshot, unfolded)),
            (std::vector<int>{snapshot.findLayer("conv1"), snapshot.findLayer("conv2")}));
  const Snapshot residual = scene_fixtures::residualSnapshot();
  EXPECT_EQ(featureLayers(residual, layoutSlabs(residual)).size(), 3u);
}

TEST(FeatureOverlay, EachPictureLiesExactlyOnItsChannelsTile) {
  const Snapshot snapshot = scene_fixtures::chainSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);
  const int conv2 = snapshot.findLayer("conv2");
  FeatureOverlay overlay;
  overlay.pictures = {pictureOf(conv2, 5), pictureOf(conv2, 15), pictureOf(conv2, 16), pictureOf(-3, 0)};
  const std::vector<FeaturePlacement> placements = placeFeaturePictures(layout, overlay);
  ASSERT_EQ(placements.size(), 2u);  // channel 16 does not exist; layer -3 has no slab
  const Slab& slab = layout.slabs[layout.slabForLayer(conv2)];
  EXPECT_EQ(placements[0].picture, 0);
  EXPECT_EQ(placements[0].rect.min, tileRect(slab, 5).min);
  EXPECT_EQ(placements[0].rect.max, tileRect(slab, 5).max);
  EXPECT_EQ(placements[1].rect.min, tileRect(slab, 15).min);
  std::vector<bool> cut(layout.slabs.size(), false);
  cut[layout.slabForLayer(conv2)] = true;
  EXPECT_TRUE(placeFeaturePictures(layout, overlay, cut).empty());
  EXPECT_TRUE(overlay.has(conv2, 15));
  EXPECT_FALSE(overlay.has(conv2, 4));
}

TEST(FeatureOverlay, TheSlabNearestThePointComesFirst) {
  const Snapshot snapshot = scene_fixtures::chainSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);
  const int conv1 = snapshot.findLayer("conv1"), conv2 = snapshot.findLayer("conv2");
  const glm::vec3 atConv2 = layout.slabs[layout.slabForLayer(conv2)].centre;
  const glm::vec3 atConv1 = layout.slabs[layout.slabForLayer(conv1)].centre;
  EXPECT_EQ(featureLayersNearest(snapshot, layout, atConv2), (std::vector<int>{conv2, conv1}));
  EXPECT_EQ(featureLayersNearest(snapshot, layout, atConv1), (std::vector<int>{conv1, conv2}));
}

}  // namespace
}  // namespace convoscope

namespace convoscope {
namespace {

TEST(FeatureOverlay, SlabsWithPicturesAreMarked) {
  const Snapshot snapshot = scene_fixtures::chainSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);
  FeatureOverlay overlay;
  overlay.pictures = {pictureOf(snapshot.findLayer("conv2"), 1)};
  const std::vector<bool> marked = slabsWithPictures(layout, overlay);
  ASSERT_EQ(marked.size(), layout.slabs.size());
  for (size_t s = 0; s < marked.size(); ++s)
    EXPECT_EQ(marked[s], static_cast<int>(s) == layout.slabForLayer(snapshot.findLayer("conv2"))) << s;
}

}  // namespace
}  // namespace convoscope

namespace convoscope {
namespace {

FeatureOverlay galleryOf(int layer, int channel, int count, int width = 28, int height = 28) {
  FeatureOverlay gallery;
  for (int i = 0; i < count; ++i)
    gallery.pictures.push_back(FeaturePicture{layer, channel, width, height, std::vector<uint8_t>(width * height * 4, 90)});
  return gallery;
}

TEST(FeatureGallery, ThreeColumnsRightOfTheSlabFromTheTilesTop) {
  const Snapshot snapshot = scene_fixtures::chainSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);
  const int conv2 = snapshot.findLayer("conv2");
  const Slab& slab = layout.slabs[layout.slabForLayer(conv2)];
  const std::vector<FeaturePlacement> placed = placeGallery(layout, galleryOf(conv2, 5, 9));
  ASSERT_EQ(placed.size(), 9u);
  const FaceRect tile = tileRect(slab, 5);
  for (size_t i = 0; i < placed.size(); ++i) {
    EXPECT_EQ(placed[i].picture, static_cast<int>(i));
    EXPECT_GT(placed[i].rect.min.x, slab.centre.x + 0.5f * slab.size.x) << "right of the slab";
    EXPECT_NEAR(placed[i].rect.size().x, placed[i].rect.size().y, 1e-5f);
    EXPECT_GT(placed[i].rect.size().x, std::max(tile.size().x, tile.size().y));
  }
  // Reading order: left to right, then down.
  EXPECT_LT(placed[0].rect.max.x, placed[1].rect.min.x);
  EXPECT_NEAR(placed[0].rect.min.y, placed[2].rect.min.y, 1e-5f);
  EXPECT_LT(placed[3].rect.max.y, placed[0].rect.min.y);
  EXPECT_NEAR(placed[3].rect.min.x, placed[0].rect.min.x, 1e-5f);
  EXPECT_GE(placed[0].rect.max.y, tile.max.y) << "level with the tile's top";
  // galleryArea covers every placed picture; framing a channel uses it.
  const std::optional<FaceRect> area = galleryArea(layout, conv2, 5, 9);
  ASSERT_TRUE(area);
  for (const FeaturePlacement& p : placed) {
    EXPECT_GE(p.rect.min.x, area->min.x - 1e-5f);
    EXPECT_LE(p.rect.max.x, area->max.x + 1e-5f);
    EXPECT_GE(p.rect.min.y, area->min.y - 1e-5f);
    EXPECT_LE(p.rect.max.y, area->max.y + 1e-5f);
  }
}

TEST(FeatureGallery, WidePicturesKeepTheirAspectAndBadTargetsGetNothing) {
  const Snapshot snapshot = scene_fixtures::chainSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);
  const int conv2 = snapshot.findLayer("conv2");
  const std::vector<FeaturePlacement> wide = placeGallery(layout, galleryOf(conv2, 0, 2, 64, 32));
  ASSERT_EQ(wide.size(), 2u);
  EXPECT_NEAR(wide[0].rect.size().x, 2.0f * wide[0].rect.size().y, 1e-4f);
  EXPECT_TRUE(placeGallery(layout, galleryOf(conv2, 16, 9)).empty()) << "no channel 16";
  EXPECT_TRUE(placeGallery(layout, galleryOf(snapshot.findLayer("fc"), 0, 9)).empty()) << "a flat slab";
  std::vector<bool> cut(layout.slabs.size(), false);
  cut[layout.slabForLayer(conv2)] = true;
  EXPECT_TRUE(placeGallery(layout, galleryOf(conv2, 0, 9), cut).empty());
  EXPECT_FALSE(galleryArea(layout, conv2, 16, 9));
}

}  // namespace
}  // namespace convoscope
