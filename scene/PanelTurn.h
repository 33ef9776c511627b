#pragma once
// The probability panel is laid out facing +Z; it is drawn turned about its vertical axis by the camera yaw
// so that it faces the screen from any orbit angle (bars stay readable in three-quarter views). Framing and
// drawing both need where its points end up.
#include <array>
#include <glm/glm.hpp>

#include "scene/SlabLayout.h"

namespace convoscope {

glm::mat3 panelTurn(float yaw);
glm::vec3 turnedPanelPoint(const ProbabilityPanel& panel, float yaw, const glm::vec3& p);
// The panel's four corners, turned.
std::array<glm::vec3, 4> turnedPanelCorners(const ProbabilityPanel& panel, float yaw);

}  // namespace convoscope
