#pragma once
#include <vector>

#include "ui/ViewerState.h"

namespace convoscope {

// The selection: layer kind and parameters, output shape, parameter count, min/max/mean, and a histogram of
// the selected channel (or of the whole layer) with the selected cell's value.
void drawInspectorPanel(ViewerState& state);

// Equal-width bins over [lo, hi] (pure; exposed for tests).
std::vector<float> histogram(const float* values, size_t count, float lo, float hi, int bins);

}  // namespace convoscope
