#include "scene/Picking.h"

#include <cmath>

namespace convoscope {

Ray screenRay(const glm::vec2& cursorPixels, const glm::vec2& viewportPixels, const glm::mat4& view,
              const glm::mat4& projection) {
  const float ndcX = 2.0f * cursorPixels.x / viewportPixels.x - 1.0f;
  const float ndcY = 1.0f - 2.0f * cursorPixels.y / viewportPixels.y;  // pixels grow downwards, NDC upwards
  const glm::mat4 inverse = glm::inverse(projection * view);
  glm::vec4 nearPoint = inverse * glm::vec4(ndcX, ndcY, -1.0f, 1.0f);
  glm::vec4 farPoint = inverse * glm::vec4(ndcX, ndcY, 1.0f, 1.0f);
  nearPoint /= nearPoint.w;
  farPoint /= farPoint.w;
  Ray ray;
  ray.origin = glm::vec3(nearPoint);
  ray.direction = glm::normalize(glm::vec3(farPoint) - glm::vec3(nearPoint));
  return ray;
}

std::optional<CellAddress> cellAt(const Slab& slab, const glm::vec2& facePoint) {
  const glm::vec2 half(slab.size.x * 0.5f, slab.size.y * 0.5f);
  const glm::vec2 centre(slab.centre.x, slab.centre.y);
  if (glm::any(glm::greaterThan(glm::abs(facePoint - centre), half))) return std::nullopt;

  const TileGrid& g = slab.grid;
  const glm::vec2 local(facePoint.x - g.gridTopLeft.x, g.gridTopLeft.y - facePoint.y);  // right / down
  const glm::vec2 pitch = g.tileSize + glm::vec2(g.gap);
  if (local.x < 0 || local.y < 0) return CellAddress{};  // the margin
  const int col = static_cast<int>(std::floor(local.x / pitch.x));
  const int row = static_cast<int>(std::floor(local.y / pitch.y));
  const glm::vec2 inTile = local - glm::vec2(col, row) * pitch;
  if (col >= g.cols || row >= g.rows || inTile.x > g.tileSize.x || inTile.y > g.tileSize.y)
    return CellAddress{};
  const int channel = row * g.cols + col;
  const int x = std::min(static_cast<int>(inTile.x / g.tileSize.x * g.cellCols), g.cellCols - 1);
  const int y = std::min(static_cast<int>(inTile.y / g.tileSize.y * g.cellRows), g.cellRows - 1);
  if (valueIndex(g, channel, y, x) < 0) return CellAddress{};  // past the last channel or flat value
  return CellAddress{channel, y, x};
}

std::optional<PickHit> pickSlab(const Ray& ray, const SceneLayout& layout, int slabIndex) {
  if (slabIndex < 0 || slabIndex >= static_cast<int>(layout.slabs.size())) return std::nullopt;
  const Slab& slab = layout.slabs[slabIndex];
  if (std::fabs(ray.direction.z) < 1e-8f) return std::nullopt;  // parallel to the face
  const float t = (frontFaceZ(slab) - ray.origin.z) / ray.direction.z;
  if (t < 0) return std::nullopt;
  const glm::vec3 point = ray.at(t);
  const std::optional<CellAddress> cell = cellAt(slab, glm::vec2(point));
  if (!cell) return std::nullopt;
  PickHit hit;
  hit.slab = slabIndex;
  hit.layer = slab.displayLayer;
  hit.cell = *cell;
  hit.distance = t;
  hit.point = point;
  return hit;
}

std::optional<PickHit> pick(const Ray& ray, const SceneLayout& layout, const std::vector<bool>& ghosted) {
  std::optional<PickHit> nearest;
  for (int i = 0; i < static_cast<int>(layout.slabs.size()); ++i) {
    if (i < static_cast<int>(ghosted.size()) && ghosted[i]) continue;
    std::optional<PickHit> hit = pickSlab(ray, layout, i);
    if (hit && (!nearest || hit->distance < nearest->distance)) nearest = hit;
  }
  return nearest;
}

}  // namespace convoscope
