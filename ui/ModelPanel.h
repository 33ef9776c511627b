#pragma once
#include "ui/ViewerState.h"

namespace convoscope {
// The model: name, input, and every layer in forward order; clicking a layer flies to its slab.
void drawModelPanel(ViewerState& state);
}  // namespace convoscope
