#pragma once
// The window's worker job for the inspector's "fires most on" section and the 3D gallery: the selected
// channel's top dataset examples (through the disk cache, engine/TopExampleCache.h), as a sheet PNG with each
// strongest cell's receptive field outlined, the list of labels and values, and small pictures for the gallery.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/BackgroundJob.h"
#include "core/Snapshot.h"
#include "engine/CaptureModel.h"
#include "ui/ChannelExamples.h"

namespace convoscope {

using ChannelExamplesResult = ChannelExamplesPictures;

// The same, synchronously (`record`); `progress` as in FeatureOptions.
ChannelExamplesResult computeChannelExamples(const CaptureModel& model, const Snapshot& snapshot,
                                             const ChannelExamplesRequest& request,
                                             const std::function<void(float)>& progress = {});
BackgroundJob<ChannelExamplesResult>::Work channelExamplesWork(std::shared_ptr<const CaptureModel> model,
                                                               std::shared_ptr<const Snapshot> snapshot,
                                                               ChannelExamplesRequest request);

}  // namespace convoscope
