#pragma once
#include "ui/ViewerState.h"

namespace convoscope {
// Colour map, range mode (unit / module / global), slab spacing, fold BN/ReLU, and what to draw.
void drawViewSettingsPanel(ViewerState& state);
}  // namespace convoscope
