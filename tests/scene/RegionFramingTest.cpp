// Framing a box into part of the frame: every corner lands inside the region, and no closer pose would fit.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "scene/RegionFraming.h"

namespace convoscope {
namespace {

// The corners' projected extent in the region's units (fractions of the frame, y down).
FrameRegion projectedExtent(const Bounds& bounds, const CameraPose& pose, float fovY, float aspect) {
  OrbitCamera camera;
  camera.fovY = fovY;
  camera.pose = pose;
  const glm::mat4 viewProjection = camera.projection(aspect) * camera.view();
  FrameRegion extent{glm::vec2(1e9f), glm::vec2(-1e9f)};
  for (const glm::vec3& corner : bounds.corners()) {
    const glm::vec4 clip = viewProjection * glm::vec4(corner, 1.0f);
    EXPECT_GT(clip.w, 0.0f) << "a corner is behind the eye";
    const glm::vec2 f(0.5f * (clip.x / clip.w + 1.0f), 0.5f * (1.0f - clip.y / clip.w));
    extent.min = glm::min(extent.min, f);
    extent.max = glm::max(extent.max, f);
  }
  return extent;
}

TEST(RegionFraming, EveryCornerLandsInsideTheRegionAndTheFitIsTight) {
  std::mt19937 random(7);
  std::uniform_real_distribution<float> unit(0.0f, 1.0f);
  const float fovY = glm::radians(45.0f);
  for (int trial = 0; trial < 200; ++trial) {
    Bounds box;
    const glm::vec3 centre(unit(random) * 20 - 10, unit(random) * 10, unit(random) * 40);
    box.include(centre - glm::vec3(0.2f + 4 * unit(random), 0.2f + 3 * unit(random), 0.01f + unit(random)));
    box.include(centre + glm::vec3(0.2f + 4 * unit(random), 0.2f + 3 * unit(random), 0.01f + unit(random)));
    FrameRegion region;
    region.min = {0.3f * unit(random), 0.3f * unit(random)};
    region.max = {1.0f - 0.3f * unit(random), 1.0f - 0.5f * unit(random)};
    const float aspect = trial % 2 ? 16.0f / 9.0f : 4.0f / 3.0f;
    const float yaw = unit(random) - 0.5f, pitch = 0.4f * unit(random) - 0.2f;
    const CameraPose pose = framingPoseInRegion(box, yaw, pitch, fovY, aspect, region);
    const FrameRegion got = projectedExtent(box, pose, fovY, aspect);
    constexpr float kTolerance = 1e-3f;
    EXPECT_GE(got.min.x, region.min.x - kTolerance) << trial;
    EXPECT_GE(got.min.y, region.min.y - kTolerance) << trial;
    EXPECT_LE(got.max.x, region.max.x + kTolerance) << trial;
    EXPECT_LE(got.max.y, region.max.y + kTolerance) << trial;
    // Tight: along one axis the box spans the region less only the 5 % margin.
    const float spanX = (got.max.x - got.min.x) / (region.max.x - region.min.x);
    const float spanY = (got.max.y - got.min.y) / (region.max.y - region.min.y);
    EXPECT_GT(std::max(spanX, spanY), 0.9f) << trial;
  }
}

TEST(RegionFraming, ARegionAboveTheCaptionKeepsTheBoxOutOfTheCaption) {
  Bounds card;
  card.include({-3, -1, 0});
  card.include({3, 1, 0.2f});
  const glm::vec2 frame(1920, 1080);
  const FrameRegion above = regionAbove(frame, 800.0f, 16.0f);
  EXPECT_FLOAT_EQ(above.max.y, 784.0f / 1080.0f);
  const CameraPose pose = framingPoseInRegion(card, -0.12f, 0.08f, glm::radians(45.0f), 16.0f / 9.0f, above);
  EXPECT_LE(projectedExtent(card, pose, glm::radians(45.0f), 16.0f / 9.0f).max.y * frame.y, 784.5f);
}

TEST(RegionFraming, AnUnusableRegionFallsBackToTheWholeFrame) {
  Bounds box;
  box.include({0, 0, 0});
  box.include({1, 1, 1});
  const FrameRegion sliver = regionAbove({1920, 1080}, 30.0f, 0.0f);
  EXPECT_FALSE(sliver.usable());
  const CameraPose whole = framingPose(box, 0.1f, 0.2f, 1.0f, 1.5f);
  const CameraPose got = framingPoseInRegion(box, 0.1f, 0.2f, 1.0f, 1.5f, sliver);
  EXPECT_FLOAT_EQ(got.distance, whole.distance);
  EXPECT_EQ(got.target, whole.target);
}

}  // namespace
}  // namespace convoscope
