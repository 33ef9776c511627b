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
  if (w.snapshotId != state.snapshot->id) {
    w.overlay = kernelOverlay(*state.snapshot, state.layout);
    w.snapshotId = state.snapshot->id;
  }
  return &w.overlay;
}

}  // namespace convoscope
