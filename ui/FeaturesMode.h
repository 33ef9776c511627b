#pragma once
// Features mode (V, or the View panel): every convolution tile shows what its channel looks for instead of
// what it saw. The pictures come from the window's worker a batch of channels at a time, nearest slab to the
// camera first, so the slab in view fills in first and tiles appear as they finish; the bundled model's are
// shipped (assets/cache) and appear at once. They depend on the model only: a new image keeps them, a new
// model starts again. Torch- and GL-free.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scene/FeatureOverlay.h"

namespace convoscope {

struct ViewerState;

struct FeatureBatchRequest {
  uint64_t generation = 0;  // FeaturesModeState::generation when asked: a result for an older model is dropped
  int layer = -1;
  std::vector<int> channels;
};
constexpr int kFeatureBatchChannels = 8;

struct FeaturesModeState {
  bool on = false;
  FeatureOverlay overlay;       // what is ready so far
  uint64_t generation = 1;      // bumped by each new model
  std::optional<FeatureBatchRequest> computing;
  float progress = 0;           // of the batch being computed
  std::vector<int> failedLayers;  // layers whose pictures could not be made (not asked again for this model)
  std::string error;            // the last failure, for the View panel
};

void setFeaturesMode(ViewerState& state, bool on);
// A new model: the pictures are dropped (and a batch in flight will be ignored).
void forgetFeatures(ViewerState& state);
// The next batch to compute while features mode is on: up to kFeatureBatchChannels channels not yet shown of
// the nearest slab to the camera's target that still lacks some; nullopt when all are there or one is running.
std::optional<FeatureBatchRequest> nextFeatureBatch(const ViewerState& state);
// Covered channels so far, and how many features mode can show for this model.
int featureChannelsShown(const ViewerState& state);
int featureChannelsTotal(const ViewerState& state);
void finishFeatureBatch(ViewerState& state, const FeatureBatchRequest& request, std::vector<FeaturePicture> pictures,
                        const std::string& error);

}  // namespace convoscope
