#pragma once
// The selected cell's computation in the window: its open/animation state, the keys that drive it and a
// small ImGui panel (play/pause, step, speed, scrubber). The drawing itself is renderer/ComputationView.
#include "scene/KernelSlide.h"
#include "scene/Selection.h"

namespace convoscope {

struct ViewerState;

struct ComputationState {
  bool open = false;     // M: shown whatever the zoom (else it fades in at the computation zoom level)
  bool animate = false;  // the kernel slide is running or has been scrubbed/stepped
  bool prediction = false;  // on a classifier's logit: the card is the prediction's softmax instead
  KernelSlide slide;
};

// M, P, comma/period, [ ]; and, with a cell selected, the arrow keys move the cell (Shift: 4 cells).
// Returns true when the key was used.
bool handleComputationKey(ViewerState& state, int glfwKey, int mods);
// Moves the selected cell by (dy, dx) within its tile; false when no cell is selected.
bool moveSelectedCell(ViewerState& state, int dy, int dx);
// Advances the slide (explicit dt) and keeps its grid matched to the selected tile.
void advanceComputation(ViewerState& state, float dtSeconds);
// The "Computation" overlay panel, shown while a cell is selected.
void drawComputationPanel(ViewerState& state);

}  // namespace convoscope
