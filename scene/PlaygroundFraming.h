#pragma once
// How the camera frames the hyperparameter playground's plates (scene/PlaygroundScene.h): the window,
// tours and `record` share it.
#include "scene/Bounds.h"
#include "scene/OrbitCamera.h"

namespace convoscope {

// Where the view keeps room free of plates: above them for the window's controls, or below them for a
// tour's caption (presenting, recording).
enum class PlaygroundRoom { ControlsAbove, CaptionBelow };

// A three-quarter view of the playground: both plates readable, the beam seen in depth.
void framePlayground(OrbitCamera& camera, const Bounds& bounds, float aspect, PlaygroundRoom room);
// Fits the plates again (a new geometry) keeping the camera's orbit angles.
void refitPlayground(OrbitCamera& camera, const Bounds& bounds, float aspect, PlaygroundRoom room);

}  // namespace convoscope
