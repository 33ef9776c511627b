// A slab's pixel rectangle (scene/ScreenRects.h), the layout report's unit: centred for a slab the camera looks
// at, wider for a wider slab, none for a slab behind the camera.
#include <gtest/gtest.h>

#include "scene/OrbitCamera.h"
#include "scene/ScreenRects.h"

namespace convoscope {
namespace {

glm::mat4 viewProjectionAt(const glm::vec3& target, float distance) {
  OrbitCamera camera;
  camera.pose.target = target;
  camera.pose.distance = distance;
  camera.pose.yaw = 0.0f;
  camera.pose.pitch = 0.0f;
  return camera.projection(16.0f / 9.0f) * camera.view();
}

TEST(ScreenRects, ASlabInFrontOfTheCameraIsCentredAndScalesWithItsSize) {
  Slab slab;
  slab.size = {2.0f, 1.0f, 0.2f};
  const glm::vec2 viewport(1920, 1080);
  const glm::mat4 vp = viewProjectionAt(slab.centre, 10.0f);
  const std::optional<glm::vec4> rect = slabScreenRect(slab, vp, viewport);
  ASSERT_TRUE(rect);
  EXPECT_NEAR((rect->x + rect->z) * 0.5f, 960.0f, 1.0f);
  EXPECT_NEAR((rect->y + rect->w) * 0.5f, 540.0f, 1.0f);
  EXPECT_GT(rect->z - rect->x, rect->w - rect->y) << "twice as wide as tall";
  Slab wider = slab;
  wider.size.x = 4.0f;
  EXPECT_GT(slabScreenRect(wider, vp, viewport)->z - slabScreenRect(wider, vp, viewport)->x, rect->z - rect->x);
}

TEST(ScreenRects, ASlabBehindTheCameraHasNoRectangle) {
  Slab slab;
  slab.size = {1.0f, 1.0f, 0.2f};
  OrbitCamera camera;
  camera.pose.target = {0, 0, 0};
  camera.pose.distance = 5.0f;
  slab.centre = camera.position() + (camera.position() - camera.pose.target);  // behind the eye
  const glm::mat4 vp = camera.projection(16.0f / 9.0f) * camera.view();
  EXPECT_FALSE(slabScreenRect(slab, vp, {1920, 1080}));
}

}  // namespace
}  // namespace convoscope
