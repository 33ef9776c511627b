// The cut-away decides once which slabs are ghosts: the renderer draws them as outlines and picking passes
// through them, so a click through a ghost reaches the selected slab that is visible behind it.
#include <gtest/gtest.h>

#include <optional>

#include "SnapshotFixtures.h"
#include "scene/CutAway.h"
#include "scene/OrbitCamera.h"
#include "scene/Picking.h"

namespace convoscope {
namespace {

const glm::vec2 kViewport(640.0f, 480.0f);

// Far in front of the selected slab's centre, looking straight at it: the later slabs stand between.
OrbitCamera cameraThroughLaterSlabs(const SceneLayout& layout, int slab) {
  const Slab& s = layout.slabs[slab];
  OrbitCamera camera;
  const glm::vec3 target(s.centre.x, s.centre.y, frontFaceZ(s));
  const float inFront = slabBounds(layout.slabs.back()).max.z - target.z + 5.0f;
  camera.pose = {target, inFront, 0.0f, 0.0f};
  camera.nearPlane = 0.01f;
  camera.farPlane = 1000.0f;
  return camera;
}

std::optional<PickHit> pickCentre(const OrbitCamera& camera, const SceneLayout& layout,
                                  const std::vector<bool>& ghosted) {
  const Ray ray =
      screenRay(kViewport * 0.5f, kViewport, camera.view(), camera.projection(kViewport.x / kViewport.y));
  return pick(ray, layout, ghosted);
}

TEST(CutAway, GhostsExactlyTheSlabsBetweenTheSelectionAndTheEye) {
  const SceneLayout layout = layoutSlabs(scene_fixtures::chainSnapshot());
  const int selected = 1;
  const Slab& slab = layout.slabs[selected];
  const OrbitCamera camera = cameraThroughLaterSlabs(layout, selected);
  const std::vector<bool> cut =
      cutAwaySlabs(layout, Selection::ofLayer(slab.displayLayer), camera.position(), true);
  ASSERT_EQ(cut.size(), layout.slabs.size());
  int ghosts = 0;
  for (size_t s = 0; s < cut.size(); ++s) {
    EXPECT_EQ(cut[s], slabBounds(layout.slabs[s]).min.z > frontFaceZ(slab)) << "slab " << s;
    ghosts += cut[s];
  }
  EXPECT_GT(ghosts, 0);
  EXPECT_FALSE(cut[selected]);
}

TEST(CutAway, NothingIsGhostedWhenOffUnselectedOrSeenFromBehind) {
  const SceneLayout layout = layoutSlabs(scene_fixtures::chainSnapshot());
  const int layer = layout.slabs[1].displayLayer;
  const glm::vec3 front = cameraThroughLaterSlabs(layout, 1).position();
  const glm::vec3 behind(front.x, front.y, slabBounds(layout.slabs[0]).min.z - 5.0f);
  for (const std::vector<bool>& cut : {cutAwaySlabs(layout, Selection::ofLayer(layer), front, false),
                                       cutAwaySlabs(layout, Selection{}, front, true),
                                       cutAwaySlabs(layout, Selection::ofLayer(layer), behind, true)})
    for (bool c : cut) EXPECT_FALSE(c);
}

TEST(CutAway, AClickThroughAGhostReachesTheSelectedSlabBehindIt) {
  const SceneLayout layout = layoutSlabs(scene_fixtures::chainSnapshot());
  const int selected = 1;
  const OrbitCamera camera = cameraThroughLaterSlabs(layout, selected);
  const std::optional<PickHit> blocked = pickCentre(camera, layout, {});
  ASSERT_TRUE(blocked.has_value());
  EXPECT_NE(blocked->slab, selected) << "without the cut-away a later slab is in the way";

  const std::vector<bool> cut =
      cutAwaySlabs(layout, Selection::ofLayer(layout.slabs[selected].displayLayer), camera.position(), true);
  const std::optional<PickHit> through = pickCentre(camera, layout, cut);
  ASSERT_TRUE(through.has_value());
  EXPECT_EQ(through->slab, selected);
  EXPECT_EQ(through->layer, layout.slabs[selected].displayLayer);
}

}  // namespace
}  // namespace convoscope
