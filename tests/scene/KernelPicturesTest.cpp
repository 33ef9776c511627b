// Weights mode's pictures (scene/KernelPictures.h): every weight of a channel's filter is a block of its colour
// on the diverging map, the kernels of its input channels in a grid, and the overlay covers every conv slab.
#include <gtest/gtest.h>

#include <cmath>

#include "scene/ColorMap.h"
#include "scene/KernelPictures.h"
#include "scene/SnapshotFixtures.h"

namespace convoscope {
namespace {

glm::u8vec4 pixel(const FeaturePicture& p, int x, int y) {
  const size_t i = (static_cast<size_t>(y) * p.width + x) * 4;
  return {p.rgba[i], p.rgba[i + 1], p.rgba[i + 2], p.rgba[i + 3]};
}

glm::u8vec4 expected(float value, float magnitude) {
  const glm::vec3 c = sampleDiverging(0.5f + 0.5f * value / magnitude);
  return {std::lround(c.r * 255), std::lround(c.g * 255), std::lround(c.b * 255), 255};
}

TEST(KernelPictures, EveryWeightIsABlockOfItsColourInItsInputChannelsCell) {
  Layer conv;
  conv.kind = LayerKind::Conv2d;
  FloatTensor w{{2, 4, 3, 3}, std::vector<float>(72)};
  for (size_t i = 0; i < w.data.size(); ++i) w.data[i] = std::sin(0.7f * i);  // signed, all different
  conv.weight = ParameterTensor(w);
  const float magnitude = 1.0f;
  const FeaturePicture p = kernelPicture(conv, 5, 1, magnitude, 64);
  ASSERT_EQ(p.layer, 5);
  ASSERT_EQ(p.channel, 1);
  ASSERT_EQ(p.width, p.height);
  ASSERT_LE(p.width, 64);
  // 4 input channels: a 2×2 grid of 3×3 kernels, each weight a block, a gap around each kernel.
  const int units = 2 * 4 + 1, block = 64 / units;
  EXPECT_EQ(p.width, units * block);
  for (int c = 0; c < 4; ++c)
    for (int y = 0; y < 3; ++y)
      for (int x = 0; x < 3; ++x) {
        const int px = block + (c % 2) * 4 * block + x * block, py = block + (c / 2) * 4 * block + y * block;
        const float value = w.data[((1 * 4 + c) * 3 + y) * 3 + x];
        EXPECT_EQ(pixel(p, px + block / 2, py + block / 2), expected(value, magnitude)) << c << " " << y << " " << x;
      }
  EXPECT_NE(pixel(p, 0, 0), expected(w.data[36], magnitude)) << "the border is the gap colour";
}

TEST(KernelPictures, ManyInputChannelsShrinkToOnePixelAWeightAndNoMore) {
  Layer conv;
  conv.kind = LayerKind::Conv2d;
  conv.weight = ParameterTensor(FloatTensor{{1, 512, 1, 1}, std::vector<float>(512, 0.5f)});
  const FeaturePicture p = kernelPicture(conv, 1, 0, 1.0f, 64);
  EXPECT_LE(p.width, 64);
  int weights = 0;  // pixels of the weight's colour: each 1×1 kernel is one
  for (int y = 0; y < p.height; ++y)
    for (int x = 0; x < p.width; ++x) weights += pixel(p, x, y) == expected(0.5f, 1.0f);
  EXPECT_EQ(weights, 512) << "all 512 fit at one pixel each (a 23×23 grid)";
  Layer wide = conv;
  wide.weight = ParameterTensor(FloatTensor{{1, 2048, 1, 1}, std::vector<float>(2048, 0.5f)});
  const FeaturePicture q = kernelPicture(wide, 1, 0, 1.0f, 64);
  weights = 0;
  for (int y = 0; y < q.height; ++y)
    for (int x = 0; x < q.width; ++x) weights += pixel(q, x, y) == expected(0.5f, 1.0f);
  EXPECT_EQ(weights, 31 * 31) << "2048 do not fit: the first 31×31 are shown";
  Layer dense;
  dense.weight = ParameterTensor(FloatTensor{{10, 20}, std::vector<float>(200, 1.0f)});
  EXPECT_TRUE(kernelPicture(dense, 1, 0, 1.0f, 64).rgba.empty()) << "only 4-D (convolution) weights";
}

TEST(KernelPictures, TheOverlayCoversEveryConvSlabsChannelsAndIsMadeOncePerSnapshot) {
  Snapshot s = scene_fixtures::chainSnapshot();
  for (Layer& l : s.layers)
    if (l.kind == LayerKind::Conv2d) {
      const int64_t in = l.name == "conv1" ? 3 : 8;
      l.weight = ParameterTensor(FloatTensor{{l.output.shape[0], in, 3, 3}, std::vector<float>(l.output.shape[0] * in * 9, 0.1f)});
    }
  const SceneLayout layout = layoutSlabs(s, {});
  const FeatureOverlay overlay = kernelOverlay(s, layout);
  EXPECT_EQ(overlay.pictures.size(), 8u + 16u);  // conv1's 8 channels and conv2's 16
  EXPECT_FALSE(overlay.legendNote.empty());
  KernelOverlayCache cache;
  const uint64_t first = cache.overlayFor(s, layout).id;
  EXPECT_EQ(cache.overlayFor(s, layout).id, first) << "the same snapshot: not made again";
  s.renewId();
  EXPECT_NE(cache.overlayFor(s, layout).id, first);
}

}  // namespace
}  // namespace convoscope
