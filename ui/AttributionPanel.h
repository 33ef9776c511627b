#pragma once
#include "ui/ViewerState.h"

namespace convoscope {
// "Why this class?": the method picker, Grad-CAM on every slab, progress while the worker computes, then
// what the heat maps answer, their colour legend, opacity and a way to clear them (ui/AttributionState.h).
void drawAttributionPanel(ViewerState& state);
}  // namespace convoscope
