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

}  // namespace convoscope
