// The engine functions the convoscope binary calls, defined here as forwarders to the opened engine module
// (app/EngineLibrary.h): the binary links none of engine/, so each call below opens the module on first use.
// The linker keeps this list complete — an engine function called from app/ without a forwarder here is an
// undefined symbol. CaptureModel's methods need none: they are virtual and reached through the object.
#include "app/EngineLibrary.h"

namespace convoscope {

std::unique_ptr<CaptureModel> CaptureModel::load(const LoadOptions& options) {
  return engineEntryPoints().loadModel(options);
}

int probeModelLoad(const std::vector<std::string>& paths) { return engineEntryPoints().probeModelLoad(paths); }

std::vector<float> attack(const CaptureModel& model, const std::vector<float>& pixels, int predicted,
                          const AttackOptions& options) {
  return engineEntryPoints().attack(model, pixels, predicted, options);
}

std::optional<float> smallestFlippingEpsilon(const CaptureModel& model, const std::vector<float>& pixels,
                                             int predicted, const AttackOptions& options, float maxEpsilon) {
  return engineEntryPoints().smallestFlippingEpsilon(model, pixels, predicted, options, maxEpsilon);
}

Attribution attribute(const CaptureModel& model, const std::vector<float>& input, const Snapshot& snapshot,
                      const AttributionOptions& options) {
  return engineEntryPoints().attribute(model, input, snapshot, options);
}

EvaluationResult evaluateModel(const CaptureModel& model, const IdxDataset& data) {
  return engineEntryPoints().evaluateModel(model, data);
}

CachedFeatures visualizeFeaturesCached(const CaptureModel& model, const FeatureOptions& options, bool useCache) {
  return engineEntryPoints().visualizeFeaturesCached(model, options, useCache);
}

SeriesModels loadSeriesModels(const std::string& path, const LoadOptions& base, const SeriesProgress& progress) {
  return engineEntryPoints().loadSeriesModels(path, base, progress);
}

std::vector<std::shared_ptr<const Snapshot>> runSeries(const SeriesModels& models, const std::string& imagePath,
                                                       const SeriesProgress& progress) {
  return engineEntryPoints().runSeries(models, imagePath, progress);
}

TrainResult trainTinyVgg(const TrainOptions& options) { return engineEntryPoints().trainTinyVgg(options); }

CachedTopExamples topExamplesCached(const CaptureModel& model, const ExampleSource& source, int layer, int k,
                                    const std::function<void(float)>& progress, bool useCache) {
  return engineEntryPoints().topExamplesCached(model, source, layer, k, progress, useCache);
}

}  // namespace convoscope
