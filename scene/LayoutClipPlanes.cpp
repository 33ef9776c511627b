#include "scene/LayoutClipPlanes.h"

#include <algorithm>

namespace convoscope {

OrbitCamera withLayoutClipPlanes(const OrbitCamera& camera, const Bounds& layoutBounds) {
  OrbitCamera clipped = camera;
  if (layoutBounds.empty()) return clipped;
  const glm::vec3 eye = camera.position();
  const glm::vec3 closest = glm::clamp(eye, layoutBounds.min, layoutBounds.max);
  const float nearest = glm::length(eye - closest);
  float farthest = 0;
  for (const glm::vec3& c : layoutBounds.corners()) farthest = std::max(farthest, glm::length(eye - c));
  clipped.nearPlane = std::max(std::max(camera.nearPlane, nearest * 0.5f), farthest * 1e-4f);
  clipped.farPlane = std::max(clipped.nearPlane * 2.0f, farthest * 1.5f + 1.0f);
  return clipped;
}

}  // namespace convoscope
