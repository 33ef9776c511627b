// The compare view's divergence fence (scene/DivergenceCurve.h): one point per main-path slab above the
// network, heights proportional to the distance, the first slab past the threshold marked.
#include <gtest/gtest.h>

#include "SnapshotFixtures.h"
#include "scene/DivergenceCurve.h"

namespace convoscope {
namespace {

TEST(DivergenceCurve, HeightsFollowTheDistanceAndTheFirstSlabPastTheThresholdIsMarked) {
  const Snapshot s = scene_fixtures::chainSnapshot();
  const SceneLayout layout = layoutSlabs(s);
  std::vector<std::optional<double>> distance(s.layers.size());
  for (size_t l = 0; l < s.layers.size(); ++l) distance[l] = 0.1 * static_cast<double>(l);
  const DivergenceCurve curve = layoutDivergenceCurve(layout, distance, 0.5);
  ASSERT_EQ(curve.points.size(), layout.slabs.size()) << "a chain is all main path";
  float top = -1e9f;
  for (const Slab& slab : layout.slabs) top = std::max(top, slab.centre.y + slab.size.y * 0.5f);
  for (size_t i = 0; i < curve.points.size(); ++i) {
    EXPECT_GT(curve.baseline[i].y, top) << "the fence stands above every slab";
    if (i > 0) EXPECT_GE(curve.points[i].y, curve.points[i - 1].y) << "distance grows along the chain";
  }
  ASSERT_GE(curve.firstSlab, 0);
  const Slab& first = layout.slabs[curve.firstSlab];
  EXPECT_GE(*distance[first.displayLayer >= 0 ? first.displayLayer : first.layer], 0.5);
  for (int s2 = 0; s2 < curve.firstSlab; ++s2) {
    const Slab& before = layout.slabs[s2];
    EXPECT_LT(*distance[before.displayLayer >= 0 ? before.displayLayer : before.layer], 0.5);
  }
  EXPECT_FLOAT_EQ(curve.markerTop.y, curve.points[curve.firstPoint].y);
}

TEST(DivergenceCurve, IdenticalInputsLieFlatAndUndefinedDistancesCountAsDiverged) {
  const Snapshot s = scene_fixtures::chainSnapshot();
  const SceneLayout layout = layoutSlabs(s);
  std::vector<std::optional<double>> zero(s.layers.size(), 0.0);
  const DivergenceCurve flat = layoutDivergenceCurve(layout, zero, 0.5);
  EXPECT_EQ(flat.firstSlab, -1);
  for (size_t i = 0; i < flat.points.size(); ++i) EXPECT_FLOAT_EQ(flat.points[i].y, flat.baseline[i].y);
  zero[layout.slabs[2].displayLayer >= 0 ? layout.slabs[2].displayLayer : layout.slabs[2].layer].reset();
  EXPECT_EQ(layoutDivergenceCurve(layout, zero, 0.5).firstSlab, 2);
  std::vector<std::optional<double>> inputOnly(s.layers.size(), 0.0);
  inputOnly[0] = 1.0;
  EXPECT_EQ(layoutDivergenceCurve(layout, inputOnly, 0.5).firstSlab, -1) << "two different images are no path";
}

}  // namespace
}  // namespace convoscope
