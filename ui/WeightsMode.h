#pragma once
// Weights mode (key W): every convolution tile shows its channel's filter (scene/KernelPictures.h) instead of
// what the channel saw. Made from the snapshot's own parameters, so it costs no engine work and follows a
// training timeline frame by frame. Features mode and weights mode both draw on the tiles: one at a time.
#include <cstdint>

#include "scene/KernelPictures.h"

namespace convoscope {

struct ViewerState;

struct WeightsModeState {
  bool on = false;
  KernelOverlayCache pictures;  // for the snapshot on screen
};

void setWeightsMode(ViewerState& state, bool on);  // on: features mode off
// The pictures for the snapshot on screen (made when it changed), or null while weights mode is off.
const FeatureOverlay* visibleWeights(ViewerState& state);

}  // namespace convoscope
