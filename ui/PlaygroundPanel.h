#pragma once
// CNN Explainer's hyperparameter playground, in 3D: this ImGui window holds the controls (input size, kernel,
// stride, padding, dilation; play/pause/step/speed), the output-size formula with the numbers and an
// impossible combination flagged in red with the reason (scene/ConvArithmetic.h); while it is open the 3D
// view shows the playground's world instead of the model (scene/PlaygroundScene.h, drawn by
// renderer/PlaygroundView.h): the padded input plate, the sliding kernel, the beam and the output plate
// filling. Opened with G.
#include "scene/ConvArithmetic.h"
#include "scene/KernelSlide.h"
#include "scene/Tour.h"

namespace convoscope {

struct ViewerState;

// The playground's geometry and the kernel slide the 3D view draws (the panel advances it each frame while
// playing). Part of ViewerState.
struct PlaygroundState {
  ConvGeometry geometry{5, 3, 1, 0, 1};
  KernelSlide slide{3, 3};
  bool started = false;  // the slide starts playing the first time the playground shows
};

void togglePlayground(ViewerState& state);
// Sets the playground's geometry (the scripted smoke runs and the layer guide use it).
void setPlaygroundGeometry(ViewerState& state, const ConvGeometry& geometry);
// Moves the slide on by `seconds` as if that much time had passed while playing (scripted runs).
void advancePlayground(ViewerState& state, float seconds);
// While the playground is open, the kernel-slide keys (P , . [ ]) drive its slide and F / Home frame its
// plates; the model's selection keys do nothing (its slabs are not on screen). True when the key was used.
bool handlePlaygroundKey(ViewerState& state, int glfwKey, int mods);
// A tour step's playground: shows it with that geometry, the slide at `position` in [0,1] (the tour
// drives it, so it does not play on its own).
void presentPlayground(ViewerState& state, const TourPlayground& playground, float position);
void drawPlaygroundPanel(ViewerState& state, float dtSeconds);

}  // namespace convoscope
