#pragma once
// Where the selected cell's computation shows and how the camera frames it: pure decisions the window,
// `shot --focus` and `record` share (renderer/ComputationView builds and draws the card itself).
#include <glm/glm.hpp>

#include "scene/Bounds.h"
#include "scene/OrbitCamera.h"
#include "scene/RegionFraming.h"
#include "scene/Selection.h"
#include "scene/SemanticZoom.h"
#include "scene/SlabLayout.h"

namespace convoscope {

// How much of the computation view shows: 1 when opened explicitly, else the selected slab's semantic-zoom
// `computation` fade (0 without a selected cell).
float computationViewAlpha(const SceneLayout& layout, const Selection& selection, const OrbitCamera& camera,
                           bool open, const SemanticZoomThresholds& thresholds = {});

// Pixel height on screen of something `worldHeight` tall at `distance` from the eye, face-on, in a viewport
// `viewportHeight` pixels tall: how large a card's numbers read once framed.
float projectedHeight(float worldHeight, float distance, float fovY, float viewportHeight);

// Output size (rows, cols) of the selected layer's tile: what the kernel slide walks. (1,1) without one.
glm::ivec2 slideGridFor(const SceneLayout& layout, const Selection& selection);

// Points `camera` nearly face-on at a built computation's bounds (panel, output cell and receptive field) so
// its numbers read: what `shot --focus L:C:Y,X` shows and what a tour step with the computation open frames.
// `region`: the part of the frame the card must stay inside (a tour step's: above its caption).
void frameComputation(OrbitCamera& camera, const Bounds& computationBounds, float aspect,
                      const FrameRegion& region = {});

}  // namespace convoscope
