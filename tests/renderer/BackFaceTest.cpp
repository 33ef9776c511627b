// A slab seen from behind shows its tiles (not empty glass), reading the same way as from the front.
#include <gtest/gtest.h>

#include <cmath>

#include "RenderTestSupport.h"
#include "SyntheticSnapshot.h"

namespace convoscope {
namespace {

using rendertest::renderSnapshot;
using rendertest::sharedContext;
using rendertest::drawnSeven;
using rendertest::syntheticLayer;

// The grey level of each pixel in the middle half of the image (where the one tile is).
std::vector<float> middleGreys(const RgbaImage& image) {
  std::vector<float> greys;
  for (int y = image.height / 4; y < 3 * image.height / 4; ++y)
    for (int x = image.width / 4; x < 3 * image.width / 4; ++x) {
      const uint8_t* p = &image.pixels[(static_cast<size_t>(y) * image.width + x) * 4];
      greys.push_back((p[0] + p[1] + p[2]) / 3.0f);
    }
  return greys;
}

float spread(const std::vector<float>& v) {
  double mean = 0, square = 0;
  for (float g : v) mean += g;
  mean /= v.size();
  for (float g : v) square += (g - mean) * (g - mean);
  return static_cast<float>(std::sqrt(square / v.size()));
}

TEST(BackFaces, ASlabSeenFromBehindShowsItsTileTheRightWayRound) {
  sharedContext();
  Snapshot snapshot;
  snapshot.inputShape = {1, 28, 28};
  snapshot.layers.push_back(syntheticLayer("input", LayerKind::Input, {1, 28, 28}, drawnSeven(), {}));
  const SceneLayout layout = layoutSlabs(snapshot);
  ASSERT_EQ(layout.slabs.size(), 1u);
  const Slab& slab = layout.slabs[0];
  ViewOptions options;
  options.showLabels = false;
  options.showLegend = false;
  options.showHeader = false;
  CameraPose front;
  front.target = slab.centre;
  front.distance = 2.2f * slab.size.y;
  CameraPose behind = front;
  behind.yaw = static_cast<float>(M_PI);
  SceneRenderer renderer;
  const std::vector<float> seenFront =
      middleGreys(renderSnapshot(renderer, snapshot, 160, 160, {}, options, &front).image);
  const std::vector<float> seenBehind =
      middleGreys(renderSnapshot(renderer, snapshot, 160, 160, {}, options, &behind).image);
  EXPECT_GT(spread(seenFront), 20.0f) << "the front shows the drawn seven";
  EXPECT_GT(spread(seenBehind), 20.0f) << "the back is not a plain slab face";
  double difference = 0;
  for (size_t i = 0; i < seenFront.size(); ++i) difference += std::fabs(seenFront[i] - seenBehind[i]);
  EXPECT_LT(difference / seenFront.size(), 12.0) << "from behind the seven reads as from the front, not mirrored";
}

}  // namespace
}  // namespace convoscope
