#include "scene/PlaygroundFraming.h"

namespace convoscope {

void refitPlayground(OrbitCamera& camera, const Bounds& bounds, float aspect, PlaygroundRoom room) {
  Bounds framed = bounds;
  if (room == PlaygroundRoom::ControlsAbove)
    framed.max.y += bounds.size().y * 0.7f;
  else
    framed.min.y -= bounds.size().y * 0.5f;
  camera.frame(framed, aspect);
}

void framePlayground(OrbitCamera& camera, const Bounds& bounds, float aspect, PlaygroundRoom room) {
  camera.pose.yaw = 0.32f;
  camera.pose.pitch = 0.22f;
  refitPlayground(camera, bounds, aspect, room);
}

}  // namespace convoscope
