#include <gtest/gtest.h>

#include <cmath>
#include <glm/gtc/constants.hpp>

#include "SnapshotFixtures.h"
#include "scene/OrbitCamera.h"
#include "scene/SlabLayout.h"

namespace convoscope {
namespace {

const glm::vec2 kViewport(800.0f, 600.0f);
constexpr float kAspect = 800.0f / 600.0f;

glm::vec3 toNdc(const OrbitCamera& camera, float aspect, const glm::vec3& world) {
  const glm::vec4 clip = camera.projection(aspect) * camera.view() * glm::vec4(world, 1.0f);
  return glm::vec3(clip) / clip.w;
}

glm::vec2 toPixels(const OrbitCamera& camera, const glm::vec3& world) {
  const glm::vec3 ndc = toNdc(camera, kAspect, world);
  return {(ndc.x + 1.0f) * 0.5f * kViewport.x, (1.0f - ndc.y) * 0.5f * kViewport.y};
}

OrbitCamera someCamera() {
  OrbitCamera camera;
  camera.pose = {glm::vec3(1.0f, -2.0f, 3.0f), 12.0f, 0.6f, 0.3f};
  return camera;
}

TEST(OrbitCamera, ViewPutsTheTargetStraightAheadAtItsDistance) {
  const OrbitCamera camera = someCamera();
  const glm::vec4 target = camera.view() * glm::vec4(camera.pose.target, 1.0f);
  EXPECT_NEAR(target.x, 0.0f, 1e-4f);
  EXPECT_NEAR(target.y, 0.0f, 1e-4f);
  EXPECT_NEAR(target.z, -12.0f, 1e-4f);
  EXPECT_NEAR(glm::distance(camera.position(), camera.pose.target), 12.0f, 1e-4f);
  EXPECT_NEAR(glm::dot(camera.right(), camera.forward()), 0.0f, 1e-5f);
  EXPECT_NEAR(glm::dot(camera.up(), camera.forward()), 0.0f, 1e-5f);
}

TEST(OrbitCamera, YawZeroLooksDownMinusZWithXToTheRight) {
  OrbitCamera camera;
  camera.pose = {glm::vec3(0.0f), 5.0f, 0.0f, 0.0f};
  EXPECT_NEAR(glm::distance(camera.position(), glm::vec3(0, 0, 5)), 0.0f, 1e-5f);
  EXPECT_NEAR(glm::distance(camera.right(), glm::vec3(1, 0, 0)), 0.0f, 1e-5f);
  EXPECT_GT(toNdc(camera, 1.0f, glm::vec3(1, 0, 0)).x, 0.0f);
  EXPECT_GT(toNdc(camera, 1.0f, glm::vec3(0, 1, 0)).y, 0.0f);
}

TEST(OrbitCamera, OrbitKeepsTheDistanceToTheTarget) {
  OrbitCamera camera = someCamera();
  const glm::vec3 before = camera.position();
  for (int i = 0; i < 20; ++i) {
    camera.orbit(0.37f, -0.11f * (i % 3));
    EXPECT_NEAR(glm::distance(camera.position(), camera.pose.target), 12.0f, 1e-4f);
    EXPECT_EQ(camera.pose.target, glm::vec3(1.0f, -2.0f, 3.0f));
  }
  EXPECT_GT(glm::distance(camera.position(), before), 0.1f);
}

TEST(OrbitCamera, OrbitClampsPitchShortOfThePoles) {
  OrbitCamera camera = someCamera();
  camera.orbit(0.0f, 10.0f);
  EXPECT_FLOAT_EQ(camera.pose.pitch, camera.pitchLimit);
  camera.orbit(0.0f, -20.0f);
  EXPECT_FLOAT_EQ(camera.pose.pitch, -camera.pitchLimit);
  EXPECT_FALSE(std::isnan(camera.view()[0][0]));
}

TEST(OrbitCamera, PanMovesThePointUnderTheCursorWithTheDrag) {
  OrbitCamera camera = someCamera();
  const glm::vec2 cursor(300.0f, 250.0f);
  const glm::vec3 grabbed = camera.pointOnTargetPlane(cursor, kViewport);
  EXPECT_NEAR(glm::distance(toPixels(camera, grabbed), cursor), 0.0f, 1e-2f);
  const glm::vec2 drag(40.0f, -25.0f);
  camera.pan(drag, kViewport);
  EXPECT_NEAR(glm::distance(toPixels(camera, grabbed), cursor + drag), 0.0f, 1e-2f);
  EXPECT_FLOAT_EQ(camera.pose.distance, 12.0f);
}

TEST(OrbitCamera, ZoomTowardCursorKeepsThePointUnderTheCursorFixed) {
  for (const glm::vec2 cursor :
       {glm::vec2(200.0f, 150.0f), glm::vec2(799.0f, 1.0f), glm::vec2(400.0f, 300.0f)}) {
    for (float factor : {0.5f, 0.9f, 1.25f, 3.0f}) {
      OrbitCamera camera = someCamera();
      const glm::vec3 anchor = camera.pointOnTargetPlane(cursor, kViewport);
      const glm::vec3 ndcBefore = toNdc(camera, kAspect, anchor);
      camera.zoomTowardCursor(cursor, kViewport, factor);
      EXPECT_NEAR(camera.pose.distance, 12.0f * factor, 1e-4f);
      const glm::vec3 ndcAfter = toNdc(camera, kAspect, anchor);
      EXPECT_NEAR(ndcAfter.x, ndcBefore.x, 1e-4f) << "factor " << factor;
      EXPECT_NEAR(ndcAfter.y, ndcBefore.y, 1e-4f) << "factor " << factor;
    }
  }
}

TEST(OrbitCamera, ZoomAtAPickedPointKeepsItFixedEvenWhenClamped) {
  OrbitCamera camera = someCamera();
  camera.minDistance = 6.0f;
  const glm::vec3 picked(2.5f, -1.0f, 4.0f);  // off the target plane, as a slab hit would be
  const glm::vec3 before = toNdc(camera, kAspect, picked);
  camera.zoomAt(picked, 0.1f);  // asks for 1.2, gets the clamp
  EXPECT_FLOAT_EQ(camera.pose.distance, 6.0f);
  const glm::vec3 after = toNdc(camera, kAspect, picked);
  EXPECT_NEAR(after.x, before.x, 1e-4f);
  EXPECT_NEAR(after.y, before.y, 1e-4f);
  camera.maxDistance = 20.0f;
  camera.zoomAt(picked, 100.0f);
  EXPECT_FLOAT_EQ(camera.pose.distance, 20.0f);
}

TEST(OrbitCamera, FlyTranslatesInTheCameraFrameAndLooksAboutTheEye) {
  OrbitCamera camera = someCamera();
  const glm::vec3 eye = camera.position();
  const glm::vec3 forward = camera.forward();
  const glm::vec3 right = camera.right();
  camera.flyTranslate(glm::vec3(0.5f, 0.0f, 2.0f));  // W held, a little D
  EXPECT_NEAR(glm::distance(camera.position(), eye + forward * 2.0f + right * 0.5f), 0.0f, 1e-4f);
  EXPECT_EQ(camera.forward(), forward);  // translation does not turn

  const glm::vec3 eyeBeforeLook = camera.position();
  camera.flyLook(0.4f, -0.2f);
  EXPECT_NEAR(glm::distance(camera.position(), eyeBeforeLook), 0.0f, 1e-4f);
  EXPECT_GT(glm::distance(camera.forward(), forward), 0.1f);
}

void expectBoundsInView(const OrbitCamera& camera, float aspect, const Bounds& bounds) {
  float widest = 0.0f;
  for (const glm::vec3& corner : bounds.corners()) {
    const glm::vec3 ndc = toNdc(camera, aspect, corner);
    EXPECT_GE(ndc.x, -1.0f);
    EXPECT_LE(ndc.x, 1.0f);
    EXPECT_GE(ndc.y, -1.0f);
    EXPECT_LE(ndc.y, 1.0f);
    EXPECT_GE(ndc.z, -1.0f);
    EXPECT_LE(ndc.z, 1.0f);
    widest = std::max({widest, std::fabs(ndc.x), std::fabs(ndc.y)});
  }
  EXPECT_GT(widest, 0.9f) << "framed, but from further away than needed";
}

TEST(OrbitCamera, FrameFitsEveryCornerOfTheBoundsInNdc) {
  Bounds bounds;
  bounds.include(glm::vec3(-3.0f, -1.0f, 0.0f));
  bounds.include(glm::vec3(5.0f, 2.0f, 40.0f));
  for (float aspect : {0.5f, 1.0f, kAspect, 2.5f}) {
    for (float yaw : {0.0f, 0.8f, -2.0f}) {
      for (float pitch : {0.0f, 0.5f, -1.2f}) {
        OrbitCamera camera;
        camera.pose.yaw = yaw;
        camera.pose.pitch = pitch;
        camera.frame(bounds, aspect);
        EXPECT_EQ(camera.pose.yaw, yaw);
        EXPECT_NEAR(glm::distance(camera.pose.target, bounds.centre()), 0.0f, 1e-5f);
        expectBoundsInView(camera, aspect, bounds);
      }
    }
  }
}

TEST(OrbitCamera, HomeFramesTheLayoutWithTheInputOnTheLeft) {
  const SceneLayout layout = layoutSlabs(scene_fixtures::residualSnapshot());
  OrbitCamera camera;
  camera.pose = homePose(layout.bounds, camera.fovY, kAspect);
  camera.frame(layout.bounds, kAspect);  // same pose, and clip planes wide enough
  EXPECT_FLOAT_EQ(camera.pose.yaw, kHomeYaw);
  EXPECT_FLOAT_EQ(camera.pose.pitch, kHomePitch);
  expectBoundsInView(camera, kAspect, layout.bounds);
  EXPECT_LT(toNdc(camera, kAspect, layout.slabs.front().centre).x,
            toNdc(camera, kAspect, layout.slabs.back().centre).x);
  EXPECT_GT(glm::dot(camera.forward(), glm::vec3(0, 0, -1)), 0.0f);  // sees the +Z (tile) faces
}

TEST(CameraAnimation, EaseInOutCubicIsSymmetricAndFlatAtTheEnds) {
  EXPECT_FLOAT_EQ(easeInOutCubic(0.0f), 0.0f);
  EXPECT_FLOAT_EQ(easeInOutCubic(1.0f), 1.0f);
  EXPECT_FLOAT_EQ(easeInOutCubic(0.5f), 0.5f);
  EXPECT_LT(easeInOutCubic(0.1f), 0.1f * 0.2f);  // slow start
  for (float t = 0.0f; t <= 1.0f; t += 0.01f)
    EXPECT_NEAR(easeInOutCubic(t) + easeInOutCubic(1.0f - t), 1.0f, 1e-5f);
  EXPECT_NEAR((easeInOutCubic(1e-3f) - easeInOutCubic(0.0f)) / 1e-3f, 0.0f, 1e-2f);
  EXPECT_NEAR((easeInOutCubic(1.0f) - easeInOutCubic(1.0f - 1e-3f)) / 1e-3f, 0.0f, 1e-2f);
}

TEST(CameraAnimation, StartsAtFromAndReachesToExactlyAtTheDuration) {
  const CameraPose from{glm::vec3(0.0f), 10.0f, 0.0f, 0.2f};
  const CameraPose to{glm::vec3(4.0f, 2.0f, -6.0f), 40.0f, 1.0f, -0.3f};
  CameraAnimation animation(from, to, 0.5f);
  EXPECT_FALSE(animation.finished());
  EXPECT_EQ(animation.current().target, from.target);
  EXPECT_FLOAT_EQ(animation.current().distance, from.distance);
  for (int frame = 0; frame < 29; ++frame) animation.advance(1.0f / 60.0f);
  EXPECT_FALSE(animation.finished());
  animation.advance(1.0f / 60.0f);  // 30 frames at 60 fps = 0.5 s
  EXPECT_TRUE(animation.finished());
  const CameraPose end = animation.current();
  EXPECT_EQ(end.target, to.target);
  EXPECT_EQ(end.distance, to.distance);
  EXPECT_EQ(end.yaw, to.yaw);
  EXPECT_EQ(end.pitch, to.pitch);
  animation.advance(1.0f);  // stays put afterwards
  EXPECT_EQ(animation.current().target, to.target);
}

TEST(CameraAnimation, ProgressIsEasedAndIndependentOfTheStepSize) {
  const CameraPose from{glm::vec3(0.0f), 10.0f, 0.0f, 0.0f};
  const CameraPose to{glm::vec3(10.0f, 0.0f, 0.0f), 10.0f, 0.0f, 0.0f};
  CameraAnimation coarse(from, to, 0.5f), fine(from, to, 0.5f);
  coarse.advance(0.125f);
  for (int i = 0; i < 5; ++i) fine.advance(0.025f);
  EXPECT_NEAR(coarse.current().target.x, fine.current().target.x, 1e-5f);
  EXPECT_LT(coarse.current().target.x, 2.5f);  // a quarter of the time covers less than a quarter of the way
  coarse.advance(0.125f);
  EXPECT_NEAR(coarse.current().target.x, 5.0f, 1e-5f);  // half way at half time
}

TEST(CameraAnimation, YawTakesTheShortWayRound) {
  const CameraPose from{glm::vec3(0.0f), 10.0f, 3.0f, 0.0f};
  const CameraPose to{glm::vec3(0.0f), 10.0f, -3.0f, 0.0f};
  const CameraPose middle = interpolatePoses(from, to, 0.5f);
  // 3 → -3 through ±pi (0.28 rad), not through 0 (6 rad).
  EXPECT_NEAR(std::fabs(std::remainder(middle.yaw, 2.0f * glm::pi<float>())), glm::pi<float>(), 1e-4f);
}

TEST(CameraAnimation, DistanceInterpolatesGeometrically) {
  const CameraPose from{glm::vec3(0.0f), 1.0f, 0.0f, 0.0f};
  const CameraPose to{glm::vec3(0.0f), 100.0f, 0.0f, 0.0f};
  EXPECT_NEAR(interpolatePoses(from, to, 0.5f).distance, 10.0f, 1e-3f);
}

TEST(CameraAnimation, DefaultConstructedIsFinished) { EXPECT_TRUE(CameraAnimation().finished()); }

}  // namespace
}  // namespace convoscope
