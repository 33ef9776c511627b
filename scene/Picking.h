#pragma once
// From a screen point to what is under it: a world ray, then the nearest slab face it crosses.
#include <glm/glm.hpp>
#include <optional>
#include <vector>

#include "scene/SlabLayout.h"

namespace convoscope {

struct Ray {
  glm::vec3 origin{0.0f};
  glm::vec3 direction{0.0f, 0.0f, -1.0f};  // unit
  glm::vec3 at(float t) const { return origin + direction * t; }
};

// cursorPixels: origin top-left, y down. The ray starts on the near plane and points away from the eye.
Ray screenRay(const glm::vec2& cursorPixels, const glm::vec2& viewportPixels, const glm::mat4& view,
              const glm::mat4& projection);

// A channel and cell on a slab; channel/y/x are -1 in the gaps between tiles (or an empty flat-layer cell).
struct CellAddress {
  int channel = -1;
  int y = -1, x = -1;
  bool onTile() const { return channel >= 0; }
};

// Looks up the cell at a world (x, y) on a slab's front face; nullopt outside the slab face.
std::optional<CellAddress> cellAt(const Slab& slab, const glm::vec2& facePoint);

struct PickHit {
  int slab = -1;
  int layer = -1;  // the slab's display layer: the one whose value is drawn at that cell
  CellAddress cell;
  float distance = 0.0f;  // along the ray
  glm::vec3 point{0.0f};  // world point on the front face
};

// The ray against one slab's front face (hit from either side).
std::optional<PickHit> pickSlab(const Ray& ray, const SceneLayout& layout, int slabIndex);
// The nearest slab face along the ray; nullopt when it crosses none. Slabs flagged in `ghosted` (the
// cut-away, scene/CutAway.h) are passed through: what is drawn solid behind them is what a click reaches.
std::optional<PickHit> pick(const Ray& ray, const SceneLayout& layout, const std::vector<bool>& ghosted = {});

}  // namespace convoscope
