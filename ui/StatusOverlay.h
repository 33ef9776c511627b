#pragma once
#include "ui/ViewerState.h"

namespace convoscope {
// Over the 3D view: the loading indicator, error/info toasts, the input-shape prompt for a model without
// metadata, and the hover tooltip (layer, channel, cell, value).
void drawStatusOverlay(ViewerState& state, double now);
void drawHoverTooltip(const ViewerState& state);
// True while something in the overlay animates (spinner, fading toast): the loop must keep drawing.
bool statusOverlayAnimating(const ViewerState& state, double now);
}  // namespace convoscope
