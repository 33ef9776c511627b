#include "scene/ScreenRects.h"

#include <algorithm>

namespace convoscope {

std::optional<glm::vec4> slabScreenRect(const Slab& slab, const glm::mat4& viewProjection, const glm::vec2& viewport) {
  glm::vec4 rect(1e9f, 1e9f, -1e9f, -1e9f);
  const glm::vec3 half = slab.size * 0.5f;
  for (int corner = 0; corner < 8; ++corner) {
    const glm::vec3 p = slab.centre + glm::vec3(corner & 1 ? half.x : -half.x, corner & 2 ? half.y : -half.y,
                                                corner & 4 ? half.z : -half.z);
    const glm::vec4 clip = viewProjection * glm::vec4(p, 1.0f);
    if (clip.w <= 1e-6f) return std::nullopt;
    const glm::vec2 ndc = glm::vec2(clip) / clip.w;
    const glm::vec2 pixel((ndc.x * 0.5f + 0.5f) * viewport.x, (0.5f - ndc.y * 0.5f) * viewport.y);
    rect = glm::vec4(std::min(rect.x, pixel.x), std::min(rect.y, pixel.y), std::max(rect.z, pixel.x),
                     std::max(rect.w, pixel.y));
  }
  return rect;
}

}  // namespace convoscope
