#include "ui/FeaturesMode.h"

#include <algorithm>
#include <set>
#include <utility>

#include "ui/ViewerState.h"

namespace convoscope {

void setFeaturesMode(ViewerState& state, bool on) {
  state.features.on = on;
  if (on) state.weights.on = false;  // both draw on the tiles
  state.touch();
}

void forgetFeatures(ViewerState& state) {
  FeaturesModeState& f = state.features;
  ++f.generation;
  f.overlay = {};
  f.failedLayers.clear();
  f.error.clear();
}

std::optional<FeatureBatchRequest> nextFeatureBatch(const ViewerState& state) {
  const FeaturesModeState& f = state.features;
  if (!f.on || f.computing || !state.snapshot) return std::nullopt;
  std::set<std::pair<int, int>> shown;  // (layer, channel): thousands on a ResNet, asked every idle frame
  for (const FeaturePicture& p : f.overlay.pictures) shown.insert({p.layer, p.channel});
  for (int layer : featureLayersNearest(*state.snapshot, state.layout, state.camera.pose.target)) {
    if (std::find(f.failedLayers.begin(), f.failedLayers.end(), layer) != f.failedLayers.end()) continue;
    FeatureBatchRequest request{f.generation, layer, {}};
    const int channels = static_cast<int>(state.snapshot->layers[layer].output.shape[0]);
    for (int c = 0; c < channels && static_cast<int>(request.channels.size()) < kFeatureBatchChannels; ++c)
      if (!shown.count({layer, c})) request.channels.push_back(c);
    if (!request.channels.empty()) return request;
  }
  return std::nullopt;
}

int featureChannelsShown(const ViewerState& state) {
  return static_cast<int>(state.features.overlay.pictures.size());
}

int featureChannelsTotal(const ViewerState& state) {
  if (!state.snapshot) return 0;
  int total = 0;
  for (int layer : featureLayers(*state.snapshot, state.layout))
    total += static_cast<int>(state.snapshot->layers[layer].output.shape[0]);
  return total;
}

void finishFeatureBatch(ViewerState& state, const FeatureBatchRequest& request, std::vector<FeaturePicture> pictures,
                        const std::string& error) {
  FeaturesModeState& f = state.features;
  f.computing.reset();
  f.progress = 0;
  if (request.generation != f.generation) return;  // made for the previous model
  if (!error.empty()) {
    f.failedLayers.push_back(request.layer);
    f.error = error;
  } else {
    for (FeaturePicture& picture : pictures) f.overlay.pictures.push_back(std::move(picture));
    f.overlay.id = newFeatureOverlayId();
  }
  state.touch();
}

}  // namespace convoscope
