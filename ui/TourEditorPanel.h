#pragma once
// The "Tour" tab: load, save and present a tour, and author it step by step from the current view
// (caption, duration, easing, zoom; reorder, delete, preview from a step).
#include "scene/Tour.h"
#include "ui/ViewerState.h"

namespace convoscope {

void drawTourEditorPanel(ViewerState& state);

// A step that returns to what is on screen: the selection as its focus (zoom from how deep it goes: a cell
// 3, a channel 1, a layer 0) when `useSelection` and there is one, else the camera's pose.
TourStep stepFromView(const ViewerState& state, bool useSelection);
// Editing a tour's step list; indices are clamped, and the returned index is where the step now is.
int moveTourStep(Tour& tour, int index, int delta);
int deleteTourStep(Tour& tour, int index);  // the step to select afterwards (-1 when none is left)
// "conv_1_1 · channel 3 · cell (14, 12)", "camera pose", "the whole network".
std::string describeStepTarget(const TourStep& step);

}  // namespace convoscope
