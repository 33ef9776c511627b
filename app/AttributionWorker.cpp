#include "app/AttributionWorker.h"

#include <filesystem>

#include "app/FeatureImageFile.h"
#include "core/ResultCache.h"
#include "core/TextFormat.h"
#include "engine/FeatureCache.h"

namespace convoscope {

std::string attributionSummary(const Attribution& a, bool everyLayer) {
  std::string text = "logit " + fixedNumber(a.score);
  if (a.layer >= 0) text += " · at " + a.layerName;
  if (everyLayer) text += " · and every spatial slab";
  if (a.delta) text += " · completeness gap " + fixedNumber(*a.delta);
  return text;
}

BackgroundJob<HeatJobResult>::Work heatMapWork(std::shared_ptr<const CaptureModel> model,
                                               std::shared_ptr<const Snapshot> snapshot,
                                               const AttributionRequest& request) {
  return [model, snapshot, request](const BackgroundJob<HeatJobResult>::Progress& progress) {
    AttributionOutcome outcome = computeAttributionOverlay(*model, *snapshot, request, progress);
    return HeatJobResult{std::make_shared<HeatOverlay>(std::move(outcome.overlay)),
                         attributionSummary(outcome.attribution, request.everyLayer)};
  };
}

BackgroundJob<std::vector<float>>::Work layerGradientWork(std::shared_ptr<const CaptureModel> model,
                                                          std::shared_ptr<const Snapshot> snapshot, int layer,
                                                          const ClassTarget& target) {
  return [model, snapshot, layer, target](const BackgroundJob<std::vector<float>>::Progress& progress) {
    LayerGradients g = model->layerGradients(snapshot->layers.at(0).output.data, layer, target);
    progress(1.0f);
    return std::move(g.gradient);
  };
}

BackgroundJob<ChannelFeaturePicture>::Work channelFeatureWork(std::shared_ptr<const CaptureModel> model, int layer,
                                                              int channel) {
  return [model, layer, channel](const BackgroundJob<ChannelFeaturePicture>::Progress& progress) {
    FeatureOptions options;
    options.layer = layer;
    options.channels = {channel};
    options.progress = progress;
    const CachedFeatures result = visualizeFeaturesCached(*model, options);
    const FeatureImage& image = result.images.at(0);
    const std::string path = cacheDirectory() + "/pictures/" + hexText(result.modelHash) + "-" +
                             std::to_string(layer) + "-" + std::to_string(channel) + ".png";
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    writePng(featureRgba(image, upscaleFor(image, 112)), path);
    return ChannelFeaturePicture{path, image.activation};
  };
}

BackgroundJob<std::vector<FeaturePicture>>::Work featureBatchWork(std::shared_ptr<const CaptureModel> model, int layer,
                                                                  std::vector<int> channels) {
  return [model, layer, channels = std::move(channels)](const BackgroundJob<std::vector<FeaturePicture>>::Progress& progress) {
    return computeFeaturePictures(*model, layer, channels, progress);
  };
}

}  // namespace convoscope
