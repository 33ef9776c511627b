#include "scene/DivergenceCurve.h"

#include <algorithm>

namespace convoscope {
namespace {

constexpr float kLiftAboveSlabs = 1.5f;  // room for the slab labels under the fence
constexpr float kFenceHeight = 1.6f;     // world units for the largest distance shown
constexpr float kLabelRoom = 0.6f;       // above the fence: its axis title and the "paths part here" marker

float distanceOfSlab(const Slab& slab, const std::vector<std::optional<double>>& distances, float undefined) {
  const int layer = slab.displayLayer >= 0 ? slab.displayLayer : slab.layer;
  if (layer < 0 || layer >= static_cast<int>(distances.size())) return 0.0f;
  return distances[layer] ? static_cast<float>(*distances[layer]) : undefined;
}

}  // namespace

DivergenceCurve layoutDivergenceCurve(const SceneLayout& layout,
                                      const std::vector<std::optional<double>>& distanceOfLayer,
                                      double threshold) {
  DivergenceCurve curve;
  std::vector<int> path;
  std::vector<float> top(std::max(layout.laneCount, 1), -1e9f);  // each lane's fence stands above that lane
  for (size_t s = 0; s < layout.slabs.size(); ++s) {
    const Slab& slab = layout.slabs[s];
    top[slab.lane] = std::max(top[slab.lane], slab.centre.y + slab.size.y * 0.5f);
    if (slab.branch == 0) path.push_back(static_cast<int>(s));  // slabs are sorted by depth already
  }
  if (path.empty()) return curve;
  float largest = static_cast<float>(threshold);
  for (const std::optional<double>& d : distanceOfLayer)
    if (d) largest = std::max(largest, static_cast<float>(*d));
  largest = std::min(largest, 4.0f);  // a runaway layer should not flatten the rest
  const float scale = kFenceHeight / largest;
  for (int s : path) {
    const Slab& slab = layout.slabs[s];
    if (!curve.points.empty() && slab.lane != layout.slabs[path[curve.points.size() - 1]].lane)
      curve.laneStarts.push_back(static_cast<int>(curve.points.size()));
    const float base = top[slab.lane] + kLiftAboveSlabs;
    const float d = std::min(distanceOfSlab(slab, distanceOfLayer, largest), largest);
    const glm::vec3 foot(slab.centre.x, base, slab.centre.z);
    curve.baseline.push_back(foot);
    curve.points.push_back(foot + glm::vec3(0.0f, d * scale, 0.0f));
    curve.threshold.push_back(foot + glm::vec3(0.0f, static_cast<float>(threshold) * scale, 0.0f));
    if (curve.firstSlab < 0 && d >= threshold && slab.layer > 0) {
      curve.firstSlab = s;
      curve.firstPoint = static_cast<int>(curve.points.size()) - 1;
      curve.distanceAtFirst = d;
      curve.markerBottom = glm::vec3(slab.centre.x, slab.centre.y + slab.size.y * 0.5f, slab.centre.z);
      curve.markerTop = curve.points.back();
    }
  }
  return curve;
}

std::vector<glm::vec3> divergenceFramePoints(const DivergenceCurve& curve) {
  std::vector<glm::vec3> points = curve.points;
  points.insert(points.end(), curve.threshold.begin(), curve.threshold.end());
  for (const glm::vec3& p : curve.threshold) points.push_back(p + glm::vec3(0.0f, kLabelRoom, 0.0f));
  for (const glm::vec3& p : curve.points) points.push_back(p + glm::vec3(0.0f, kLabelRoom, 0.0f));
  return points;
}

}  // namespace convoscope
