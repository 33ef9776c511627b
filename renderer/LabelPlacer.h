#pragma once
// Greedy non-overlapping placement of screen rectangles: the first label to ask for a spot keeps it, so
// callers ask in order of importance (SceneRenderer's slab labels and prediction labels).
#include <glm/glm.hpp>
#include <vector>

namespace convoscope {

struct LabelPlacer {
  std::vector<glm::vec4> taken;  // min x, min y, max x, max y
  bool free(const glm::vec4& r) const {
    for (const glm::vec4& t : taken)
      if (r.x < t.z && t.x < r.z && r.y < t.w && t.y < r.w) return false;
    return true;
  }
  bool place(const glm::vec4& r) {
    if (!free(r)) return false;
    taken.push_back(r);
    return true;
  }
};

}  // namespace convoscope
