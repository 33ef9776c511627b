#include "scene/RegionFraming.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace convoscope {
namespace {

// A corner in the camera's frame, relative to the box centre: x right, y up, z along the view.
struct CameraCorner {
  float x, y, z;
};

// The target shifts along one screen axis that keep every corner between NDC `lo` and `hi` at eye distance
// `d`: corner i shows at (c_i − shift) / (tanHalf · (d + z_i)). Empty (first > second) when none does.
glm::vec2 fittingShifts(const std::vector<CameraCorner>& corners, bool vertical, float d, float tanHalf, float lo,
                        float hi) {
  glm::vec2 shifts(std::numeric_limits<float>::lowest(), std::numeric_limits<float>::max());
  for (const CameraCorner& c : corners) {
    const float along = vertical ? c.y : c.x;
    const float depth = d + c.z;
    shifts.x = std::max(shifts.x, along - hi * tanHalf * depth);
    shifts.y = std::min(shifts.y, along - lo * tanHalf * depth);
  }
  return shifts;
}

}  // namespace

FrameRegion regionAbove(const glm::vec2& frameSize, float topPixels, float gapPixels) {
  FrameRegion region;
  region.max.y = std::clamp((topPixels - gapPixels) / std::max(frameSize.y, 1.0f), 0.0f, 1.0f);
  return region;
}

CameraPose framingPoseInRegion(const Bounds& bounds, float yaw, float pitch, float fovY, float aspect,
                               const FrameRegion& region) {
  CameraPose pose = framingPose(bounds, yaw, pitch, fovY, aspect);
  if (bounds.empty() || !region.usable()) return pose;
  constexpr float kMargin = 1.05f;  // as framingPose's
  const float tanY = std::tan(fovY * 0.5f) / kMargin, tanX = tanY * aspect;
  OrbitCamera camera;
  camera.pose = pose;
  const glm::vec3 right = camera.right(), up = camera.up(), ahead = camera.forward();
  std::vector<CameraCorner> corners;
  float nearest = 0.0f;  // the eye must stay in front of every corner: d + z > 0
  for (const glm::vec3& corner : bounds.corners()) {
    const glm::vec3 o = corner - bounds.centre();
    corners.push_back({glm::dot(o, right), glm::dot(o, up), glm::dot(o, ahead)});
    nearest = std::max(nearest, -corners.back().z + 0.05f * std::max(bounds.radius(), 1e-3f));
  }
  // NDC spans: x grows right, y grows up (the region's y grows down).
  const glm::vec2 xs(2.0f * region.min.x - 1.0f, 2.0f * region.max.x - 1.0f);
  const glm::vec2 ys(1.0f - 2.0f * region.max.y, 1.0f - 2.0f * region.min.y);
  auto fits = [&](float d) {
    const glm::vec2 h = fittingShifts(corners, false, d, tanX, xs.x, xs.y);
    const glm::vec2 v = fittingShifts(corners, true, d, tanY, ys.x, ys.y);
    return h.x <= h.y && v.x <= v.y;
  };
  float far = std::max(pose.distance, nearest * 2.0f);
  for (int i = 0; i < 60 && !fits(far); ++i) far *= 2.0f;  // a smaller region needs more distance
  float near = nearest;
  for (int i = 0; i < 50; ++i) {  // the fitting shifts only widen with distance: bisect
    const float mid = 0.5f * (near + far);
    (fits(mid) ? far : near) = mid;
  }
  const glm::vec2 h = fittingShifts(corners, false, far, tanX, xs.x, xs.y);
  const glm::vec2 v = fittingShifts(corners, true, far, tanY, ys.x, ys.y);
  pose.distance = far;
  pose.target = bounds.centre() + right * (0.5f * (h.x + h.y)) + up * (0.5f * (v.x + v.y));
  return pose;
}

}  // namespace convoscope
