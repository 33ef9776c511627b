#pragma once
// The Training tab: open a training series, scrub its timeline (slider, J K, T to play), and the curves of
// test accuracy and training loss with the current checkpoint marked (ui/TimelineState.h holds the state).
#include "ui/ViewerState.h"

namespace convoscope {

void drawTimelinePanel(ViewerState& state);

}  // namespace convoscope
