#include "scene/ShotFraming.h"

#include <algorithm>
#include <cmath>

#include "scene/PanelTurn.h"
#include "scene/ScreenRects.h"

namespace convoscope {

CameraPose fitPose(const std::vector<glm::vec3>& points, float yaw, float pitch, float fovY, float aspect,
                   float margin, float regionTop) {
  const float regionCentre = (regionTop - 1.0f) * 0.5f, regionHalfHeight = (regionTop + 1.0f) * 0.5f;
  Bounds bounds;
  for (const glm::vec3& p : points) bounds.include(p);
  CameraPose pose = framingPose(bounds, yaw, pitch, fovY, aspect);
  if (bounds.empty()) return pose;
  OrbitCamera camera;
  camera.fovY = fovY;
  // Perspective makes the fit non-linear: a few fixed-point steps converge well within a pixel.
  for (int iteration = 0; iteration < 16; ++iteration) {
    camera.pose = pose;
    camera.nearPlane = std::max(1e-3f, pose.distance * 1e-3f);
    camera.farPlane = pose.distance * 10.0f + bounds.radius() * 4.0f;
    const glm::mat4 viewProjection = camera.projection(aspect) * camera.view();
    glm::vec2 lo(1e9f), hi(-1e9f);
    bool behind = false;
    for (const glm::vec3& p : points) {
      const glm::vec4 clip = viewProjection * glm::vec4(p, 1.0f);
      if (clip.w <= 1e-4f) {
        behind = true;
        break;
      }
      const glm::vec2 ndc = glm::vec2(clip) / clip.w;
      lo = glm::min(lo, ndc);
      hi = glm::max(hi, ndc);
    }
    if (behind) {
      pose.distance *= 1.5f;
      continue;
    }
    // Re-centre: move the target by the NDC offset at the target's depth.
    const glm::vec2 centre = (lo + hi) * 0.5f;
    const float halfHeight = pose.distance * std::tan(fovY * 0.5f);
    pose.target += camera.right() * (centre.x * halfHeight * aspect) +
                   camera.up() * ((centre.y - regionCentre) * halfHeight);
    // Scale the distance so the larger extent (relative to the region) becomes 1 - margin.
    const float extent = std::max((hi.x - lo.x) * 0.5f, (hi.y - lo.y) * 0.5f / regionHalfHeight);
    pose.distance *= std::clamp(extent / (1.0f - margin), 0.5f, 2.0f);
  }
  return pose;
}

std::vector<glm::vec3> layoutContentPoints(const SceneLayout& layout, float yaw) {
  std::vector<glm::vec3> points;
  for (const Slab& slab : layout.slabs) {
    for (const glm::vec3& c : slabBounds(slab).corners()) points.push_back(c);
    points.push_back(slab.labelAnchor + glm::vec3(0.0f, 0.6f, 0.0f));  // room for the two label lines
  }
  for (const Arc& arc : layout.arcs)
    for (int i = 0; i <= 8; ++i) points.push_back(arcPoint(arc, i / 8.0f));
  for (const LaneLink& link : layout.laneLinks) points.insert(points.end(), link.points.begin(), link.points.end());
  if (layout.probabilities.visible) {
    const ProbabilityPanel& p = layout.probabilities;
    for (int i = 0; i < 4; ++i)
      points.push_back(turnedPanelPoint(
          p, yaw,
          p.centre + glm::vec3((i & 1 ? 0.5f : -0.5f) * p.size.x, (i & 2 ? 0.5f : -0.5f) * p.size.y, 0)));
    points.push_back(turnedPanelPoint(p, yaw, p.titleAnchor));
  }
  return points;
}

// The highest NDC y of the points seen by a camera at `pose`.
float projectedTop(const std::vector<glm::vec3>& points, const CameraPose& pose, float fovY, float aspect) {
  OrbitCamera camera;
  camera.fovY = fovY;
  camera.pose = pose;
  camera.nearPlane = std::max(1e-3f, pose.distance * 1e-3f);
  camera.farPlane = pose.distance * 10.0f + 1e4f;
  const glm::mat4 viewProjection = camera.projection(aspect) * camera.view();
  float top = -1e9f;
  for (const glm::vec3& p : points) {
    const glm::vec4 clip = viewProjection * glm::vec4(p, 1.0f);
    if (clip.w > 1e-4f) top = std::max(top, clip.y / clip.w);
  }
  return top;
}

CameraPose overviewPose(const SceneLayout& layout, float fovY, float aspect) {
  const std::vector<glm::vec3> points = layoutContentPoints(layout, kShotYaw);
  const CameraPose pose = fitPose(points, kShotYaw, kShotPitch, fovY, aspect);
  const float bandEdge = 1.0f - 2.0f * kOverviewHeaderBand;
  if (projectedTop(points, pose, fovY, aspect) <= bandEdge) return pose;
  return fitPose(points, kShotYaw, kShotPitch, fovY, aspect, 0.08f, bandEdge);
}

void applyShotCamera(OrbitCamera& camera, const SceneLayout& layout, float aspect) {
  camera.fovY = kShotFovY;
  camera.frame(layout.bounds, aspect);  // clip planes wide enough for the whole layout
  camera.pose = overviewPose(layout, camera.fovY, aspect);
  camera.maxDistance = std::max(camera.maxDistance, camera.pose.distance * 4.0f);
  camera.farPlane = std::max(camera.farPlane, camera.pose.distance * 4.0f);
}

OverviewFit overviewFit(const SceneLayout& layout, const glm::ivec2& frame) {
  OverviewFit fit;
  if (layout.slabs.empty() || frame.x <= 0 || frame.y <= 0) return fit;
  const glm::vec2 viewport(frame);
  OrbitCamera camera;
  applyShotCamera(camera, layout, viewport.x / viewport.y);
  const glm::mat4 viewProjection = camera.projection(viewport.x / viewport.y) * camera.view();
  glm::vec4 box(1e9f, 1e9f, -1e9f, -1e9f);
  fit.smallestSlabPixels = 1e9f;
  for (const Slab& slab : layout.slabs) {
    const std::optional<glm::vec4> r = slabScreenRect(slab, viewProjection, viewport);
    if (!r) return {};
    box = glm::vec4(glm::min(glm::vec2(box), glm::vec2(*r)), glm::max(glm::vec2(box.z, box.w), glm::vec2(r->z, r->w)));
    fit.smallestSlabPixels = std::min(fit.smallestSlabPixels, r->w - r->y);
  }
  const glm::vec2 lo = glm::max(glm::vec2(box), glm::vec2(0.0f)), hi = glm::min(glm::vec2(box.z, box.w), viewport);
  fit.fill = std::max(0.0f, hi.x - lo.x) * std::max(0.0f, hi.y - lo.y) / (viewport.x * viewport.y);
  return fit;
}

namespace {

float overlapArea(const glm::vec4& a, const glm::vec4& b) {
  return std::max(0.0f, std::min(a.z, b.z) - std::max(a.x, b.x)) * std::max(0.0f, std::min(a.w, b.w) - std::max(a.y, b.y));
}

}  // namespace

float overviewCornerCover(const SceneLayout& layout, const glm::ivec2& frame, bool right) {
  const glm::vec2 viewport(frame);
  const glm::vec2 size(viewport.x / 6.0f, viewport.y / 10.0f), margin(0.015f * viewport.y);
  const glm::vec2 min(right ? viewport.x - margin.x - size.x : margin.x, viewport.y - margin.y - size.y);
  const glm::vec4 corner(min, min + size);
  OrbitCamera camera;
  applyShotCamera(camera, layout, viewport.x / viewport.y);
  const glm::mat4 viewProjection = camera.projection(viewport.x / viewport.y) * camera.view();
  float covered = 0.0f;
  for (const Slab& slab : layout.slabs)
    if (const std::optional<glm::vec4> r = slabScreenRect(slab, viewProjection, viewport)) covered += overlapArea(corner, *r);
  const ProbabilityPanel& panel = layout.probabilities;
  if (panel.visible) {
    const Bounds box = Bounds::fromCentreSize(panel.centre, glm::vec3(panel.size, panel.size.x));  // any turn
    if (const std::optional<glm::vec4> r = boundsScreenRect(box, viewProjection, viewport)) covered += overlapArea(corner, *r);
  }
  return covered / (size.x * size.y);
}

}  // namespace convoscope
