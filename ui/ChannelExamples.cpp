#include "ui/ChannelExamples.h"

#include "ui/ViewerState.h"

namespace convoscope {

std::optional<ChannelExamplesRequest> selectedChannelExamples(const ViewerState& state) {
  const std::optional<ChannelFeatureRequest> channel = selectedChannelFeature(state);
  if (!channel || state.channelExamples.dataset.empty()) return std::nullopt;
  const ChannelExamplesState& e = state.channelExamples;
  return ChannelExamplesRequest{channel->snapshotId, channel->layer, channel->channel, e.dataset, e.model};
}

std::optional<ChannelExamplesRequest> wantedChannelExamples(const ViewerState& state) {
  const std::optional<ChannelExamplesRequest> wanted = selectedChannelExamples(state);
  const ChannelExamplesState& e = state.channelExamples;
  if (!wanted || *wanted == e.shown || (e.computing && *e.computing == *wanted)) return std::nullopt;
  return wanted;
}

void finishChannelExamples(ViewerState& state, const ChannelExamplesRequest& request,
                           ChannelExamplesPictures pictures, std::string error) {
  ChannelExamplesState& e = state.channelExamples;
  e.computing.reset();
  e.progress = 0;
  e.shown = request;
  e.pictures = std::move(pictures);
  e.pictures.gallery.id = newFeatureOverlayId();
  e.error = std::move(error);
  state.touch();
}

void setExampleDataset(ViewerState& state, const std::string& folder, bool isDefault) {
  state.channelExamples.dataset = folder;
  state.channelExamples.datasetDraft = folder;
  state.channelExamples.datasetIsDefault = isDefault;
  state.touch();
}

void forgetChannelExamples(ViewerState& state) {
  ChannelExamplesState& e = state.channelExamples;
  ++e.model;
  e.pictures = {};
  e.error.clear();
  if (e.datasetIsDefault) setExampleDataset(state, "");
}

const FeatureOverlay* visibleGallery(const ViewerState& state) {
  const std::optional<ChannelExamplesRequest> selected = selectedChannelExamples(state);
  const ChannelExamplesState& e = state.channelExamples;
  if (!selected || e.pictures.gallery.pictures.empty() || !e.error.empty()) return nullptr;
  // Presenting a tour: only a step that asks for them shows them (as `record` does).
  if (state.tour.player && !state.tour.player->currentStep().examples) return nullptr;
  // The same channel (a new image of the same model keeps its examples on screen until they are refreshed).
  if (e.shown.layer != selected->layer || e.shown.channel != selected->channel ||
      e.shown.dataset != selected->dataset || e.shown.model != selected->model)
    return nullptr;
  return &e.pictures.gallery;
}

}  // namespace convoscope
