#pragma once
// Near/far planes that hug the network, so depth precision is spent where the slabs are. Every pass that
// depth-tests against the slabs (SceneRenderer, ComputationView) must use the same planes.
#include "scene/Bounds.h"
#include "scene/OrbitCamera.h"

namespace convoscope {

OrbitCamera withLayoutClipPlanes(const OrbitCamera& camera, const Bounds& layoutBounds);

}  // namespace convoscope
