#pragma once
// "What does this channel look for?" in the inspector: the selected channel's feature visualization, computed
// on the window's worker (app/WindowAttribution.cpp) through the disk cache and shown as a picture file the
// panel's thumbnails load. For a folded slab (conv → relu) the channel is visualized at its convolution,
// whose objective still has a gradient where the ReLU would be zero. Torch- and GL-free.
#include <cstdint>
#include <optional>
#include <string>

namespace convoscope {

struct ViewerState;

struct ChannelFeatureRequest {
  uint64_t snapshotId = 0;
  int layer = -1, channel = -1;
  bool operator==(const ChannelFeatureRequest& o) const {
    return snapshotId == o.snapshotId && layer == o.layer && channel == o.channel;
  }
};

struct ChannelFeatureState {
  ChannelFeatureRequest shown;  // what imagePath (or error) answers
  std::string imagePath;        // a PNG of the picture, upscaled by whole pixels
  float activation = 0;         // the channel's mean activation on it
  std::string error;
  std::optional<ChannelFeatureRequest> computing;
};

// The picture the selection needs when it is neither shown nor being computed.
std::optional<ChannelFeatureRequest> wantedChannelFeature(const ViewerState& state);
// The request for the current selection (nullopt without a channel of a C×H×W layer).
std::optional<ChannelFeatureRequest> selectedChannelFeature(const ViewerState& state);
void finishChannelFeature(ViewerState& state, const ChannelFeatureRequest& request, std::string imagePath,
                          float activation, std::string error);

}  // namespace convoscope
