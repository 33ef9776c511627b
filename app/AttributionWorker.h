#pragma once
// The window's engine work besides loading, as BackgroundJob work (app/BackgroundJob.h): the heat maps of a
// request, the gradient of a score with respect to one layer (the inspector's ∂y/∂cell), and a channel's
// feature visualization. Each holds
// its own reference to the model and snapshot, so a new model may arrive while it runs.
#include <memory>
#include <string>
#include <vector>

#include "app/AttributionOverlay.h"
#include "app/BackgroundJob.h"
#include "app/FeaturePictures.h"

namespace convoscope {

struct HeatJobResult {
  std::shared_ptr<HeatOverlay> overlay;
  std::string summary;  // "logit 7.31 · at conv_2_2 · completeness gap 0.002"
};

BackgroundJob<HeatJobResult>::Work heatMapWork(std::shared_ptr<const CaptureModel> model,
                                               std::shared_ptr<const Snapshot> snapshot,
                                               const AttributionRequest& request);
// ∂y/∂(every value of `layer`'s output), row-major like the layer's output.
BackgroundJob<std::vector<float>>::Work layerGradientWork(std::shared_ptr<const CaptureModel> model,
                                                          std::shared_ptr<const Snapshot> snapshot, int layer,
                                                          const ClassTarget& target);

// A channel's feature visualization as a picture file for the inspector (through the disk cache; the PNG is
// written beside the cache entries, named by the same key).
struct ChannelFeaturePicture {
  std::string path;
  float activation = 0;
};
BackgroundJob<ChannelFeaturePicture>::Work channelFeatureWork(std::shared_ptr<const CaptureModel> model, int layer,
                                                              int channel);

// Features mode: `channels` of `layer` as tile pictures (app/FeaturePictures.h).
BackgroundJob<std::vector<FeaturePicture>>::Work featureBatchWork(std::shared_ptr<const CaptureModel> model, int layer,
                                                                  std::vector<int> channels);

// One line for the panel and captions: the score, the layer a Grad-CAM map is at (and that every spatial slab
// has its own), IG's completeness gap.
std::string attributionSummary(const Attribution& attribution, bool everyLayer = false);

}  // namespace convoscope
