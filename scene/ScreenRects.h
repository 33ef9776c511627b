#pragma once
// Where things land on screen: a slab's box projected to a pixel rectangle (the layout report, and the checks
// that a whole network fills the frame).
#include <glm/glm.hpp>
#include <optional>
#include <vector>

#include "scene/SlabLayout.h"

namespace convoscope {

// The pixel rectangle (x0, y0, x1, y1; origin top-left) around a slab's eight corners; nullopt when a corner
// is behind the camera. Not clipped to the viewport.
std::optional<glm::vec4> slabScreenRect(const Slab& slab, const glm::mat4& viewProjection, const glm::vec2& viewport);
// The same around any box (a computation card's bounds), and around any points.
std::optional<glm::vec4> boundsScreenRect(const Bounds& bounds, const glm::mat4& viewProjection,
                                          const glm::vec2& viewport);
std::optional<glm::vec4> pointsScreenRect(const std::vector<glm::vec3>& points, const glm::mat4& viewProjection,
                                          const glm::vec2& viewport);
// The prediction panel's bars and names, turned to face a camera of `yaw` as they are drawn (PanelTurn.h).
std::optional<glm::vec4> panelScreenRect(const ProbabilityPanel& panel, float yaw, const glm::mat4& viewProjection,
                                         const glm::vec2& viewport);

// Rectangles as (x0, y0, x1, y1): the smallest one holding both, and the area two have in common (0 when
// they do not meet). unionRect with kEmptyRect gives the other rectangle.
constexpr glm::vec4 kEmptyRect(1e9f, 1e9f, -1e9f, -1e9f);
glm::vec4 unionRect(const glm::vec4& a, const glm::vec4& b);
float overlapArea(const glm::vec4& a, const glm::vec4& b);
// The share of a viewport that a rectangle covers, clipped to it.
float viewportShare(const glm::vec4& rect, const glm::vec2& viewport);

}  // namespace convoscope
