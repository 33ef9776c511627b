#include "ui/ChannelFeature.h"

#include "scene/FeatureOverlay.h"
#include "ui/ViewerState.h"

namespace convoscope {

std::optional<ChannelFeatureRequest> selectedChannelFeature(const ViewerState& state) {
  if (!state.snapshot || !state.selection.hasChannel()) return std::nullopt;
  const int layer = featureLayerFor(*state.snapshot, state.layout, *state.selection.layer);
  const std::vector<int64_t>& shape = state.snapshot->layers[layer].output.shape;
  if (layer == 0 || shape.size() != 3 || *state.selection.channel >= shape[0]) return std::nullopt;
  return ChannelFeatureRequest{state.snapshot->id, layer, *state.selection.channel};
}

std::optional<ChannelFeatureRequest> wantedChannelFeature(const ViewerState& state) {
  const std::optional<ChannelFeatureRequest> wanted = selectedChannelFeature(state);
  const ChannelFeatureState& f = state.channelFeature;
  if (!wanted || *wanted == f.shown || (f.computing && *f.computing == *wanted)) return std::nullopt;
  return wanted;
}

void finishChannelFeature(ViewerState& state, const ChannelFeatureRequest& request, std::string imagePath,
                          float activation, std::string error) {
  ChannelFeatureState& f = state.channelFeature;
  f.computing.reset();
  f.shown = request;
  f.imagePath = std::move(imagePath);
  f.activation = activation;
  f.error = std::move(error);
  state.touch();
}

}  // namespace convoscope
