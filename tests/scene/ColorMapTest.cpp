#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "scene/ColorMap.h"

namespace convoscope {
namespace {

TEST(ColorMap, DivergingRunsFromBlueThroughWhiteToOrangeRed) {
  const glm::vec3 low = sampleDiverging(0.0f), mid = sampleDiverging(0.5f), high = sampleDiverging(1.0f);
  EXPECT_GT(low.b, low.r + 0.3f);
  EXPECT_GT(high.r, high.b + 0.4f);
  EXPECT_GT(high.r, high.g);
  for (int c = 0; c < 3; ++c) EXPECT_GT(mid[c], 0.9f) << "centre must be near white";
}

TEST(ColorMap, DivergingLuminancePeaksAtTheCentre) {
  float previous = relativeLuminance(sampleDiverging(0.0f));
  for (int i = 1; i <= 100; ++i) {
    const float l = relativeLuminance(sampleDiverging(i / 100.0f));
    if (i <= 50)
      EXPECT_GT(l, previous) << "t=" << i / 100.0f;
    else
      EXPECT_LT(l, previous) << "t=" << i / 100.0f;
    previous = l;
  }
  // The two ends are about equally dark, so neither sign looks more important.
  EXPECT_NEAR(relativeLuminance(sampleDiverging(0.0f)), relativeLuminance(sampleDiverging(1.0f)), 0.05f);
}

TEST(ColorMap, SequentialLuminanceRisesMonotonically) {
  float previous = relativeLuminance(sampleSequential(0.0f));
  EXPECT_LT(previous, 0.15f);
  for (int i = 1; i <= 200; ++i) {
    const float l = relativeLuminance(sampleSequential(i / 200.0f));
    EXPECT_GT(l, previous) << "t=" << i / 200.0f;
    previous = l;
  }
  EXPECT_GT(previous, 0.8f);
}

TEST(ColorMap, SamplesClampOutsideTheUnitInterval) {
  EXPECT_EQ(sampleSequential(-3.0f), sampleSequential(0.0f));
  EXPECT_EQ(sampleSequential(7.0f), sampleSequential(1.0f));
  EXPECT_EQ(sampleDiverging(-1.0f), sampleDiverging(0.0f));
  EXPECT_EQ(sampleDiverging(NAN), sampleDiverging(0.0f));
  EXPECT_EQ(sampleColorMap(ColorMapKind::Diverging, 0.3f), sampleDiverging(0.3f));
  EXPECT_EQ(sampleColorMap(ColorMapKind::Sequential, 0.3f), sampleSequential(0.3f));
}

TEST(ColorMap, BakedTableMatchesTheMapAsRgba8) {
  const std::vector<std::uint8_t> table = bakeLookupTable(ColorMapKind::Sequential, 256);
  ASSERT_EQ(table.size(), 256u * 4u);
  for (int i = 0; i < 256; ++i) {
    const glm::vec3 expected = sampleSequential(i / 255.0f);
    for (int c = 0; c < 3; ++c) EXPECT_NEAR(table[i * 4 + c] / 255.0f, expected[c], 0.5f / 255.0f + 1e-6f);
    EXPECT_EQ(table[i * 4 + 3], 255);
  }
  const std::vector<std::uint8_t> diverging = bakeLookupTable(ColorMapKind::Diverging, 3);
  ASSERT_EQ(diverging.size(), 12u);
  EXPECT_GT(diverging[4], 230);  // the middle entry is the white centre
  EXPECT_GT(diverging[5], 230);
  EXPECT_GT(diverging[6], 230);
  EXPECT_TRUE(bakeLookupTable(ColorMapKind::Diverging, 0).empty());
}

TEST(ColorMap, AtlasHoldsOneRowPerMap) {
  const std::vector<std::uint8_t> atlas = bakeLookupTableAtlas(64);
  ASSERT_EQ(atlas.size(), 2u * 64u * 4u);
  const std::vector<std::uint8_t> diverging = bakeLookupTable(ColorMapKind::Diverging, 64);
  const std::vector<std::uint8_t> sequential = bakeLookupTable(ColorMapKind::Sequential, 64);
  EXPECT_TRUE(std::equal(diverging.begin(), diverging.end(), atlas.begin()));
  EXPECT_TRUE(std::equal(sequential.begin(), sequential.end(), atlas.begin() + 64 * 4));
}

TEST(ColorMap, SignedRangesGetTheDivergingMap) {
  EXPECT_EQ(colorMapFor(ValueRange{-2.0f, 2.0f}), ColorMapKind::Diverging);
  EXPECT_EQ(colorMapFor(ValueRange{0.0f, 2.0f}), ColorMapKind::Sequential);
}

}  // namespace
}  // namespace convoscope
