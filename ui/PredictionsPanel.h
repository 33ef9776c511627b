#pragma once
#include "ui/ViewerState.h"

namespace convoscope {
// The top-k classes as labelled bars, the winner highlighted; clicking a class asks "why this class?".
void drawPredictionsPanel(ViewerState& state, int k = 5);
}  // namespace convoscope
