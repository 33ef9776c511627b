#pragma once
#include "ui/ViewerState.h"

namespace convoscope {
// The input: the current image, the bundled samples as thumbnails (click to run), and a path field that opens
// an image or a model. Dropping files on the window does the same (see the window loop).
void drawInputPanel(ViewerState& state);
// Focus the path field on the next frame (Ctrl+O).
void focusOpenPathField(ViewerState& state);
}  // namespace convoscope
