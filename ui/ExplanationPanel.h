#pragma once
// "What does this layer do?": our explanation of the focused layer's kind (ui/LayerExplanations.h) plus its
// own settings, in a small window opened from the inspector's button or with X.
namespace convoscope {

struct ViewerState;

void toggleExplanationPanel(ViewerState& state);  // opens only when a layer is selected
void drawExplanationPanel(ViewerState& state);

}  // namespace convoscope
