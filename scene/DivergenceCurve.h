#pragma once
// The compare view's divergence curve in 3D: a fence above the network whose height over each slab is how
// far input B's activation there is from input A's (relative L2), so the eye follows the layers to where the
// two paths part; the first slab past the threshold gets a marker. Pure geometry from the layout.
#include <glm/glm.hpp>
#include <optional>
#include <vector>

#include "scene/SlabLayout.h"

namespace convoscope {

struct DivergenceCurve {
  std::vector<glm::vec3> points;    // one per main-path slab, in depth order
  std::vector<glm::vec3> baseline;  // distance 0 under each point
  std::vector<glm::vec3> threshold; // the threshold's height along the fence
  std::vector<int> laneStarts{0};   // where each lane's fence begins in points (a wrapped network has several)
  int firstSlab = -1;               // the first slab past the threshold (not the input's), -1 when none
  int firstPoint = -1;              // its index into points
  glm::vec3 markerBottom{0.0f}, markerTop{0.0f};
  float distanceAtFirst = 0.0f;
  bool empty() const { return points.empty(); }
};

// `distanceOfLayer`: per layer (Snapshot::layers order), nullopt where undefined (A all zero, B not: drawn
// at the top). A slab stands for the layer its tiles show. The input slab is drawn but never the marked one:
// it only says how different the two images are. The compare panel names the same slab.
DivergenceCurve layoutDivergenceCurve(const SceneLayout& layout,
                                      const std::vector<std::optional<double>>& distanceOfLayer,
                                      double threshold);

// What an overview must show of the fence for it to be whole: its points, the threshold line, and room for
// the axis and marker labels above them.
std::vector<glm::vec3> divergenceFramePoints(const DivergenceCurve& curve);

}  // namespace convoscope
