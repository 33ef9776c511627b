#pragma once
// CNN Explainer's hyperparameter playground (a 2D ImGui window for now): sliders for input size, kernel,
// stride, padding and dilation; the padded input grid with its ghosted padding cells, the kernel window
// sliding over it (play/pause) and the output grid filling; the output-size formula with the numbers; an
// impossible combination flagged in red with the reason (scene/ConvArithmetic.h). Opened with G.
#include "scene/ConvArithmetic.h"

namespace convoscope {

struct ViewerState;

void togglePlayground(ViewerState& state);
// Sets the playground's geometry (the scripted smoke runs and the explanation panel use it).
void setPlaygroundGeometry(const ConvGeometry& geometry);
const ConvGeometry& playgroundGeometry();
void drawPlaygroundPanel(ViewerState& state, float dtSeconds);

}  // namespace convoscope
