#pragma once
// Framing a box into part of the frame rather than all of it: a tour step's computation card goes in the part
// its caption leaves free. Pure geometry: the window, `shot` and `record` share it.
#include <glm/glm.hpp>

#include "scene/Bounds.h"
#include "scene/OrbitCamera.h"

namespace convoscope {

// A part of the frame in fractions of its width and height (origin top-left, y down, as pixels are).
struct FrameRegion {
  glm::vec2 min{0.0f};
  glm::vec2 max{1.0f};
  // Too thin to frame anything in (under 5 % of the frame either way): the whole frame is used instead.
  bool usable() const { return max.x - min.x >= 0.05f && max.y - min.y >= 0.05f; }
};

// The region of a frame `frameSize` pixels large above `topPixels` (exclusive), less `gapPixels`.
FrameRegion regionAbove(const glm::vec2& frameSize, float topPixels, float gapPixels);

// The pose with the given orbit angles whose view puts every corner of `bounds` inside `region` (with
// framingPose's 5 % margin), as close as that allows: the distance is the smallest for which some sideways
// shift of the target fits the corners, and the target takes the middle of the shifts that do.
CameraPose framingPoseInRegion(const Bounds& bounds, float yaw, float pitch, float fovY, float aspect,
                               const FrameRegion& region);

}  // namespace convoscope
