#pragma once
#include "ui/ViewerState.h"

namespace convoscope {
// Every key and mouse binding (from InputMapping's table), shown with F1 or '?'.
void drawHelpOverlay(ViewerState& state);
}  // namespace convoscope
