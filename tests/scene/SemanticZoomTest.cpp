#include <gtest/gtest.h>

#include <cmath>

#include "SnapshotFixtures.h"
#include "scene/SemanticZoom.h"

namespace convoscope {
namespace {

const float kFov = glm::radians(45.0f);

Slab convSlab() {
  const SceneLayout layout = layoutSlabs(scene_fixtures::chainSnapshot());
  return layout.slabs[layout.slabForLayer(5)];  // 16 channels of 16x16
}

TEST(SemanticZoom, FarIsOverviewAndNearIsComputation) {
  const Slab slab = convSlab();
  EXPECT_FLOAT_EQ(semanticZoomLevel(1000.0f, slab, kFov), 0.0f);
  EXPECT_FLOAT_EQ(semanticZoomLevel(0.01f, slab, kFov), 3.0f);
  const SemanticZoomFades far = semanticZoomFades(semanticZoomLevel(1000.0f, slab, kFov));
  EXPECT_FLOAT_EQ(far.overview, 1.0f);
  EXPECT_FLOAT_EQ(far.numbers, 0.0f);
  const SemanticZoomFades near = semanticZoomFades(semanticZoomLevel(0.01f, slab, kFov));
  EXPECT_FLOAT_EQ(near.computation, 1.0f);
  EXPECT_FLOAT_EQ(near.overview, 0.0f);
}

TEST(SemanticZoom, PassesThroughEveryLevelInOrder) {
  const Slab slab = convSlab();
  // Distances where a tile fills half the view, and where a cell fills a 30th of it.
  const float tileSide = std::sqrt(slab.grid.tileSize.x * slab.grid.tileSize.y);
  const float cellSide = tileSide / 16.0f;
  const auto distanceFor = [&](float worldSize, float fraction) {
    return worldSize / fraction / (2.0f * std::tan(kFov / 2.0f));
  };
  const float tiles = semanticZoomLevel(distanceFor(tileSide, 0.2f), slab, kFov);
  EXPECT_NEAR(tiles, 1.0f, 0.05f);
  const float numbers = semanticZoomLevel(distanceFor(cellSide, 0.05f), slab, kFov);
  EXPECT_NEAR(numbers, 2.0f, 0.05f);
}

TEST(SemanticZoom, LevelIsMonotoneAndContinuousInDistance) {
  const Slab slab = convSlab();
  float previous = semanticZoomLevel(0.01f, slab, kFov);
  SemanticZoomFades previousFades = semanticZoomFades(previous);
  float maxStep = 0.0f;
  for (float d = 0.01f; d < 2000.0f; d *= 1.002f) {
    const float level = semanticZoomLevel(d, slab, kFov);
    const SemanticZoomFades fades = semanticZoomFades(level);
    EXPECT_LE(level, previous + 1e-6f);
    EXPECT_GE(level, 0.0f);
    EXPECT_LE(level, 3.0f);
    maxStep = std::max(maxStep, previous - level);
    EXPECT_LT(std::fabs(fades.overview - previousFades.overview), 0.02f) << "pop at distance " << d;
    EXPECT_LT(std::fabs(fades.tiles - previousFades.tiles), 0.02f) << "pop at distance " << d;
    EXPECT_LT(std::fabs(fades.numbers - previousFades.numbers), 0.02f) << "pop at distance " << d;
    EXPECT_LT(std::fabs(fades.computation - previousFades.computation), 0.02f) << "pop at distance " << d;
    previous = level;
    previousFades = fades;
  }
  EXPECT_LT(maxStep, 0.02f);  // 0.2% more distance never moves the level by more than this
}

TEST(SemanticZoom, FadesAreContinuousAndOrderedInLevel) {
  SemanticZoomFades previous = semanticZoomFades(0.0f);
  for (int i = 1; i <= 3000; ++i) {
    const SemanticZoomFades f = semanticZoomFades(i / 1000.0f);
    EXPECT_LT(std::fabs(f.overview - previous.overview), 0.003f);
    EXPECT_LT(std::fabs(f.tiles - previous.tiles), 0.003f);
    EXPECT_LT(std::fabs(f.numbers - previous.numbers), 0.003f);
    EXPECT_LT(std::fabs(f.computation - previous.computation), 0.003f);
    EXPECT_GE(f.tiles, f.numbers);  // detail arrives in order
    EXPECT_GE(f.numbers, f.computation);
    previous = f;
  }
  EXPECT_FLOAT_EQ(semanticZoomFades(1.0f).tiles, 1.0f);
  EXPECT_FLOAT_EQ(semanticZoomFades(1.0f).numbers, 0.0f);
  EXPECT_FLOAT_EQ(semanticZoomFades(2.0f).numbers, 1.0f);
  EXPECT_FLOAT_EQ(semanticZoomFades(2.0f).computation, 0.0f);
  EXPECT_FLOAT_EQ(semanticZoomFades(7.0f).level, 3.0f);
}

TEST(SemanticZoom, DistanceToSlabIsToItsNearestPoint) {
  const Slab slab = convSlab();
  EXPECT_FLOAT_EQ(distanceToSlab(slab.centre, slab), 0.0f);
  EXPECT_NEAR(distanceToSlab(slab.centre + glm::vec3(0.0f, 0.0f, 5.0f), slab), 5.0f - slab.size.z / 2, 1e-5f);
  EXPECT_NEAR(distanceToSlab(slab.centre + glm::vec3(slab.size.x / 2 + 3.0f, 0.0f, 0.0f), slab), 3.0f, 1e-4f);
}

}  // namespace
}  // namespace convoscope
