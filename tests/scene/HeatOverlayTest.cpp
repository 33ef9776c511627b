// Where "why this class?" maps are laid (scene/HeatOverlay.h); tour steps that ask for them are tested in
// test_tour.cpp.
#include <gtest/gtest.h>

#include "SnapshotFixtures.h"
#include "scene/ColorMap.h"
#include "scene/HeatOverlay.h"

namespace convoscope {
namespace {

HeatMap mapAt(int layer, int rows, int cols) { return HeatMap{layer, rows, cols, std::vector<float>(rows * cols, 0.5f)}; }

TEST(HeatOverlay, EveryTileOfTheMapsSlabGetsTheMapAndTheFarViewToo) {
  const Snapshot snapshot = scene_fixtures::chainSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);
  HeatOverlay overlay;
  overlay.maps = {mapAt(0, 32, 32), mapAt(snapshot.findLayer("relu2"), 16, 16)};
  const std::vector<HeatPlacement> placements = placeHeatMaps(layout, overlay);
  const int inputSlab = layout.slabForLayer(0), convSlab = layout.slabForLayer(snapshot.findLayer("relu2"));
  int onInput = 0, onConv = 0, farViews = 0;
  for (const HeatPlacement& p : placements) {
    onInput += p.slab == inputSlab;
    onConv += p.slab == convSlab;
    farViews += p.farView;
    EXPECT_EQ(p.map, p.slab == inputSlab ? 0 : 1);
    if (!p.farView) {
      // A tile placement covers exactly one channel tile of its slab.
      bool matchesATile = false;
      for (int c = 0; c < layout.slabs[p.slab].grid.channels; ++c) {
        const FaceRect t = tileRect(layout.slabs[p.slab], c);
        matchesATile = matchesATile || (t.min == p.rect.min && t.max == p.rect.max);
      }
      EXPECT_TRUE(matchesATile);
    }
  }
  EXPECT_EQ(onInput, 3 + 1);  // RGB: three channel tiles and the colour far view
  EXPECT_EQ(onConv, 16 + 1);
  EXPECT_EQ(farViews, 2);
}

TEST(HeatOverlay, CutAwaySlabsFlatSlabsAndLayersWithoutASlabGetNothing) {
  const Snapshot snapshot = scene_fixtures::chainSnapshot();
  LayoutOptions options;
  options.hiddenLayers = {snapshot.findLayer("pool")};
  const SceneLayout layout = layoutSlabs(snapshot, options);
  HeatOverlay overlay;
  overlay.maps = {mapAt(0, 32, 32), mapAt(snapshot.findLayer("pool"), 16, 16),
                  mapAt(snapshot.findLayer("fc"), 1, 10)};
  std::vector<bool> cut(layout.slabs.size(), false);
  EXPECT_EQ(placeHeatMaps(layout, overlay, cut).size(), 4u);  // only the input's tiles and far view
  cut[layout.slabForLayer(0)] = true;
  EXPECT_TRUE(placeHeatMaps(layout, overlay, cut).empty());
}

TEST(HeatOverlay, NormalisingDividesByTheMaximumAndClearsNegativesAndNans) {
  std::vector<float> values = {2.0f, -1.0f, 4.0f, std::nanf(""), 1.0f};
  normaliseHeat(values);
  EXPECT_EQ(values, (std::vector<float>{0.5f, 0.0f, 1.0f, 0.0f, 0.25f}));
  std::vector<float> zeros = {0.0f, -3.0f};
  normaliseHeat(zeros);
  EXPECT_EQ(zeros, (std::vector<float>{0.0f, 0.0f}));
}

TEST(HeatOverlay, HeatColoursBrightenFromDeepRedToPaleYellow) {
  float previous = -1.0f;
  for (int i = 0; i <= 20; ++i) {
    const float luminance = relativeLuminance(sampleHeat(i / 20.0f));
    EXPECT_GT(luminance, previous) << "t = " << i / 20.0f;
    previous = luminance;
  }
  EXPECT_GT(sampleHeat(0.0f).r, sampleHeat(0.0f).b);  // red end, not a blue one like the diverging map
}

TEST(HeatOverlay, FaintHeatIsNotDrawnAndOpacityRisesToOne) {
  EXPECT_EQ(heatOpacity(0.0f), 0.0f);
  EXPECT_EQ(heatOpacity(0.1f), 0.0f);
  EXPECT_FLOAT_EQ(heatOpacity(1.0f), 1.0f);
  EXPECT_GT(heatOpacity(0.5f), 0.5f);  // moderate evidence shows more than linearly
  for (int i = 11; i <= 100; ++i) EXPECT_GT(heatOpacity(i / 100.0f), heatOpacity((i - 1) / 100.0f));
}

TEST(HeatOverlay, MethodTitlesCoverTheCliNames) {
  EXPECT_EQ(attributionMethodTitle("ig"), "Integrated Gradients");
  EXPECT_EQ(attributionMethodTitle("gradcam"), "Grad-CAM");
  EXPECT_EQ(attributionMethodNames().size(), 5u);
  EXPECT_EQ(attributionMethodTitle("nope"), "nope");
}

}  // namespace
}  // namespace convoscope
