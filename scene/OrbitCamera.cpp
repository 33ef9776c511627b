#include "scene/OrbitCamera.h"

#include <algorithm>
#include <cmath>
#include <glm/gtc/constants.hpp>
#include <glm/gtc/matrix_transform.hpp>

namespace convoscope {
namespace {

const glm::vec3 kWorldUp(0.0f, 1.0f, 0.0f);

// Unit vector from the target towards the eye.
glm::vec3 eyeDirection(float yaw, float pitch) {
  return {std::cos(pitch) * std::sin(yaw), std::sin(pitch), std::cos(pitch) * std::cos(yaw)};
}

// Half the view height at unit distance.
float halfHeightPerDistance(float fovY) { return std::tan(fovY * 0.5f); }

float wrapAngle(float a) {
  const float twoPi = glm::two_pi<float>();
  a = std::fmod(a + glm::pi<float>(), twoPi);
  if (a < 0) a += twoPi;
  return a - glm::pi<float>();
}

}  // namespace

glm::vec3 OrbitCamera::position() const {
  return pose.target + eyeDirection(pose.yaw, pose.pitch) * pose.distance;
}

glm::vec3 OrbitCamera::forward() const { return -eyeDirection(pose.yaw, pose.pitch); }

glm::vec3 OrbitCamera::right() const { return glm::normalize(glm::cross(forward(), kWorldUp)); }

glm::vec3 OrbitCamera::up() const { return glm::cross(right(), forward()); }

glm::mat4 OrbitCamera::view() const { return glm::lookAt(position(), pose.target, kWorldUp); }

glm::mat4 OrbitCamera::projection(float aspect) const {
  return glm::perspective(fovY, aspect, nearPlane, farPlane);
}

void OrbitCamera::orbit(float deltaYaw, float deltaPitch) {
  pose.yaw = wrapAngle(pose.yaw + deltaYaw);
  pose.pitch = std::clamp(pose.pitch + deltaPitch, -pitchLimit, pitchLimit);
}

void OrbitCamera::pan(const glm::vec2& deltaPixels, const glm::vec2& viewportPixels) {
  if (viewportPixels.y <= 0.0f) return;  // a minimised window
  const float worldPerPixel = 2.0f * pose.distance * halfHeightPerDistance(fovY) / viewportPixels.y;
  // The scene follows the cursor, so the target moves the other way (screen y grows downwards).
  pose.target += (-right() * deltaPixels.x + up() * deltaPixels.y) * worldPerPixel;
}

void OrbitCamera::zoomAt(const glm::vec3& anchor, float factor) {
  const float newDistance = std::clamp(pose.distance * factor, minDistance, maxDistance);
  const float scale = newDistance / pose.distance;
  // Scaling the whole camera about the anchor keeps the eye→anchor direction, hence the anchor's pixel.
  pose.target = anchor + (pose.target - anchor) * scale;
  pose.distance = newDistance;
}

void OrbitCamera::zoomTowardCursor(const glm::vec2& cursorPixels, const glm::vec2& viewportPixels,
                                   float factor) {
  zoomAt(pointOnTargetPlane(cursorPixels, viewportPixels), factor);
}

void OrbitCamera::flyTranslate(const glm::vec3& rightUpForward) {
  pose.target += right() * rightUpForward.x + up() * rightUpForward.y + forward() * rightUpForward.z;
}

void OrbitCamera::flyLook(float deltaYaw, float deltaPitch) {
  const glm::vec3 eye = position();
  orbit(deltaYaw, deltaPitch);
  pose.target = eye + forward() * pose.distance;  // turn about the eye, not the target
}

void OrbitCamera::frame(const Bounds& bounds, float aspect) {
  pose = framingPose(bounds, pose.yaw, pose.pitch, fovY, aspect);
  maxDistance = std::max(maxDistance, pose.distance * 10.0f);
  minDistance = std::min(minDistance, pose.distance);
  const float radius = bounds.empty() ? 1.0f : std::max(bounds.radius(), 1e-3f);
  nearPlane = std::min(nearPlane, std::max(1e-3f, radius * 1e-3f));
  farPlane = std::max(farPlane, (pose.distance + radius) * 4.0f);
}

glm::vec3 OrbitCamera::pointOnTargetPlane(const glm::vec2& cursorPixels,
                                          const glm::vec2& viewportPixels) const {
  const float ndcX = 2.0f * cursorPixels.x / viewportPixels.x - 1.0f;
  const float ndcY = 1.0f - 2.0f * cursorPixels.y / viewportPixels.y;
  const float halfHeight = pose.distance * halfHeightPerDistance(fovY);
  const float halfWidth = halfHeight * viewportPixels.x / viewportPixels.y;
  return pose.target + right() * (ndcX * halfWidth) + up() * (ndcY * halfHeight);
}

CameraPose framingPose(const Bounds& bounds, float yaw, float pitch, float fovY, float aspect) {
  CameraPose pose;
  pose.yaw = yaw;
  pose.pitch = pitch;
  if (bounds.empty()) return pose;
  pose.target = bounds.centre();
  // Fit the corners themselves rather than the bounding sphere, which leaves a long stack tiny on screen:
  // with the eye at target - forward * d, a corner at (x, y, z) in the camera frame (relative to the target)
  // is in view when |x| <= tanX (d + z) and |y| <= tanY (d + z). A 5% margin keeps it off the screen edge.
  constexpr float kMargin = 1.05f;
  const float tanY = std::tan(fovY * 0.5f) / kMargin;
  const float tanX = tanY * aspect;
  const glm::vec3 forward = -eyeDirection(yaw, pitch);
  const glm::vec3 right = glm::normalize(glm::cross(forward, kWorldUp));
  const glm::vec3 up = glm::cross(right, forward);
  const float radius = std::max(bounds.radius(), 1e-3f);
  float distance = 0.0f;
  for (const glm::vec3& corner : bounds.corners()) {
    const glm::vec3 offset = corner - pose.target;
    const float x = glm::dot(offset, right), y = glm::dot(offset, up), z = glm::dot(offset, forward);
    distance = std::max({distance, std::fabs(x) / tanX - z, std::fabs(y) / tanY - z,
                         0.05f * radius - z});  // every corner at least a little in front of the eye
  }
  pose.distance = distance;
  return pose;
}

CameraPose homePose(const Bounds& layoutBounds, float fovY, float aspect) {
  return framingPose(layoutBounds, kHomeYaw, kHomePitch, fovY, aspect);
}

float easeInOutCubic(float t) {
  t = std::clamp(t, 0.0f, 1.0f);
  if (t < 0.5f) return 4.0f * t * t * t;
  const float u = -2.0f * t + 2.0f;
  return 1.0f - u * u * u * 0.5f;
}

CameraPose interpolatePoses(const CameraPose& from, const CameraPose& to, float t) {
  CameraPose pose;
  pose.target = glm::mix(from.target, to.target, t);
  pose.yaw = from.yaw + wrapAngle(to.yaw - from.yaw) * t;
  pose.pitch = glm::mix(from.pitch, to.pitch, t);
  if (from.distance > 0 && to.distance > 0)
    pose.distance = std::exp(glm::mix(std::log(from.distance), std::log(to.distance), t));
  else
    pose.distance = glm::mix(from.distance, to.distance, t);
  return pose;
}

CameraAnimation::CameraAnimation(const CameraPose& from, const CameraPose& to, float durationSeconds)
    : from_(from), to_(to), duration_(std::max(durationSeconds, 0.0f)) {}

void CameraAnimation::advance(float dtSeconds) {
  elapsed_ = std::min(elapsed_ + std::max(dtSeconds, 0.0f), duration_);
}

CameraPose CameraAnimation::current() const {
  if (finished()) return to_;
  return interpolatePoses(from_, to_, easeInOutCubic(elapsed_ / duration_));
}

}  // namespace convoscope
