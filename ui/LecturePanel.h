#pragma once
// The "Lecture" tab (projector theme, UI and caption size, spotlight, monitor, recording) and the lecture
// overlays drawn over the view: the pointer spotlight and the recording indicator.
#include "ui/ViewerState.h"

namespace convoscope {

void drawLecturePanel(ViewerState& state);
// The spotlight goes into ImGui's background draw list (over the 3D view and captions, under the panels);
// the recording indicator into the foreground list, which the window leaves out of recordings.
void drawLectureOverlays(ViewerState& state, double now);
// "REC 1:05": the indicator's text for a recording running `seconds`.
std::string recordingClock(double seconds);

}  // namespace convoscope
