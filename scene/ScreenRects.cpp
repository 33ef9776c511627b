#include "scene/ScreenRects.h"

#include <algorithm>

#include "scene/PanelTurn.h"

namespace convoscope {

std::optional<glm::vec4> boundsScreenRect(const Bounds& bounds, const glm::mat4& viewProjection,
                                          const glm::vec2& viewport) {
  if (bounds.empty()) return std::nullopt;
  const auto corners = bounds.corners();
  return pointsScreenRect(std::vector<glm::vec3>(corners.begin(), corners.end()), viewProjection, viewport);
}

std::optional<glm::vec4> panelScreenRect(const ProbabilityPanel& panel, float yaw, const glm::mat4& viewProjection,
                                         const glm::vec2& viewport) {
  if (!panel.visible) return std::nullopt;
  const std::array<glm::vec3, 4> corners = turnedPanelCorners(panel, yaw);
  return pointsScreenRect(std::vector<glm::vec3>(corners.begin(), corners.end()), viewProjection, viewport);
}

std::optional<glm::vec4> pointsScreenRect(const std::vector<glm::vec3>& points, const glm::mat4& viewProjection,
                                          const glm::vec2& viewport) {
  if (points.empty()) return std::nullopt;
  glm::vec4 rect(1e9f, 1e9f, -1e9f, -1e9f);
  for (const glm::vec3& p : points) {
    const glm::vec4 clip = viewProjection * glm::vec4(p, 1.0f);
    if (clip.w <= 1e-6f) return std::nullopt;
    const glm::vec2 ndc = glm::vec2(clip) / clip.w;
    const glm::vec2 pixel((ndc.x * 0.5f + 0.5f) * viewport.x, (0.5f - ndc.y * 0.5f) * viewport.y);
    rect = glm::vec4(std::min(rect.x, pixel.x), std::min(rect.y, pixel.y), std::max(rect.z, pixel.x),
                     std::max(rect.w, pixel.y));
  }
  return rect;
}

std::optional<glm::vec4> slabScreenRect(const Slab& slab, const glm::mat4& viewProjection, const glm::vec2& viewport) {
  return boundsScreenRect(slabBounds(slab), viewProjection, viewport);
}

glm::vec4 unionRect(const glm::vec4& a, const glm::vec4& b) {
  return {std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.z, b.z), std::max(a.w, b.w)};
}

float overlapArea(const glm::vec4& a, const glm::vec4& b) {
  return std::max(0.0f, std::min(a.z, b.z) - std::max(a.x, b.x)) *
         std::max(0.0f, std::min(a.w, b.w) - std::max(a.y, b.y));
}

float viewportShare(const glm::vec4& rect, const glm::vec2& viewport) {
  return overlapArea(rect, glm::vec4(0.0f, 0.0f, viewport)) / (viewport.x * viewport.y);
}

}  // namespace convoscope
