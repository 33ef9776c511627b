#include <gtest/gtest.h>

#include <optional>
#include <tuple>

#include "SnapshotFixtures.h"
#include "scene/OrbitCamera.h"
#include "scene/Picking.h"

namespace convoscope {
namespace {

const glm::vec2 kViewport(640.0f, 480.0f);

// A camera looking straight at a world point on a slab face from close in front (+Z), nearer than the next
// slab, so nothing else is in the way.
OrbitCamera cameraFacing(const glm::vec3& point) {
  OrbitCamera camera;
  camera.pose = {point, 1.5f, 0.0f, 0.0f};
  camera.nearPlane = 0.01f;
  return camera;
}

glm::vec2 toPixels(const OrbitCamera& camera, const glm::vec3& world) {
  const glm::vec4 clip =
      camera.projection(kViewport.x / kViewport.y) * camera.view() * glm::vec4(world, 1.0f);
  const glm::vec3 ndc = glm::vec3(clip) / clip.w;
  return {(ndc.x + 1.0f) * 0.5f * kViewport.x, (1.0f - ndc.y) * 0.5f * kViewport.y};
}

std::optional<PickHit> pickAt(const OrbitCamera& camera, const SceneLayout& layout, const glm::vec2& pixel) {
  return pick(screenRay(pixel, kViewport, camera.view(), camera.projection(kViewport.x / kViewport.y)),
              layout);
}

TEST(Picking, RayThroughTheScreenCentrePassesThroughTheTarget) {
  OrbitCamera camera;
  camera.pose = {glm::vec3(1.0f, 2.0f, -3.0f), 8.0f, 0.7f, 0.4f};
  const Ray ray = screenRay(kViewport * 0.5f, kViewport, camera.view(), camera.projection(4.0f / 3.0f));
  const glm::vec3 toTarget = camera.pose.target - ray.origin;
  EXPECT_NEAR(glm::length(glm::cross(toTarget, ray.direction)), 0.0f, 1e-3f);
  EXPECT_GT(glm::dot(toTarget, ray.direction), 0.0f);
  EXPECT_NEAR(glm::length(ray.direction), 1.0f, 1e-5f);
}

TEST(Picking, CentreOfATileHitsThatChannel) {
  const SceneLayout layout = layoutSlabs(scene_fixtures::chainSnapshot());
  for (int layer : {0, 1, 4, 5}) {
    const int s = layout.slabForLayer(layer);
    const Slab& slab = layout.slabs[s];
    for (int channel = 0; channel < slab.grid.channels; ++channel) {
      const glm::vec3 centre(tileRect(slab, channel).centre(), frontFaceZ(slab));
      const OrbitCamera camera = cameraFacing(centre);
      const std::optional<PickHit> hit = pickAt(camera, layout, toPixels(camera, centre));
      ASSERT_TRUE(hit.has_value()) << "layer " << layer << " channel " << channel;
      EXPECT_EQ(hit->slab, s);
      EXPECT_EQ(hit->layer, slab.displayLayer);
      EXPECT_EQ(hit->cell.channel, channel);
      EXPECT_NEAR(hit->point.z, frontFaceZ(slab), 1e-4f);
    }
  }
}

TEST(Picking, AKnownCellHitsItsRowAndColumn) {
  const SceneLayout layout = layoutSlabs(scene_fixtures::chainSnapshot());
  const int s = layout.slabForLayer(5);  // conv2: 16 x 16x16
  const Slab& slab = layout.slabs[s];
  for (const auto& [channel, y, x] : {std::tuple{0, 0, 0}, std::tuple{5, 3, 11}, std::tuple{15, 15, 15}}) {
    const glm::vec3 centre(cellRect(slab, channel, y, x).centre(), frontFaceZ(slab));
    const OrbitCamera camera = cameraFacing(centre + glm::vec3(0.3f, -0.2f, 0.0f));  // off-centre view
    const std::optional<PickHit> hit = pickAt(camera, layout, toPixels(camera, centre));
    ASSERT_TRUE(hit.has_value());
    EXPECT_EQ(hit->cell.channel, channel);
    EXPECT_EQ(hit->cell.y, y);
    EXPECT_EQ(hit->cell.x, x);
  }
}

TEST(Picking, CellAtReadsTheFaceDirectly) {
  const SceneLayout layout = layoutSlabs(scene_fixtures::chainSnapshot());
  const Slab& fc = layout.slabs[layout.slabForLayer(8)];  // flat [10]: 4 x 3 cells, two empty
  const std::optional<CellAddress> last = cellAt(fc, cellRect(fc, 0, 2, 1).centre());
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->channel, 0);
  EXPECT_EQ(last->y, 2);
  EXPECT_EQ(last->x, 1);
  const std::optional<CellAddress> empty = cellAt(fc, cellRect(fc, 0, 2, 3).centre());
  ASSERT_TRUE(empty.has_value());
  EXPECT_FALSE(empty->onTile());

  const Slab& conv1 = layout.slabs[layout.slabForLayer(1)];  // 8 channels in a 3x3 grid: slot 8 is empty
  const FaceRect t0 = tileRect(conv1, 0), t1 = tileRect(conv1, 1);
  const std::optional<CellAddress> gap =
      cellAt(conv1, glm::vec2((t0.max.x + t1.min.x) * 0.5f, t0.centre().y));
  ASSERT_TRUE(gap.has_value());
  EXPECT_FALSE(gap->onTile());
  const std::optional<CellAddress> unused = cellAt(conv1, tileRect(conv1, 8).centre());
  ASSERT_TRUE(unused.has_value());
  EXPECT_FALSE(unused->onTile());
  EXPECT_FALSE(cellAt(conv1, glm::vec2(conv1.centre) + glm::vec2(conv1.size.x, 0.0f)).has_value());
}

TEST(Picking, MissesOutsideEverySlab) {
  const SceneLayout layout = layoutSlabs(scene_fixtures::chainSnapshot());
  const Slab& slab = layout.slabs[1];
  const OrbitCamera camera =
      cameraFacing(glm::vec3(slab.centre.x + slab.size.x * 3.0f, 0.0f, frontFaceZ(slab)));
  EXPECT_FALSE(pickAt(camera, layout, kViewport * 0.5f).has_value());
  // Looking away from the stack.
  Ray away{glm::vec3(0.0f, 0.0f, -5.0f), glm::vec3(0.0f, 0.0f, -1.0f)};
  EXPECT_FALSE(pick(away, layout).has_value());
}

TEST(Picking, ReturnsTheNearestOfSeveralSlabs) {
  const SceneLayout layout = layoutSlabs(scene_fixtures::chainSnapshot());
  // Straight down the axis from beyond the end: every slab is centred on x = y = 0.
  const Ray ray{glm::vec3(0.01f, 0.01f, layout.bounds.max.z + 10.0f), glm::vec3(0.0f, 0.0f, -1.0f)};
  const std::optional<PickHit> hit = pick(ray, layout);
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->slab, static_cast<int>(layout.slabs.size()) - 1);
  // And from before the input, the input is nearest (faces are hit from either side).
  const Ray back{glm::vec3(0.01f, 0.01f, -10.0f), glm::vec3(0.0f, 0.0f, 1.0f)};
  const std::optional<PickHit> first = pick(back, layout);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->slab, 0);
}

}  // namespace
}  // namespace convoscope
