#pragma once
// An orbit camera (target, distance, yaw, pitch) with pan, zoom-toward-cursor, fly mode and framing, plus an
// eased, dt-driven animation between two poses.
//
// Angles in radians. yaw = 0, pitch = 0 puts the eye on +Z of the target looking towards -Z; positive yaw
// swings the eye towards +X, positive pitch lifts it (looking down). Screen points are in pixels with the
// origin at the top-left of the viewport and y growing downwards (as windowing systems report the cursor).
#include <glm/glm.hpp>

#include "scene/Bounds.h"

namespace convoscope {

struct CameraPose {
  glm::vec3 target{0.0f};
  float distance = 10.0f;
  float yaw = 0.0f;
  float pitch = 0.0f;
};

class OrbitCamera {
 public:
  CameraPose pose;
  float fovY = glm::radians(45.0f);  // vertical field of view
  float nearPlane = 0.05f;
  float farPlane = 1000.0f;
  float minDistance = 0.05f;  // dolly clamp
  float maxDistance = 5000.0f;
  float pitchLimit = glm::radians(89.0f);  // keeps the view matrix defined (never looks straight up/down)

  glm::vec3 position() const;  // the eye
  glm::vec3 forward() const;   // unit, from the eye to the target
  glm::vec3 right() const;     // unit, screen +x
  glm::vec3 up() const;        // unit, screen +y
  glm::mat4 view() const;
  glm::mat4 projection(float aspect) const;  // aspect = width / height

  // Turns around the target by the given angles (radians); distance to the target is unchanged.
  void orbit(float deltaYaw, float deltaPitch);
  // Moves the target (and eye) so that the point on the target's depth plane follows the cursor's drag.
  void pan(const glm::vec2& deltaPixels, const glm::vec2& viewportPixels);
  // Scales the eye-to-anchor and target-to-anchor vectors by `factor` (< 1 moves closer), clamped to
  // [minDistance, maxDistance]: the anchor stays at the same screen point.
  void zoomAt(const glm::vec3& anchor, float factor);
  // zoomAt() with the anchor under the cursor on the target's depth plane. Pass a picked world point to
  // zoomAt() instead when the cursor is over geometry.
  void zoomTowardCursor(const glm::vec2& cursorPixels, const glm::vec2& viewportPixels, float factor);

  // Fly mode: translate in the camera's own frame (x right, y up, z forward; world units) — WASD/QE map
  // here — and turn the view about the eye (mouse look). The target moves with the eye.
  void flyTranslate(const glm::vec3& rightUpForward);
  void flyLook(float deltaYaw, float deltaPitch);

  // Keeps yaw and pitch; centres the target on the bounds and backs off until the whole box is in view.
  // Widens the clip planes to hold it.
  void frame(const Bounds& bounds, float aspect);

  // The world point on the target's depth plane (plane through the target facing the eye) under a pixel.
  glm::vec3 pointOnTargetPlane(const glm::vec2& cursorPixels, const glm::vec2& viewportPixels) const;
};

// The pose frame() would give for a given yaw/pitch, without a camera instance.
CameraPose framingPose(const Bounds& bounds, float yaw, float pitch, float fovY, float aspect);
// The Home view: a three-quarter view from the left, slightly above, with the input to the left and the
// output to the right on screen, framing all of the layout bounds.
CameraPose homePose(const Bounds& layoutBounds, float fovY, float aspect);
constexpr float kHomeYaw = -0.96f;   // ~ -55 degrees
constexpr float kHomePitch = 0.35f;  // ~ 20 degrees

// Ease-in-out cubic: 0 → 0, 1 → 1, zero slope at both ends, symmetric around (0.5, 0.5).
float easeInOutCubic(float t);

// Eased interpolation between two poses, advanced by an explicit dt so that playback and recording are
// deterministic. Yaw takes the short way round; distance interpolates geometrically (zooming feels even).
class CameraAnimation {
 public:
  CameraAnimation() = default;  // already finished, at the default pose
  CameraAnimation(const CameraPose& from, const CameraPose& to, float durationSeconds = 0.5f);

  void advance(float dtSeconds);
  CameraPose current() const;  // exactly `to` once elapsed >= duration
  bool finished() const { return elapsed_ >= duration_; }
  float elapsed() const { return elapsed_; }
  float duration() const { return duration_; }

 private:
  CameraPose from_, to_;
  float duration_ = 0.0f;
  float elapsed_ = 0.0f;
};

CameraPose interpolatePoses(const CameraPose& from, const CameraPose& to, float easedT);

}  // namespace convoscope
