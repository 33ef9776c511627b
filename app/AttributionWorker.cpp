#include "app/AttributionWorker.h"

#include "core/TextFormat.h"

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

}  // namespace convoscope
