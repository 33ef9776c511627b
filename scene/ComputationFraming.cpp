#include "scene/ComputationFraming.h"

#include <algorithm>
#include <cmath>

namespace convoscope {

float computationViewAlpha(const SceneLayout& layout, const Selection& selection, const OrbitCamera& camera,
                           bool open, const SemanticZoomThresholds& thresholds) {
  if (!selection.hasCell()) return 0.0f;
  if (open) return 1.0f;
  const int s = layout.slabForLayer(*selection.layer);
  if (s < 0) return 0.0f;
  const Slab& slab = layout.slabs[s];
  return semanticZoomFades(
             semanticZoomLevel(distanceToSlab(camera.position(), slab), slab, camera.fovY, thresholds))
      .computation;
}

float projectedHeight(float worldHeight, float distance, float fovY, float viewportHeight) {
  return worldHeight / (2.0f * std::max(distance, 1e-6f) * std::tan(fovY * 0.5f)) * viewportHeight;
}

glm::ivec2 slideGridFor(const SceneLayout& layout, const Selection& selection) {
  if (!selection.layer) return {1, 1};
  const int s = layout.slabForLayer(*selection.layer);
  if (s < 0) return {1, 1};
  const TileGrid& g = layout.slabs[s].grid;
  return {g.cellRows, g.cellCols};
}

void frameComputation(OrbitCamera& camera, const Bounds& computationBounds, float aspect,
                      const FrameRegion& region) {
  camera.pose.yaw = -0.12f;  // nearly face-on: the numbers must read, the slab gap still shows
  camera.pose.pitch = 0.08f;
  camera.frame(computationBounds, aspect);  // also widens the clip planes to hold it
  const bool wholeFrame = region.min == glm::vec2(0.0f) && region.max == glm::vec2(1.0f);
  if (!wholeFrame)
    camera.pose = framingPoseInRegion(computationBounds, camera.pose.yaw, camera.pose.pitch, camera.fovY, aspect,
                                      region);
  camera.farPlane = std::max(camera.farPlane, (camera.pose.distance + computationBounds.radius()) * 4.0f);
}

}  // namespace convoscope
