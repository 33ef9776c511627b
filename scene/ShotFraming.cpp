#include "scene/ShotFraming.h"

#include <algorithm>
#include <cmath>

#include "scene/PanelTurn.h"
#include "scene/ScreenRects.h"

namespace convoscope {

namespace {

// Where points land in normalised device coordinates: the rectangle around those in front of the camera,
// and whether any is behind it.
struct NdcExtent {
  glm::vec2 lo{1e9f}, hi{-1e9f};
  bool behind = false;
};

NdcExtent ndcExtent(const std::vector<glm::vec3>& points, const glm::mat4& viewProjection) {
  NdcExtent extent;
  for (const glm::vec3& p : points) {
    const glm::vec4 clip = viewProjection * glm::vec4(p, 1.0f);
    if (clip.w <= 1e-4f) {
      extent.behind = true;
      continue;
    }
    const glm::vec2 ndc = glm::vec2(clip) / clip.w;
    extent.lo = glm::min(extent.lo, ndc);
    extent.hi = glm::max(extent.hi, ndc);
  }
  return extent;
}

}  // namespace

CameraPose fitPose(const std::vector<glm::vec3>& points, float yaw, float pitch, float fovY, float aspect,
                   float margin, float regionTop, float regionBottom) {
  const float regionCentre = (regionTop + regionBottom) * 0.5f;
  const float regionHalfHeight = std::max((regionTop - regionBottom) * 0.5f, 0.05f);
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
    const NdcExtent seen = ndcExtent(points, camera.projection(aspect) * camera.view());
    if (seen.behind) {
      pose.distance *= 1.5f;
      continue;
    }
    // Re-centre: move the target by the NDC offset at the target's depth.
    const glm::vec2 centre = (seen.lo + seen.hi) * 0.5f;
    const float halfHeight = pose.distance * std::tan(fovY * 0.5f);
    pose.target += camera.right() * (centre.x * halfHeight * aspect) +
                   camera.up() * ((centre.y - regionCentre) * halfHeight);
    // Scale the distance so the larger extent (relative to the region) becomes 1 - margin.
    const float extent =
        std::max((seen.hi.x - seen.lo.x) * 0.5f, (seen.hi.y - seen.lo.y) * 0.5f / regionHalfHeight);
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
    for (const glm::vec3& corner : turnedPanelCorners(p, yaw)) points.push_back(corner);
    points.push_back(turnedPanelPoint(p, yaw, p.titleAnchor));
  }
  return points;
}

// The highest NDC y of the points in front of a camera at `pose`.
float projectedTop(const std::vector<glm::vec3>& points, const CameraPose& pose, float fovY, float aspect) {
  OrbitCamera camera;
  camera.fovY = fovY;
  camera.pose = pose;
  return ndcExtent(points, camera.projection(aspect) * camera.view()).hi.y;
}

CameraPose overviewPose(const SceneLayout& layout, float fovY, float aspect, const std::vector<glm::vec3>& alsoShow) {
  std::vector<glm::vec3> points = layoutContentPoints(layout, kShotYaw);
  points.insert(points.end(), alsoShow.begin(), alsoShow.end());
  const CameraPose pose = fitPose(points, kShotYaw, kShotPitch, fovY, aspect);
  const float bandEdge = 1.0f - 2.0f * kOverviewHeaderBand;
  if (projectedTop(points, pose, fovY, aspect) <= bandEdge) return pose;
  return fitPose(points, kShotYaw, kShotPitch, fovY, aspect, 0.08f, bandEdge);
}

CameraPose overviewPoseInRegion(const SceneLayout& layout, float fovY, float aspect, const FrameRegion& region) {
  if (!region.usable()) return overviewPose(layout, fovY, aspect);
  const std::vector<glm::vec3> points = layoutContentPoints(layout, kShotYaw);
  return fitPose(points, kShotYaw, kShotPitch, fovY, aspect, 0.05f, 1.0f - 2.0f * region.min.y,
                 1.0f - 2.0f * region.max.y);
}

void applyShotCamera(OrbitCamera& camera, const SceneLayout& layout, float aspect,
                     const std::vector<glm::vec3>& alsoShow) {
  camera.fovY = kShotFovY;
  camera.frame(layout.bounds, aspect);  // clip planes wide enough for the whole layout
  camera.pose = overviewPose(layout, camera.fovY, aspect, alsoShow);
  camera.maxDistance = std::max(camera.maxDistance, camera.pose.distance * 4.0f);
  camera.farPlane = std::max(camera.farPlane, camera.pose.distance * 4.0f);
}

namespace {

// The overview camera's view-projection for a frame of `viewport` pixels.
glm::mat4 overviewViewProjection(const SceneLayout& layout, const glm::vec2& viewport) {
  OrbitCamera camera;
  applyShotCamera(camera, layout, viewport.x / viewport.y);
  return camera.projection(viewport.x / viewport.y) * camera.view();
}

// How much of a card of `size` in a bottom corner the slabs and the prediction panel cover, as a share of it.
float cornerCover(const SceneLayout& layout, const glm::mat4& viewProjection, const glm::vec2& viewport,
                  const glm::vec2& size, float margin, bool right) {
  const glm::vec2 min(right ? viewport.x - margin - size.x : margin, viewport.y - margin - size.y);
  const glm::vec4 corner(min, min + size);
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

}  // namespace

OverviewFit overviewFit(const SceneLayout& layout, const glm::ivec2& frame) {
  OverviewFit fit;
  if (layout.slabs.empty() || frame.x <= 0 || frame.y <= 0) return fit;
  const glm::vec2 viewport(frame);
  const glm::mat4 viewProjection = overviewViewProjection(layout, viewport);
  glm::vec4 box = kEmptyRect;
  fit.smallestSlabPixels = 1e9f;
  for (const Slab& slab : layout.slabs) {
    const std::optional<glm::vec4> r = slabScreenRect(slab, viewProjection, viewport);
    if (!r) return {};
    box = unionRect(box, *r);
    fit.smallestSlabPixels = std::min(fit.smallestSlabPixels, r->w - r->y);
  }
  fit.fill = viewportShare(box, viewport);
  return fit;
}

OverviewCorners overviewCorners(const SceneLayout& layout, const glm::ivec2& frame, const glm::vec2& card,
                                float margin) {
  const glm::vec2 viewport(frame);
  if (layout.slabs.empty() || card.x <= 0.0f || card.y <= 0.0f) return {};
  const glm::mat4 viewProjection = overviewViewProjection(layout, viewport);
  return {cornerCover(layout, viewProjection, viewport, card, margin, false),
          cornerCover(layout, viewProjection, viewport, card, margin, true)};
}

}  // namespace convoscope
