#pragma once
// "Which images fire this channel most?" for the selected channel: its top dataset examples, computed on the
// window's worker (app/AttributionWorker.h) through the disk cache (engine/TopExampleCache.h), shown as a sheet
// in the inspector (the receptive field of each strongest cell outlined, the labels listed) and as a 3×3
// gallery floating beside the tile in 3D. The dataset is a folder the user picks; the bundled model uses
// Fashion-MNIST's test set when it is installed (its results ship in assets/cache). Torch- and GL-free.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scene/FeatureOverlay.h"

namespace convoscope {

struct ViewerState;

struct ChannelExamplesRequest {
  uint64_t snapshotId = 0;
  int layer = -1, channel = -1;
  std::string dataset;
  uint64_t model = 0;  // ChannelExamplesState::model when asked: another model's examples are never shown
  bool operator==(const ChannelExamplesRequest& o) const {
    return snapshotId == o.snapshotId && layer == o.layer && channel == o.channel && dataset == o.dataset &&
           model == o.model;
  }
};

// One example as the inspector lists it.
struct ExampleEntry {
  int index = 0;          // position in the dataset
  std::string labelName;  // the dataset's class name, else the model's
  float value = 0;        // the channel's spatial maximum on it
  int y = 0, x = 0;       // where
};

// What the worker hands back for one channel (app/ChannelExamplesWork.h).
struct ChannelExamplesPictures {
  std::string sheetPath;  // PNG: the examples side by side, receptive fields outlined
  std::string cropsPath;  // PNG: the receptive fields alone, enlarged
  std::vector<ExampleEntry> examples;
  FeatureOverlay gallery;  // the same images as small pictures (receptive field outlined) for the 3D gallery
};

struct ChannelExamplesState {
  std::string dataset;  // the folder examples come from; empty: none chosen (the section offers to choose)
  bool datasetIsDefault = false;  // chosen by the app for the bundled model, not by the user: a new model drops it
  uint64_t model = 1;             // bumped by each new model
  std::string datasetDraft;  // the inspector's text field
  ChannelExamplesRequest shown;  // what the fields below answer
  ChannelExamplesPictures pictures;
  std::string error;
  std::optional<ChannelExamplesRequest> computing;
  float progress = 0;
};

// Fashion-MNIST's test set where Debian's dataset-fashion-mnist puts it.
constexpr const char* kFashionMnistFolder = "/usr/share/datasets/fashion-mnist";

// The request for the current selection (the same layer as the feature picture), nullopt without a channel of
// a C×H×W layer or without a dataset.
std::optional<ChannelExamplesRequest> selectedChannelExamples(const ViewerState& state);
// The request the selection needs when it is neither shown nor being computed.
std::optional<ChannelExamplesRequest> wantedChannelExamples(const ViewerState& state);
void finishChannelExamples(ViewerState& state, const ChannelExamplesRequest& request,
                           ChannelExamplesPictures pictures, std::string error);
// Picks the dataset folder (from the inspector or `view --examples`, or the app's default for the bundled
// model); the next frame asks for the examples.
void setExampleDataset(ViewerState& state, const std::string& folder, bool isDefault = false);
// A new model: its examples are not the old one's, and a default dataset is chosen again (or none).
void forgetChannelExamples(ViewerState& state);
// The gallery to draw in 3D: the shown examples while their channel is still selected, else null.
const FeatureOverlay* visibleGallery(const ViewerState& state);

}  // namespace convoscope
