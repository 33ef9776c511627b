#include "scene/PanelTurn.h"

#include <cmath>

namespace convoscope {

glm::mat3 panelTurn(float yaw) {
  return glm::mat3(glm::vec3(std::cos(yaw), 0.0f, -std::sin(yaw)), glm::vec3(0.0f, 1.0f, 0.0f),
                   glm::vec3(std::sin(yaw), 0.0f, std::cos(yaw)));
}

glm::vec3 turnedPanelPoint(const ProbabilityPanel& panel, float yaw, const glm::vec3& p) {
  return panel.centre + panelTurn(yaw) * (p - panel.centre);
}

std::array<glm::vec3, 4> turnedPanelCorners(const ProbabilityPanel& panel, float yaw) {
  std::array<glm::vec3, 4> corners;
  for (int i = 0; i < 4; ++i) {
    const glm::vec3 corner((i & 1 ? 0.5f : -0.5f) * panel.size.x, (i & 2 ? 0.5f : -0.5f) * panel.size.y, 0.0f);
    corners[i] = turnedPanelPoint(panel, yaw, panel.centre + corner);
  }
  return corners;
}

}  // namespace convoscope
