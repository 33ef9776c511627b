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
  // What the card writes out in full, chosen for the viewport when it opens (the rest summed in one line).
  int maxChannels = 10;
  int maxRows = 12;
  KernelSlide slide;
};

// M, P, comma/period, [ ]; and, with a cell selected, the arrow keys move the cell (Shift: 4 cells).
// Returns true when the key was used.
bool handleComputationKey(ViewerState& state, int glfwKey, int mods);
// Moves the selected cell by (dy, dx) within its tile; false when no cell is selected.
bool moveSelectedCell(ViewerState& state, int dy, int dx);
// The panel's height in window pixels (two rows: the slide's controls, the cell's gradient), measured from the
// style rather than last frame's window (an auto-sizing window is not its size on the frame it appears).
float computationPanelHeight();
// Where it sits in the 3D view: at the bottom, or at the top while a tour presents (its caption is below).
bool computationPanelAtTop(const ViewerState& state);
// Advances the slide (explicit dt) and keeps its grid matched to the selected tile.
void advanceComputation(ViewerState& state, float dtSeconds);
// The "Computation" overlay panel, shown while a cell is selected.
void drawComputationPanel(ViewerState& state);

}  // namespace convoscope
