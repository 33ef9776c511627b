#include "ui/WeightsMode.h"

#include "scene/KernelPictures.h"
#include "ui/ViewerState.h"

namespace convoscope {

void setWeightsMode(ViewerState& state, bool on) {
  state.weights.on = on;
  if (on) setFeaturesMode(state, false);
  state.touch();
}

const FeatureOverlay* visibleWeights(ViewerState& state) {
  WeightsModeState& w = state.weights;
  if (!w.on || !state.snapshot) return nullptr;
  return &w.pictures.overlayFor(*state.snapshot, state.layout);
}

}  // namespace convoscope
