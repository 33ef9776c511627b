#pragma once
// An axis-aligned box in world space: what the layout reports and what the camera frames.
#include <array>
#include <glm/glm.hpp>
#include <limits>

namespace convoscope {

struct Bounds {
  // Starts inverted so that the first include() sets both corners.
  glm::vec3 min{std::numeric_limits<float>::max()};
  glm::vec3 max{std::numeric_limits<float>::lowest()};

  bool empty() const { return min.x > max.x || min.y > max.y || min.z > max.z; }
  glm::vec3 centre() const { return (min + max) * 0.5f; }
  glm::vec3 size() const { return empty() ? glm::vec3(0.0f) : max - min; }
  float radius() const { return glm::length(size()) * 0.5f; }  // of the sphere through the corners

  void include(const glm::vec3& point) {
    min = glm::min(min, point);
    max = glm::max(max, point);
  }
  void include(const Bounds& other) {
    if (other.empty()) return;
    include(other.min);
    include(other.max);
  }
  bool contains(const glm::vec3& p, float tolerance = 0.0f) const {
    return glm::all(glm::greaterThanEqual(p, min - tolerance)) &&
           glm::all(glm::lessThanEqual(p, max + tolerance));
  }
  bool overlaps(const Bounds& o) const {
    return min.x < o.max.x && o.min.x < max.x && min.y < o.max.y && o.min.y < max.y && min.z < o.max.z &&
           o.min.z < max.z;
  }
  std::array<glm::vec3, 8> corners() const {
    std::array<glm::vec3, 8> out;
    for (int i = 0; i < 8; ++i)
      out[i] = {(i & 1) ? max.x : min.x, (i & 2) ? max.y : min.y, (i & 4) ? max.z : min.z};
    return out;
  }

  static Bounds fromCentreSize(const glm::vec3& centre, const glm::vec3& size) {
    Bounds b;
    b.min = centre - size * 0.5f;
    b.max = centre + size * 0.5f;
    return b;
  }
};

}  // namespace convoscope
