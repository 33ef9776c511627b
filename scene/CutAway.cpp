#include "scene/CutAway.h"

namespace convoscope {

std::vector<bool> cutAwaySlabs(const SceneLayout& layout, const Selection& selection, const glm::vec3& eye,
                               bool enabled) {
  std::vector<bool> cut(layout.slabs.size(), false);
  const int selected = selection.layer ? layout.slabForLayer(*selection.layer) : -1;
  if (!enabled || selected < 0) return cut;
  const float face = frontFaceZ(layout.slabs[selected]);
  if (eye.z <= face) return cut;
  // Only the selected slab's own lane stands in front of it: other lanes run above or below.
  const int lane = layout.slabs[selected].lane;
  for (size_t s = 0; s < layout.slabs.size(); ++s)
    cut[s] = layout.slabs[s].lane == lane && slabBounds(layout.slabs[s]).min.z > face;
  return cut;
}

}  // namespace convoscope
