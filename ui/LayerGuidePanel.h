#pragma once
// "What does this layer do?": our guide to the focused layer's kind (ui/LayerGuides.h) plus its
// own settings, in a small window opened from the inspector's button or with X.
namespace convoscope {

struct ViewerState;

void toggleLayerGuidePanel(ViewerState& state);  // opens only when a layer is selected
void drawLayerGuidePanel(ViewerState& state);

}  // namespace convoscope
