#pragma once
#include "ui/ViewerState.h"

namespace convoscope {
// The Compare tab: input B from a sample, a file or an attack on A (FGSM live under the ε slider, PGD on
// release), what the slabs show (A, B, A − B; key C), the divergence over the layers as a plot with the layer
// where the paths part, and saving B as the PNG the model saw.
void drawComparePanel(ViewerState& state);
}  // namespace convoscope
